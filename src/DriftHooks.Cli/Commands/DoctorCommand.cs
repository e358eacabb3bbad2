using System.CommandLine;
using DriftHooks.Core.Doctor;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Installation;

namespace DriftHooks.Cli.Commands;

/// <summary><c>drifthooks doctor</c>: the pre-development checklist, one mark and one fix per item.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var fetch = new Option<bool>("--fetch")
        {
            Description = "Run git fetch first, so that 'behind upstream' is current.",
        };
        var format = OutputFormat.Create("text", "json");
        var command = new Command(
            "doctor",
            "Check that this clone is ready for work on the Prisma schema: on the default branch, not behind its upstream, "
            + "no uncommitted or untracked migration folders, DriftHooks's hooks installed and current, a backup younger than 7 days "
            + "(Backups:Folder, default .drifthooks/backups), and HEAD's migrations in line with production (when DRIFTHOOKS_PRODUCTION_URL "
            + "or Production:Url is set; read-only), and the local database against the working tree and production (as drifthooks status). Prints the fix for each item that fails. Exit 1 if any item fails; warnings do not fail.")
        {
            fetch,
            format,
        };
        command.SetAction(parsed =>
        {
            var context = CommandRunner.Context();
            var request = new DoctorRequest(parsed.GetValue(fetch), BuildVersion.Current, DateTimeOffset.UtcNow, context.Invocation);
            var items = DoctorCheck.RunAsync(context, request).GetAwaiter().GetResult();
            Console.Write(parsed.GetValue(format) == "json"
                ? ChecklistRenderer.Json(items)
                : ChecklistRenderer.Text(items, context.Style.Unicode, context.Style.OutputColor));
            return items.Any(i => i.Status == DoctorStatus.Fail) ? ExitCodes.Refused : ExitCodes.Passed;
        });
        return command;
    }
}
