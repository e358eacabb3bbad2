namespace DriftHooks.Core.Installation;

/// <summary>
/// What <c>drifthooks install</c> did, kept in <c>.git/drifthooks/install.state</c> so that the hooks can find a
/// chained hook and <c>uninstall</c> can put back exactly what was there.
/// </summary>
public sealed record InstallState(string HooksDirectory, IReadOnlyList<string> Hooks)
{
    public static string PathFor(string stateDirectory) => Path.Combine(stateDirectory, "install.state");

    public static InstallState? Read(string stateDirectory)
    {
        var path = PathFor(stateDirectory);
        if (!File.Exists(path))
        {
            return null;
        }

        string? hooksDirectory = null;
        var hooks = new List<string>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith("hooks-dir=", StringComparison.Ordinal))
            {
                hooksDirectory = line["hooks-dir=".Length..];
            }
            else if (line.StartsWith("hook=", StringComparison.Ordinal))
            {
                hooks.Add(line["hook=".Length..]);
            }
        }

        return hooksDirectory is null ? null : new InstallState(hooksDirectory, hooks);
    }

    public void Write(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        var lines = new List<string> { "# written by drifthooks install; read by the hooks and by drifthooks uninstall", "hooks-dir=" + HooksDirectory };
        lines.AddRange(Hooks.Select(h => "hook=" + h));
        File.WriteAllLines(PathFor(stateDirectory), lines);
    }

    /// <summary>Where a hook that was there before DriftHooks is kept and run from (same folder, so its own relative paths still work).</summary>
    public static string ChainedPath(string hooksDirectory, string hook) => Path.Combine(hooksDirectory, hook + ".drifthooks-chained");
}
