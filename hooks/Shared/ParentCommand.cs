namespace DriftHooks.Hooks;

/// <summary>The command line of the git process that runs this hook, read from /proc (Linux); null where unknown.</summary>
internal static class ParentCommand
{
    /// <summary>
    /// The git process that runs this hook: the parent, or the parent of a shell between them (a chained or husky
    /// script). Anything else (a benchmark, a terminal) ends the search after one read.
    /// </summary>
    public static IReadOnlyList<string>? NearestGit()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var pid = ParentOf(Environment.ProcessId);
            for (var depth = 0; depth < 3 && pid > 1; depth++)
            {
                var arguments = File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Split('\0');
                var program = Path.GetFileName(arguments[0]);
                if (program == "git")
                {
                    return arguments;
                }

                if (program is not ("sh" or "bash" or "dash" or "zsh" or "ash" or "busybox"))
                {
                    return null;
                }

                pid = ParentOf(pid);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // A process that ended or is hidden: not knowing is the same as a plain commit.
        }

        return null;
    }

    // /proc/<pid>/stat is "pid (name) state ppid …"; the name may hold spaces and parentheses, so read after the last ')'.
    private static int ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
