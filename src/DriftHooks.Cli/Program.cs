using System.CommandLine;
using DriftHooks.Cli;
using DriftHooks.Cli.Commands;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Logging;
using DriftHooks.Core.Rendering;
using DriftHooks.Hooks;

// One executable is drifthooks and every hook: started under a hook's name (artifacts/native/pre-commit is a link
// to it) or as "drifthooks hook <name>" (the installed hook scripts). Decided before any command-line parsing, so
// that a hook pays nothing for the commands.
if (HookInvocation.Parse(Environment.GetCommandLineArgs()[0], args) is { } hook)
{
    return HookPrograms.Run(hook);
}

ConsoleEncoding.Apply();
if (args is ["hook", ..])
{
    Console.Error.WriteLine($"drifthooks: 'hook' runs one of the hooks git runs: drifthooks hook <{string.Join("|", HookInstaller.HookNames)}> [git's arguments]");
    return ExitCodes.UsageOrConfiguration;
}

var root = new RootCommand("DriftHooks: git hooks that stop Prisma migration drift before it reaches a database.");
var verbose = new Option<bool>("--verbose")
{
    Description = $"Also print diagnostics on standard error: where each setting came from, which files and databases were read, where the time went; {DiagnosticLog.Variable}=debug does the same.",
    Recursive = true,
};
root.Add(verbose);
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
    // An unknown word where a command belongs is the one thing to say ("Required command was not provided" as well would
    // send the user looking for a second mistake), with the command it most likely meant.
    if (parsed.CommandResult.Command == root && parsed.UnmatchedTokens is [var unknown, ..] && !unknown.StartsWith('-'))
    {
        var meant = NearestName.Of(unknown, root.Subcommands.Select(c => c.Name));
        Console.Error.WriteLine($"drifthooks: Unrecognized command '{TerminalText.Safe(unknown)}'." + (meant is null ? "" : $" Did you mean '{meant}'?"));
    }
    else
    {
        foreach (var error in parsed.Errors)
        {
            Console.Error.WriteLine($"drifthooks: {TerminalText.Safe(error.Message)}");
        }
    }

    // Before any repository is known, the running executable's path tells how it was run (npx: inside node_modules).
    Console.Error.WriteLine($"Run '{Invocation.Of(Invocation.FromExecutable(Environment.ProcessPath)).Command("--help")}' for usage.");
    return ExitCodes.UsageOrConfiguration;
}

using var diagnostics = parsed.GetValue(verbose) || DiagnosticLog.Requested(Environment.GetEnvironmentVariable(DiagnosticLog.Variable))
    ? DiagnosticLog.Start(Console.Error, "drifthooks: debug: ")
    : null;
return CommandRunner.Invoke(parsed);
