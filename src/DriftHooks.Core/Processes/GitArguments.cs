namespace DriftHooks.Core.Processes;

/// <summary>A git process's command line (its argv, as the process table gives it) read as git reads it.</summary>
internal static class GitArguments
{
    /// <summary>
    /// Where git's command word is (<c>commit</c> in <c>git -C /repo commit --amend</c>), after git's own options;
    /// -1 when <paramref name="arguments"/> are not git's or name no command.
    /// </summary>
    public static int CommandIndex(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0 || ParentGit.ProgramName(arguments[0]) != "git")
        {
            return -1;
        }

        for (var i = 1; i < arguments.Count; i++)
        {
            // git's own options before the command: -C <dir> and -c <name=value> take a value.
            if (arguments[i] is "-C" or "-c" or "--git-dir" or "--work-tree" or "--namespace")
            {
                i++;
            }
            else if (!arguments[i].StartsWith('-'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when <paramref name="arguments"/> are a <c>git … &lt;command&gt; …</c>.</summary>
    public static bool Runs(IReadOnlyList<string> arguments, string command) =>
        CommandIndex(arguments) is var index and >= 0 && arguments[index] == command;
}
