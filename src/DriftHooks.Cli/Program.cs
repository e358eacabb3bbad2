using System.CommandLine;
using DriftHooks.Cli;
using DriftHooks.Cli.Commands;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rendering;

var root = new RootCommand("DriftHooks: git hooks that stop Prisma migration drift before it reaches a database.");
root.Add(InstallCommand.Create());
root.Add(UninstallCommand.Create());
root.Add(TrustCommand.Create());
root.Add(DriftCommand.Create());
root.Add(StatusCommand.Create());
root.Add(SyncCommand.Create());
root.Add(BackupCommand.Create());
root.Add(RestoreCommand.Create());
root.Add(CheckCommand.Create());
root.Add(DoctorCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"drifthooks: {TerminalText.Safe(error.Message)}");
    }

    Console.Error.WriteLine("Run 'drifthooks --help' for usage.");
    return ExitCodes.UsageOrConfiguration;
}

return CommandRunner.Invoke(parsed);
