namespace DriftHooks.Core.Installation;

/// <summary>
/// The hook git runs: a small <c>#!/bin/sh</c> script that <c>exec</c>s the installed DriftHooks executable with the
/// hook's name. A script, not a link, because git runs hooks through its own <c>sh</c> on every OS (Git for Windows
/// too, where links need Developer Mode), and the name is passed, not read from how the program was started.
/// </summary>
internal static class HookScript
{
    /// <summary>The line that marks a hook script as DriftHooks's own (install replaces it, uninstall removes it).</summary>
    public const string Marker = "written by drifthooks install; drifthooks uninstall removes it";

    /// <summary>
    /// The script for <paramref name="hook"/> running <paramref name="executable"/>. Relative (to the hooks folder, the
    /// script's own), it is found from <c>$0</c>, the path git ran the script by, with no process started, so that a
    /// clone moved to another folder still commits; absolute where the two are not in one clone.
    /// </summary>
    public static string Text(string hook, string executable, bool windows) =>
        "#!/bin/sh\n"
        + $"# DriftHooks {hook} hook, {Marker}.\n"
        + "# exec: git waits for DriftHooks itself, which reads git's command line (git commit --amend).\n"
        + $"exec {(IsAbsolute(executable, windows) ? "" : "\"${0%/*}\"/")}{ShellQuote(ShellPath(executable, windows))} hook {hook} \"$@\"\n";

    // Decided by the target's rules, not this machine's: a Windows path is judged as Windows reads it in the tests too.
    private static bool IsAbsolute(string path, bool windows) =>
        windows ? path.StartsWith('\\') || path.StartsWith('/') || (path.Length > 2 && path[1] == ':') : path.StartsWith('/');

    /// <summary>
    /// A path as sh reads it: Git for Windows' sh takes <c>C:/Users/…</c>, so backslashes become slashes there.
    /// </summary>
    public static string ShellPath(string path, bool windows) => windows ? path.Replace('\\', '/') : path;

    /// <summary>One sh word whatever the path holds (spaces, quotes, <c>$</c>): single quotes, each <c>'</c> as <c>'\''</c>.</summary>
    public static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>True when the file at <paramref name="path"/> is a DriftHooks hook script (of any install, any version).</summary>
    public static bool IsOurs(string path)
    {
        if (new FileInfo(path).LinkTarget is not null || Files.RegularFile.TryReadStart(path, 512) is not { } start)
        {
            return false;
        }

        return System.Text.Encoding.UTF8.GetString(start).Contains(Marker, StringComparison.Ordinal);
    }
}
