using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Logging;
using DriftHooks.Core.Overrides;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Hooks;

/// <summary>
/// The edge every hook shares: read what git hands it, run the chained hook, run the check, print, exit.
/// Typed failures become one paragraph and exit code 2 or 3; nothing else escapes as a stack trace.
/// </summary>
internal static class HookHost
{
    public static int Run(string hook, string[] args, byte[]? input, Func<CommandContext, IReadOnlyList<Finding>> check)
    {
        // Console.Error is made on first use (encoding lookup and all): a passing hook prints nothing and never pays for it.
        static TextWriter Error()
        {
            ConsoleEncoding.Apply();
            return Console.Error;
        }
        try
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var environment = CommandContext.ReadEnvironment();
            using var diagnostics = DiagnosticLog.Requested(environment.GetValueOrDefault(DiagnosticLog.Variable))
                ? DiagnosticLog.Start(Error(), $"DriftHooks {hook}: debug: ")
                : null;
            var location = RepositoryLocation.Find(
                Environment.CurrentDirectory,
                environment.GetValueOrDefault("GIT_DIR"),
                environment.GetValueOrDefault("GIT_INDEX_FILE"));

            HookReentry.Check(hook, location, environment);
            var chained = HookChain.RunChained(location, hook, args, input);
            if (chained.Notice is not null)
            {
                Error().WriteLine($"DriftHooks {hook}: {TerminalText.Safe(chained.Notice)}");
            }

            if (chained.ExitCode != 0)
            {
                return chained.ExitCode;
            }

            // Made once the chained hook has run (it may change what is staged): every value the check needs, worked out once.
            var context = new CommandContext(environment, location, OptionsLoader.Load(location.WorkTree, environment), Style);
            var findings = check(context);
            DiagnosticLog.Current?.Debug("checked in {Elapsed}", DiagnosticLog.Milliseconds(start));
            return findings.Count == 0
                ? ExitCodes.Passed
                : HookOutcome.Complete(hook, findings, context, Error());
        }
        catch (DriftHooksException e)
        {
            Error().WriteLine($"DriftHooks {hook}: {TerminalText.Safe(e.Message)}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LibGit2Sharp.LibGit2SharpException)
        {
            Error().WriteLine($"DriftHooks {hook}: could not read the repository ({e.GetType().Name}: {TerminalText.Safe(e.Message)}). Check that the repository is intact and readable; 'git status' should work.");
            return ExitCodes.ResourceUnavailable;
        }
        catch (Exception e)
        {
            // A defect in DriftHooks: fail closed, in one paragraph, with what a bug report needs.
            Error().WriteLine($"DriftHooks {hook}: an unexpected error stopped the check ({e.GetType().Name}: {TerminalText.Safe(e.Message)}). This is a DriftHooks defect: please report it with this message.");
            return ExitCodes.ResourceUnavailable;
        }
    }

    /// <summary>How the command's output looks: decided once, from the environment and where the streams go.</summary>
    public static TerminalStyle Style(IReadOnlyDictionary<string, string?> environment) =>
        TerminalStyle.From(environment, Console.IsOutputRedirected, Console.IsErrorRedirected);
}
