using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;

namespace DriftHooks.Core.Installation;

/// <summary>
/// Installs the native hooks into a repository: copies the one DriftHooks executable (with libgit2) to
/// <c>.git/drifthooks/bin/</c>, writes a <see cref="HookScript"/> per hook into the hooks folder git uses (honouring
/// <c>core.hooksPath</c>; shared by linked worktrees), and keeps any hook that was already there, to be run first.
/// Idempotent; <see cref="Uninstall"/> restores what was replaced.
/// </summary>
internal static class HookInstaller
{
    /// <summary>
    /// The hooks installed. <c>pre-merge-commit</c> is the pre-commit check for a merge git concludes by itself
    /// (<c>git merge</c>, <c>git pull</c> without conflicts), which never runs <c>pre-commit</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> HookNames = ["pre-commit", "pre-merge-commit", "pre-push"];

    /// <summary>The DriftHooks executable's file name: it serves as the command and as every hook.</summary>
    public static string ExecutableName(bool windows) => windows ? "drifthooks.exe" : "drifthooks";

    /// <summary>The libgit2 library that travels with the executable: <c>libgit2-*.so</c>, <c>libgit2-*.dylib</c>, <c>git2-*.dll</c>.</summary>
    public static bool IsNativeLibrary(string fileName) =>
        (fileName.StartsWith("libgit2", StringComparison.Ordinal) && (fileName.EndsWith(".so", StringComparison.Ordinal) || fileName.EndsWith(".dylib", StringComparison.Ordinal)))
        || (fileName.StartsWith("git2-", StringComparison.Ordinal) && fileName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));

    /// <summary>Where install puts the executable the hook scripts run.</summary>
    public static string InstalledExecutable(RepositoryLocation location) =>
        Path.Combine(location.StateDirectory, "bin", ExecutableName(OperatingSystem.IsWindows()));

    /// <param name="invocation">How the user runs DriftHooks here, recorded for the fixes the hooks print (<see cref="Invocation"/>).</param>
    public static IReadOnlyList<string> Install(RepositoryLocation location, string binariesDirectory, InvocationKind invocation = InvocationKind.Plain)
    {
        var hooksDirectory = HooksDirectory(location);
        Directory.CreateDirectory(Path.Combine(location.StateDirectory, "bin"));
        Directory.CreateDirectory(hooksDirectory);

        var report = new List<string>();
        LeavePreviousHooksDirectory(location, hooksDirectory, report, invocation);
        CopyExecutable(location, binariesDirectory);
        var husky = HuskyScript.IsHuskyFolder(hooksDirectory);
        foreach (var hook in HookNames)
        {
            if (husky)
            {
                AddToHusky(hooksDirectory, hook, report, invocation);
            }
            else
            {
                WriteKeepingExisting(location, hooksDirectory, hook, report);
            }
        }

        new InstallState(hooksDirectory, HookNames, Husky: husky, BuildVersion.Current, invocation).Write(location);
        return report;
    }

    /// <summary>core.hooksPath changed since the last install: take our hooks out of the old folder, putting back what they replaced.</summary>
    private static void LeavePreviousHooksDirectory(RepositoryLocation location, string hooksDirectory, List<string> report, InvocationKind invocation)
    {
        var previous = InstallState.Read(location.StateDirectory);
        if (previous is null || SamePath(previous.HooksDirectory, hooksDirectory))
        {
            return;
        }

        foreach (var hook in previous.Hooks)
        {
            var removed = previous.Husky ? HuskyScript.Remove(HuskyScript.PathFor(previous.HooksDirectory, hook), hook, invocation) : RemoveHook(previous.HooksDirectory, hook);
            report.Add(removed + $" in {previous.HooksDirectory} (git now runs hooks from {hooksDirectory})");
        }
    }

    /// <summary>The one executable and the libgit2 library beside it, copied to <c>.git/drifthooks/bin/</c>.</summary>
    private static void CopyExecutable(RepositoryLocation location, string binariesDirectory)
    {
        var executable = InstalledExecutable(location);
        var bin = Path.GetDirectoryName(executable)!;
        var source = Path.Combine(binariesDirectory, Path.GetFileName(executable));
        if (!File.Exists(source))
        {
            throw new ConfigurationException($"'{source}' is missing. Build DriftHooks first (install/install.sh --build-only), or run install from the drifthooks executable itself.");
        }

        // Older installs kept one binary (or link) per hook here; the hook scripts run the one executable.
        foreach (var hook in HookNames)
        {
            File.Delete(Path.Combine(bin, hook));
        }

        CopyReplacing(source, executable);
        foreach (var file in Directory.EnumerateFiles(binariesDirectory))
        {
            if (IsNativeLibrary(Path.GetFileName(file)))
            {
                CopyReplacing(file, Path.Combine(bin, Path.GetFileName(file)));
            }
        }
    }

    private static void AddToHusky(string hooksDirectory, string hook, List<string> report, InvocationKind invocation)
    {
        // An older install linked into husky's folder: put husky's stub back before husky overwrites the binary.
        if (OwnHook.Is(Path.Combine(hooksDirectory, hook)))
        {
            report.Add(RemoveHook(hooksDirectory, hook));
        }

        report.Add(HuskyScript.Add(HuskyScript.PathFor(hooksDirectory, hook), hook, invocation));
    }

    /// <summary>Writes the hook, keeping a hook that was there (not DriftHooks's) to be run first.</summary>
    private static void WriteKeepingExisting(RepositoryLocation location, string hooksDirectory, string hook, List<string> report)
    {
        var target = Path.Combine(hooksDirectory, hook);
        var chained = InstallState.ChainedPath(hooksDirectory, hook);

        // A "chained" hook that is DriftHooks itself (an older install, or one from another clone) would run DriftHooks twice, or forever.
        if (OwnHook.Is(chained))
        {
            File.Delete(chained);
        }

        if (OwnHook.Is(target))
        {
            File.Delete(target);
        }
        else if (File.Exists(target) || IsSymlink(target))
        {
            if (File.Exists(chained))
            {
                throw new ConfigurationException($"Both '{target}' and '{chained}' exist; DriftHooks will not overwrite either. Move one of them away and install again.");
            }

            File.Move(target, chained);
            report.Add($"{hook}: kept the existing hook as {chained}; it runs before DriftHooks");
        }

        WriteHook(location, hooksDirectory, hook);
        report.Add($"{hook}: installed in {hooksDirectory}");
    }

    public static IReadOnlyList<string> Uninstall(RepositoryLocation location)
    {
        var state = InstallState.Read(location.StateDirectory);
        var report = new List<string>();
        if (state is null)
        {
            report.Add("DriftHooks is not installed in this repository; nothing to do.");
            return report;
        }

        var bin = Path.Combine(location.StateDirectory, "bin");
        foreach (var hook in state.Hooks)
        {
            report.Add(state.Husky ? HuskyScript.Remove(HuskyScript.PathFor(state.HooksDirectory, hook), hook, state.Invocation ?? InvocationKind.Plain) : RemoveHook(state.HooksDirectory, hook));
        }

        if (Directory.Exists(bin))
        {
            Directory.Delete(bin, recursive: true);
        }

        File.Delete(InstallState.PathFor(location.StateDirectory));
        return report;
    }

    /// <summary>The hook script install writes into <paramref name="hooksDirectory"/> for <paramref name="hook"/> on Windows.</summary>
    public static string Script(RepositoryLocation location, string hooksDirectory, string hook) =>
        HookScript.Text(hook, WithinClone(location, hooksDirectory, InstalledExecutable(location)), OperatingSystem.IsWindows());

    /// <summary>
    /// What a hook links to on Linux and macOS: the installed executable, relative to the hooks folder when both are in
    /// this clone (a moved clone still commits), else absolute. The executable runs as the hook its link is named after.
    /// </summary>
    public static string LinkTarget(RepositoryLocation location, string hooksDirectory) =>
        WithinClone(location, hooksDirectory, InstalledExecutable(location));

    /// <summary>True when <paramref name="hook"/> in <paramref name="hooksDirectory"/> is exactly what this build installs there.</summary>
    public static bool IsInstalledHook(RepositoryLocation location, string hooksDirectory, string hook)
    {
        var path = Path.Combine(hooksDirectory, hook);
        return OperatingSystem.IsWindows()
            ? Files.RegularFile.ReadTextIfPresent(path) == Script(location, hooksDirectory, hook)
            : new FileInfo(path).LinkTarget == LinkTarget(location, hooksDirectory);
    }

    /// <summary>
    /// A link where links are cheap: git then starts DriftHooks itself, where a script would start <c>sh</c> first (about
    /// 1 ms of every commit, measured with bench/pre-commit.sh). On Windows a script, as Git for Windows runs hooks through
    /// its <c>sh</c> and links need Developer Mode there. Both replace atomically: made beside the hook, then renamed over it.
    /// </summary>
    private static void WriteHook(RepositoryLocation location, string hooksDirectory, string hook)
    {
        var target = Path.Combine(hooksDirectory, hook);
        if (OperatingSystem.IsWindows())
        {
            Files.FileWriter.Replace(target, Script(location, hooksDirectory, hook), (UnixFileMode)0b111_101_101);
            return;
        }

        Files.FileWriter.EnsureWritable(target);
        var temporary = Path.Combine(hooksDirectory, $".{hook}.drifthooks-{Guid.NewGuid():N}");
        File.CreateSymbolicLink(temporary, LinkTarget(location, hooksDirectory));
        try
        {
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// <paramref name="path"/> relative to <paramref name="folder"/> when both are inside this clone (its work tree, or its
    /// common git directory), so that they move together; else absolute (a hooks folder shared from outside the clone).
    /// </summary>
    public static string WithinClone(RepositoryLocation location, string folder, string path)
    {
        bool Inside(string candidate) => IsUnder(candidate, location.WorkTree) || IsUnder(candidate, location.CommonDirectory);
        return Inside(folder) && Inside(path) ? Path.GetRelativePath(folder, path) : path;
    }

    /// <summary>The folder git runs hooks from: <c>core.hooksPath</c> (relative to the work tree) or the common git directory's hooks.</summary>
    public static string HooksDirectory(RepositoryLocation location) =>
        HooksPathSetting(location) is { } configured ? configured : Path.Combine(location.CommonDirectory, "hooks");

    /// <summary><c>core.hooksPath</c> as a full path, or null when it is not set.</summary>
    public static string? HooksPathSetting(RepositoryLocation location)
    {
        string? configured;
        using (var reader = new RepositoryReader(location))
        {
            configured = reader.Config("core.hooksPath");
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        if (configured.StartsWith("~/", StringComparison.Ordinal))
        {
            configured = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), configured[2..]);
        }

        return Path.GetFullPath(configured, location.WorkTree);
    }

    /// <summary>Removes DriftHooks's hook script (or an older install's link) and moves the hook it replaced back (content and mode as they were).</summary>
    private static string RemoveHook(string hooksDirectory, string hook)
    {
        var target = Path.Combine(hooksDirectory, hook);
        var chained = InstallState.ChainedPath(hooksDirectory, hook);
        var removed = false;
        if (OwnHook.Is(target))
        {
            File.Delete(target);
            removed = true;
        }

        // Another DriftHooks build's hook, kept by an install that did not know it: never put back as the user's hook.
        if (OwnHook.Is(chained))
        {
            File.Delete(chained);
        }

        if (File.Exists(chained) || IsSymlink(chained))
        {
            if (File.Exists(target) || IsSymlink(target))
            {
                return $"{hook}: {target} is no longer DriftHooks's (another tool replaced it), so it was left alone; the hook DriftHooks had kept is still at {chained}";
            }

            File.Move(chained, target);
            return $"{hook}: restored the previous hook";
        }

        return removed ? $"{hook}: removed" : $"{hook}: {target} is not DriftHooks's; left alone";
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    private static bool IsUnder(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    private static bool IsSymlink(string path) => new FileInfo(path).LinkTarget is not null;

    // A running hook binary cannot be overwritten in place ("text file busy"): write beside it, then rename.
    private static void CopyReplacing(string source, string destination) =>
        Files.FileWriter.CopyReplacing(source, destination, OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(source) | UnixFileMode.UserExecute);
}
