using System.CommandLine;
using DriftHooks.Core.Context;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Installation;
using DriftHooks.Core.PreCommit;

namespace DriftHooks.Cli.Commands;

/// <summary><c>drifthooks install</c>: puts the native hooks into the current repository, keeping any hook already there.</summary>
internal static class InstallCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from")
        {
            Description = "Folder holding the native hooks (default: the folder of this drifthooks executable).",
        };
        var command = new Command("install", "Install the pre-commit and pre-push hooks in the current repository (idempotent; honours core.hooksPath; chains an existing hook).")
        {
            from,
        };
        command.SetAction(parsed =>
        {
            var environment = CommandContext.ReadEnvironment();
            if (InstallSkip.Reason(environment, RepositoryLocation.Exists(Environment.CurrentDirectory, environment.GetValueOrDefault("GIT_DIR"))) is { } skipped)
            {
                Console.WriteLine(skipped);
                return ExitCodes.Passed;
            }

            var context = CommandRunner.SettingsOnFirstUse(environment);
            var location = context.Repository;
            var source = parsed.GetValue(from) ?? AppContext.BaseDirectory;
            // The installed copy says nothing of how the user runs DriftHooks: it keeps what the first install recorded.
            var executable = Environment.ProcessPath;
            var invocation = executable is not null && executable.StartsWith(location.StateDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? InstallState.ReadInvocation(location.StateDirectory) ?? InvocationKind.Plain
                : Invocation.FromExecutable(executable);
            foreach (var line in HookInstaller.Install(location, Path.GetFullPath(source), invocation))
            {
                Console.WriteLine(line);
            }

            // Projects are remembered now, not at the first commit: that commit may be the one deleting a project.
            try
            {
                var projects = ProjectMemory.Seed(location, context.Options);
                if (projects.Count > 0)
                {
                    Console.WriteLine($"pre-commit: watching {string.Join(", ", projects.Select(p => p.SchemaPath))}");
                }
            }
            catch (DriftHooksException e)
            {
                Console.WriteLine($"pre-commit: the Prisma projects are found at the first commit instead ({e.Message})");
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
