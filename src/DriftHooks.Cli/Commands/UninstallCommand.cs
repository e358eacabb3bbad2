using System.CommandLine;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Drift;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Installation;

namespace DriftHooks.Cli.Commands;

/// <summary><c>drifthooks uninstall</c>: removes the hooks and puts back what install replaced.</summary>
internal static class UninstallCommand
{
    public static Command Create()
    {
        var command = new Command("uninstall", "Remove DriftHooks's hooks from the current repository and restore the hooks they replaced.");
        command.SetAction(_ =>
        {
            var location = CommandRunner.CurrentRepository();
            foreach (var line in HookInstaller.Uninstall(location))
            {
                Console.WriteLine(line);
            }

            Console.WriteLine(DropTemplates(location));
            return ExitCodes.Passed;
        });
        return command;
    }

    // The schema check's template databases go with the hooks; a server that cannot be reached does not stop the uninstall.
    static string DropTemplates(RepositoryLocation location)
    {
        try
        {
            var environment = DriftHooks.Hooks.HookHost.ReadEnvironment();
            var options = OptionsLoader.Load(location.WorkTree, environment);
            return TemplatePrune.ShadowServer(location, options) is { } server
                ? TemplatePrune.RunAsync(server, TemplatePrune.GuardAsync(location, options, targetConfirmedNotProduction: false).GetAwaiter().GetResult()).GetAwaiter().GetResult()
                : "No shadow server is configured, so no template database was dropped.";
        }
        catch (DriftHooksException e)
        {
            return $"The schema check's template databases were not dropped ({e.Message}); run drifthooks drift --prune once the shadow server is reachable.";
        }
    }
}
