using System.CommandLine;
using DriftHooks.Core.Companion;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rendering;
using DriftHooks.Core.Rules;
using DriftHooks.Core.Sync;

namespace DriftHooks.Cli.Commands;

/// <summary><c>drifthooks sync</c>: brings the local development database up to the working tree's migrations, as Prisma applies them.</summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var reset = new Option<bool>("--reset") { Description = "Drop and recreate the local database's schema(s), then replay the whole history (asks first)." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Confirm without asking (for scripts)." };
        var skipProduction = new Option<bool>(SyncPlanner.SkipProductionFlag) { Description = "Do not compare with production first (e.g. offline). Its identity is still read (or remembered), so that the local database is never production." };
        var notProduction = CommandIo.TargetIsNotProduction();
        var command = new Command("sync", "Apply the pending migrations to the local development database (never production), after a backup of its history. Stops when production is ahead or the local history disagrees.")
        {
            reset, yes, skipProduction, notProduction,
        };
        command.SetAction(parsed =>
        {
            var context = CompanionContext.Load(CommandRunner.Context());
            var color = context.Command.Style.OutputColor;
            var interactive = !Console.IsErrorRedirected;
            var isReset = parsed.GetValue(reset);
            var progress = new InlineProgress(interactive);
            var result = LocalSync.RunAsync(
                context,
                isReset,
                parsed.GetValue(skipProduction),
                parsed.GetValue(notProduction),
                plan => !plan.Reset || CommandIo.Confirm(
                    $"This drops every object in the local database's schema(s) and replays {plan.ToApply.Count} migration(s) on {context.RequireLocalUrl("sync").Redacted}. Continue?",
                    parsed.GetValue(yes)),
                progress).GetAwaiter().GetResult();

            Console.Write(TextRenderer.Render(result.Plan.Notes, color));
            if (result.Plan.IsBlocked)
            {
                Console.Error.WriteLine("drifthooks sync: stopped; nothing was changed.");
                Console.Error.Write(TextRenderer.Render(result.Plan.Blockers, color));
                return ExitCodes.Refused;
            }

            if (result.Cancelled)
            {
                Console.Error.WriteLine("drifthooks sync: cancelled; nothing was changed.");
                return ExitCodes.Refused;
            }

            if (result.Applied.Count == 0 && !isReset)
            {
                Console.WriteLine("The local database is up to date: nothing to apply.");
                return ExitCodes.Passed;
            }

            if (result.BackupPath is not null)
            {
                Console.WriteLine($"backup of the local history: {Path.GetRelativePath(context.Location.WorkTree, result.BackupPath)}");
            }

            Console.WriteLine(isReset ? $"reset the local schema(s) and replayed {result.Applied.Count} migration(s):" : $"applied {result.Applied.Count} migration(s):");
            foreach (var (name, duration) in result.Applied)
            {
                Console.WriteLine($"  {TerminalText.Safe(name)}  {CommandIo.Seconds(duration)}");
            }

            Console.WriteLine($"total {CommandIo.Seconds(TimeSpan.FromTicks(result.Applied.Sum(a => a.Duration.Ticks)))}");
            return ExitCodes.Passed;
        });
        return command;
    }

    /// <summary>"applying 3/12 name …" on one rewritten line of a terminal, from the second migration on; nothing when redirected.</summary>
    sealed class InlineProgress(bool interactive) : IProgress<SyncProgress>
    {
        readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();

        public void Report(SyncProgress value)
        {
            if (!interactive || value.Total < 2 || _watch.Elapsed < TimeSpan.FromSeconds(1))
            {
                return;
            }

            Console.Error.Write(value.Duration is null ? $"\r\u001b[Kapplying {value.Index}/{value.Total} {TerminalText.Safe(value.Name)} …" : value.Index == value.Total ? "\r\u001b[K" : "");
        }
    }
}
