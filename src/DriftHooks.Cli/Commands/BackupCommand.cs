using System.CommandLine;
using DriftHooks.Core.Backups;
using DriftHooks.Core.Companion;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Cli.Commands;

/// <summary><c>drifthooks backup</c>: saves the local and production <c>_prisma_migrations</c> rows (read-only) to new files.</summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var command = new Command("backup", "Save the complete _prisma_migrations rows of the local and production databases to new timestamped files under .drifthooks/backups (Backups:Folder).");
        command.SetAction(_ =>
        {
            var context = CompanionContext.Load(CommandRunner.Context());
            var exit = ExitCodes.Passed;
            var saved = new List<Finding>();
            var any = false;
            foreach (var (label, source, options) in new[]
            {
                ("local", context.LocalSource, new DatabaseConnectionOptions()),
                ("production", context.ProductionSource, context.ProductionConnection),
            })
            {
                if (source is null)
                {
                    Console.WriteLine($"{label}: not configured, skipped");
                    continue;
                }

                any = true;
                var url = label == "local" ? context.RequireLocalUrl("backup") : source.Parse();
                try
                {
                    var result = BackupTaker.TakeAsync(context.BackupFolder, label, url, options, label == "production" ? context.Location.StateDirectory : null).GetAwaiter().GetResult();
                    if (result.Path is null)
                    {
                        Console.WriteLine($"{label}: {url.Redacted} has {(result.TableExists ? "an empty _prisma_migrations table" : "no _prisma_migrations table")}; nothing saved (an empty history restores nothing)");
                        continue;
                    }

                    var where = Path.GetRelativePath(context.Location.WorkTree, result.Path);
                    Console.WriteLine($"{label}: {result.Rows} row(s) of {url.Redacted} saved to {where}");
                    saved.Add(Finding.Note(CompanionRuleCodes.BackupDone, $"backup of {label} {url.Redacted}: {result.Rows} rows", result.Path, null));
                }
                catch (ResourceUnavailableException e)
                {
                    Console.Error.WriteLine($"drifthooks backup: {label}: {TerminalText.Safe(e.Message)}");
                    exit = ExitCodes.ResourceUnavailable;
                }
            }

            if (!any)
            {
                throw new ConfigurationException($"Neither a local nor a production database is configured; nothing to back up. Set {context.LocalSetting.WhereToSet}; and/or, for production, {ProductionUrlResolver.WhereToSet}.");
            }

            if (saved.Count > 0)
            {
                context.Audit("backup", saved);
            }

            return exit;
        });
        return command;
    }
}
