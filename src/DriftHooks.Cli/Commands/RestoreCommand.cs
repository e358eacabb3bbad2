using System.CommandLine;
using DriftHooks.Core.Backups;
using DriftHooks.Core.Companion;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Cli.Commands;

/// <summary><c>drifthooks restore &lt;file&gt;</c>: puts a backup's history rows back into the local database (never production).</summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A backup written by drifthooks backup." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Confirm without asking (for scripts)." };
        var skipMissing = new Option<bool>(HistoryRestore.SkipMissingFlag) { Description = "Leave out the backup's rows of migrations the working tree has no migration.sql for (no commit of this clone holds them), and put back the rest." };
        var notProduction = CommandIo.TargetIsNotProduction();
        var command = new Command("restore", "Put a backup's _prisma_migrations rows back into the LOCAL database whose history was lost but whose schema is intact (one transaction, after confirmation).")
        {
            file, yes, skipMissing, notProduction,
        };
        command.SetAction(parsed =>
        {
            var context = CompanionContext.Load(CommandRunner.Context());
            var path = Path.GetFullPath(parsed.GetValue(file)!);
            var color = context.Command.Style.OutputColor;
            var outcome = HistoryRestore.RunAsync(context, path, parsed.GetValue(notProduction), (backup, plan) =>
            {
                Console.WriteLine(TerminalText.Safe($"backup: {backup.Label} database {backup.Url}, schema {backup.Schema}, taken {backup.CreatedAt:u}, {backup.Rows.Count} row(s)"));
                foreach (var row in plan.Add)
                {
                    Console.WriteLine(TerminalText.Safe($"  add      {row.MigrationName} ({Describe(row)})"));
                }

                foreach (var row in plan.Replace)
                {
                    Console.WriteLine(TerminalText.Safe($"  replace  {row.MigrationName} ({Describe(row)})"));
                }

                if (plan.Unchanged > 0)
                {
                    Console.WriteLine($"  {plan.Unchanged} row(s) already identical");
                }

                foreach (var row in plan.KeptOnlyInDatabase)
                {
                    Console.WriteLine(TerminalText.Safe($"  keep     {row.MigrationName} (in the table, not in the backup)"));
                }

                return CommandIo.Confirm($"Write {plan.Add.Count + plan.Replace.Count} row(s) into {context.RequireLocalUrl("restore").Redacted}?", parsed.GetValue(yes));
            }, parsed.GetValue(skipMissing)).GetAwaiter().GetResult();

            if (outcome.Refusals.Count > 0)
            {
                Console.Error.WriteLine("drifthooks restore: refused; nothing was changed.");
                Console.Error.Write(TextRenderer.Render(outcome.Refusals, color));
                return ExitCodes.Refused;
            }

            if (outcome.Plan.ChangesNothing)
            {
                Console.WriteLine("The local history already holds every row of this backup: nothing to restore.");
                return ExitCodes.Passed;
            }

            if (!outcome.Applied)
            {
                Console.Error.WriteLine("drifthooks restore: cancelled; nothing was changed.");
                return ExitCodes.Refused;
            }

            Console.WriteLine($"restored {outcome.Plan.Add.Count} added and {outcome.Plan.Replace.Count} replaced row(s) in one transaction.");
            return ExitCodes.Passed;
        });
        return command;
    }

    static string Describe(MigrationRecord row) =>
        row.IsApplied ? $"applied {row.FinishedAt:u}" : row.IsRolledBack ? "rolled back" : "failed";
}
