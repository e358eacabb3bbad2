using System.CommandLine;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Cli;

/// <summary>Runs a parsed command and maps typed failures to one paragraph and their exit code.</summary>
internal static class CommandRunner
{
    public static int Invoke(ParseResult parsed)
    {
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (DriftHooksException e)
        {
            Console.Error.WriteLine($"drifthooks: {TerminalText.Safe(e.Message)}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LibGit2Sharp.LibGit2SharpException)
        {
            Console.Error.WriteLine($"drifthooks: {e.GetType().Name}: {TerminalText.Safe(e.Message)}");
            return ExitCodes.ResourceUnavailable;
        }
    }

    public static RepositoryLocation CurrentRepository()
    {
        var environment = DriftHooks.Hooks.HookHost.ReadEnvironment();
        return RepositoryLocation.Find(Environment.CurrentDirectory, environment.GetValueOrDefault("GIT_DIR"), null);
    }
}
