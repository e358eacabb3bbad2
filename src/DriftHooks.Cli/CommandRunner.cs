using System.CommandLine;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
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

    /// <summary>The repository the command runs in (<c>GIT_DIR</c>, else found from the current folder).</summary>
    public static RepositoryLocation CurrentRepository(IReadOnlyDictionary<string, string?> environment) =>
        RepositoryLocation.Find(Environment.CurrentDirectory, environment.GetValueOrDefault("GIT_DIR"), null);

    /// <summary>
    /// The command's context: the environment read once, the repository, the settings (each file read once, with their
    /// origin) and the output's style; production's URL, the project and the shadow server are worked out once, on first use.
    /// </summary>
    /// <param name="outsideRepository">The command also runs outside a repository (settings then come from the current folder).</param>
    public static CommandContext Context(bool outsideRepository = false)
    {
        var environment = CommandContext.ReadEnvironment();
        RepositoryLocation? location = null;
        try
        {
            location = CurrentRepository(environment);
        }
        catch (ResourceUnavailableException) when (outsideRepository)
        {
            // No repository: the environment and the current folder's settings say what there is.
        }

        return new CommandContext(environment, location, OptionsLoader.Load(location?.WorkTree ?? Environment.CurrentDirectory, environment), DriftHooks.Hooks.HookHost.Style);
    }

    /// <summary>
    /// The context of a command that runs whatever the settings say (<c>install</c>, <c>trust</c>), for an environment
    /// already read: the settings are read and checked where the command first needs them.
    /// </summary>
    public static CommandContext SettingsOnFirstUse(IReadOnlyDictionary<string, string?> environment) =>
        CommandContext.SettingsOnFirstUse(environment, CurrentRepository(environment), DriftHooks.Hooks.HookHost.Style);
}
