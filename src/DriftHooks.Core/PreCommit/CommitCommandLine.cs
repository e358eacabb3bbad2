using DriftHooks.Core.Processes;

namespace DriftHooks.Core.PreCommit;

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
        if (!GitArguments.Runs(arguments, "commit"))
        {
            return false;
        }

        var commit = GitArguments.CommandIndex(arguments);
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
