namespace DriftHooks.Hooks;

/// <summary>The command line of the git process that runs this hook, read from /proc (Linux); null where unknown.</summary>
internal static class ParentCommand
{
    /// <summary>
    /// The nearest ancestor that is git: git runs the hook directly, or through a chained or husky shell script,
    /// so a few levels up suffice.
    /// </summary>
    public static IReadOnlyList<string>? NearestGit()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var pid = Environment.ProcessId;
            for (var depth = 0; depth < 4; depth++)
            {
                pid = ParentOf(pid);
                if (pid <= 1)
                {
                    return null;
                }

                var arguments = File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Split('\0');
                if (arguments.Length > 0 && Path.GetFileName(arguments[0]) == "git")
                {
                    return arguments;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
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
