using DriftHooks.Core.Git;

namespace DriftHooks.Core.Installation;

/// <summary>
/// What <c>drifthooks install</c> did, kept in <c>.git/drifthooks/install.state</c> so that the hooks can find a
/// chained hook and <c>uninstall</c> can put back exactly what was there.
/// </summary>
/// <param name="HooksDirectory">The folder git runs hooks from (absolute; kept relative to the state folder when both are
/// in one clone, so that a moved clone still finds it).</param>
/// <param name="Hooks">The hooks installed.</param>
/// <param name="Husky">The hooks run from husky's scripts (<see cref="HuskyScript"/>), not from links in the folder.</param>
/// <param name="Version">The <see cref="BuildVersion"/> of the DriftHooks that installed the hooks (null: an install older than this record).</param>
/// <param name="Invocation">How the user runs DriftHooks here (<see cref="Installation.Invocation"/>; null: an install older than this record).</param>
internal sealed record InstallState(string HooksDirectory, IReadOnlyList<string> Hooks, bool Husky = false, string? Version = null, InvocationKind? Invocation = null)
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
        var husky = false;
        string? version = null;
        InvocationKind? invocation = null;
        foreach (var line in Files.RegularFile.ReadLines(path))
        {
            if (line.StartsWith("hooks-dir=", StringComparison.Ordinal))
            {
                hooksDirectory = line["hooks-dir=".Length..];
            }
            else if (line.StartsWith("hook=", StringComparison.Ordinal))
            {
                hooks.Add(line["hook=".Length..]);
            }
            else if (line == "mode=husky")
            {
                husky = true;
            }
            else if (line.StartsWith("version=", StringComparison.Ordinal))
            {
                version = line["version=".Length..];
            }
            else if (line.StartsWith(InvocationKey, StringComparison.Ordinal))
            {
                invocation = Installation.Invocation.FromState(line[InvocationKey.Length..]);
            }
        }

        return hooksDirectory is null ? null : new InstallState(Path.GetFullPath(hooksDirectory, stateDirectory), hooks, husky, version, invocation);
    }

    /// <summary>The invocation the install recorded, null when there is no record of it (read only when a fix names a command).</summary>
    public static InvocationKind? ReadInvocation(string stateDirectory)
    {
        var path = PathFor(stateDirectory);
        return File.Exists(path)
            ? Files.RegularFile.ReadLines(path).Where(l => l.StartsWith(InvocationKey, StringComparison.Ordinal)).Select(l => Installation.Invocation.FromState(l[InvocationKey.Length..])).LastOrDefault()
            : null;
    }

    private const string InvocationKey = "invocation=";

    public void Write(RepositoryLocation location)
    {
        var stateDirectory = location.StateDirectory;
        Directory.CreateDirectory(stateDirectory);
        var hooksDirectory = HookInstaller.WithinClone(location, stateDirectory, HooksDirectory);
        var lines = new List<string> { "# written by drifthooks install; read by the hooks and by drifthooks uninstall", "hooks-dir=" + hooksDirectory };
        lines.AddRange(Hooks.Select(h => "hook=" + h));
        if (Husky)
        {
            lines.Add("mode=husky");
        }

        if (Version is not null)
        {
            lines.Add("version=" + Version);
        }

        if (Invocation is { } invocation)
        {
            lines.Add(InvocationKey + Installation.Invocation.ToState(invocation));
        }

        Files.FileWriter.Replace(PathFor(stateDirectory), string.Join('\n', lines) + "\n");
    }

    /// <summary>Where a hook that was there before DriftHooks is kept and run from (same folder, so its own relative paths still work).</summary>
    public static string ChainedPath(string hooksDirectory, string hook) => Path.Combine(hooksDirectory, hook + ".drifthooks-chained");
}
