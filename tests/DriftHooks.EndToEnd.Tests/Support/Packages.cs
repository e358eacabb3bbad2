using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DriftHooks.EndToEnd.Tests.Support;

/// <summary>
/// The packages <c>install/pack.sh</c> builds for this machine's platform (artifacts/packages): npm tarballs, dotnet
/// tool packages, the release archive. Built once if missing, as <see cref="NativeBinaries"/> are.
/// </summary>
internal static class Packages
{
    private static readonly Lazy<string> Folder = new(Build);

    public static string Directory => Folder.Value;

    /// <summary>The one file in the folder whose name matches <paramref name="pattern"/> (a regular expression).</summary>
    public static string Single(string pattern)
    {
        var found = System.IO.Directory.GetFiles(Directory).Where(f => Regex.IsMatch(Path.GetFileName(f), "^" + pattern + "$")).ToList();
        return found.Count == 1 ? found[0] : throw new InvalidOperationException($"expected one file named {pattern} in {Directory}, found {found.Count}");
    }

    /// <summary>The main npm package: JavaScript only, named drifthooks-&lt;version&gt;.tgz.</summary>
    public static string NpmMain => Single(@"drifthooks-\d[^-]*\.tgz");

    /// <summary>This platform's npm package (@drifthooks/linux-x64 packs as drifthooks-linux-x64-&lt;version&gt;.tgz).</summary>
    public static string NpmPlatform => Single(@"drifthooks-[a-z]+-[a-z0-9]+(-musl)?-\d.*\.tgz");

    /// <summary>The packages' version (0.1.0), from the main npm package's file name.</summary>
    public static string Version => Path.GetFileName(NpmMain)["drifthooks-".Length..^".tgz".Length];

    private static string Build()
    {
        var folder = Path.Combine(NativeBinaries.RepositoryRoot, "artifacts", "packages");
        if (!File.Exists(Path.Combine(folder, "SHA256SUMS")))
        {
            var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
            if (new[] { "node", "npm" }.FirstOrDefault(tool => !path.Any(d => File.Exists(Path.Combine(d, tool)))) is { } missing)
            {
                NUnit.Framework.Assert.Ignore($"Needs {missing} to build the packages (install/pack.sh builds the npm packages with npm pack).");
            }

            var pack = Process.Start(new ProcessStartInfo("bash", [Path.Combine(NativeBinaries.RepositoryRoot, "install", "pack.sh")]) { UseShellExecute = false })!;
            pack.WaitForExit();
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("install/pack.sh failed; the packages are needed for the package tests.");
            }
        }

        return folder;
    }
}
