using System.Diagnostics;

namespace DriftHooks.EndToEnd.Tests.Support;

/// <summary>
/// The published native executables under test (artifacts/native). End-to-end tests run these, never the JIT
/// build, because some library calls behave differently under native AOT. Built once if missing.
/// </summary>
internal static class NativeBinaries
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string Directory => Folder.Value;

    public static string Drifthooks => Path.Combine(Directory, "drifthooks");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string Locate()
    {
        var folder = Path.Combine(RepositoryRoot, "artifacts", "native");
        if (!File.Exists(Path.Combine(folder, "drifthooks")) || !File.Exists(Path.Combine(folder, "pre-commit")) || !File.Exists(Path.Combine(folder, "pre-push")))
        {
            var build = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "install", "install.sh"), "--build-only"]) { UseShellExecute = false })!;
            build.WaitForExit();
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException("install/install.sh --build-only failed; the native binaries are needed for end-to-end tests.");
            }
        }

        return folder;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DriftHooks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DriftHooks.sln not found above the test assembly.");
    }
}
