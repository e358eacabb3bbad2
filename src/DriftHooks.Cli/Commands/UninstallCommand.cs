using System.CommandLine;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Database;
using DriftHooks.Core.Drift;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Cli.Commands;

/// <summary><c>drifthooks uninstall</c>: removes the hooks and puts back what install replaced.</summary>
internal static class UninstallCommand
{
    public static Command Create()
    {
        var command = new Command("uninstall", "Remove DriftHooks's hooks from the current repository and restore the hooks they replaced.");
        command.SetAction(_ =>
        {
            var environment = CommandContext.ReadEnvironment();
            var location = CommandRunner.CurrentRepository(environment);
            // Read before uninstall removes the record: DriftHooks is still run the same way afterwards.
            var invocation = Invocation.Of(Invocation.ForThisProcess(location).Kind);
            foreach (var line in HookInstaller.Uninstall(location))
            {
                Console.WriteLine(line);
            }

            var (templates, exitCode) = DropTemplates(environment, location, invocation);
            (exitCode == ExitCodes.Passed ? Console.Out : Console.Error).WriteLine(templates);
            return exitCode;
        });
        return command;
    }

    // The schema check's template databases go with the hooks; a server that cannot be reached does not stop the
    // uninstall. A shadow server on production's server is refused (exit 4, the hooks already gone): nothing is dropped there.
    static (string Line, int ExitCode) DropTemplates(IReadOnlyDictionary<string, string?> environment, RepositoryLocation location, Invocation invocation)
    {
        try
        {
            // Settings are read after the hooks are gone: a settings file that cannot be read never keeps them installed.
            var context = new CommandContext(environment, location, OptionsLoader.Load(location.WorkTree, environment), DriftHooks.Hooks.HookHost.Style);
            return (TemplatePrune.ShadowServer(context) is { } server
                ? TemplatePrune.RunAsync(server, TemplatePrune.GuardAsync(context, targetConfirmedNotProduction: false).GetAwaiter().GetResult(), invocation).GetAwaiter().GetResult()
                : "No shadow server is configured, so no template database was dropped.", ExitCodes.Passed);
        }
        catch (TargetIsProductionException e)
        {
            return ($"drifthooks: the hooks are removed; the schema check's template databases were not dropped: {TerminalText.Safe(e.Message)}", e.ExitCode);
        }
        catch (DriftHooksException e)
        {
            return ($"The schema check's template databases were not dropped ({e.Message}); run {invocation.Command("drift --prune")} once the shadow server is reachable.", ExitCodes.Passed);
        }
    }
}
