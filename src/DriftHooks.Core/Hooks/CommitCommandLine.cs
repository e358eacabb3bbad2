using DriftHooks.Core.Processes;

namespace DriftHooks.Core.Hooks;

/// <summary>
/// Reads the arguments of the <c>git commit</c> that runs the pre-commit hook. git tells a hook nothing of
/// <c>--amend</c>, so the hook reads its parent process's command line (an alias arrives expanded, as git re-runs itself).
/// </summary>
internal static class CommitCommandLine
{
    /// <summary>
    /// True when <paramref name="arguments"/> (a process's argv) are a <c>git … commit</c> with <c>--amend</c> in
    /// force: git accepts unambiguous prefixes (<c>--am</c>), and the last of <c>--amend</c>/<c>--no-amend</c> wins.
    /// Pathspecs after <c>--</c> are not options.
    /// </summary>
    public static bool IsAmend(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0 || ParentGit.ProgramName(arguments[0]) != "git")
        {
            return false;
        }

        var commit = -1;
        for (var i = 1; i < arguments.Count; i++)
        {
            if (arguments[i] == "commit")
            {
                commit = i;
                break;
            }

            // git's own options before the command: -C <dir> and -c <name=value> take a value.
            if (arguments[i] is "-C" or "-c" or "--git-dir" or "--work-tree" or "--namespace")
            {
                i++;
            }
            else if (!arguments[i].StartsWith('-'))
            {
                return false; // another command
            }
        }

        if (commit < 0)
        {
            return false;
        }

        var amend = false;
        foreach (var argument in arguments.Skip(commit + 1))
        {
            if (argument == "--")
            {
                break;
            }

            if (argument.Length >= 4 && "--amend".StartsWith(argument, StringComparison.Ordinal))
            {
                amend = true;
            }
            else if (argument.Length >= 7 && "--no-amend".StartsWith(argument, StringComparison.Ordinal))
            {
                amend = false;
            }
        }

        return amend;
    }
}
