using System.CommandLine;
using DriftHooks.Core.Findings;
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
            foreach (var line in HookInstaller.Uninstall(CommandRunner.CurrentRepository()))
            {
                Console.WriteLine(line);
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
