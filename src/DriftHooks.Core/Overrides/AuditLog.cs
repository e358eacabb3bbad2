using DriftHooks.Core.Findings;
using Serilog;
using Serilog.Events;

namespace DriftHooks.Core.Overrides;

/// <summary>
/// The audit trail under the repository's git directory (<c>.git/drifthooks/audit.log</c>): every override, with
/// who, when, on which branch, why, and what it overrode. Appended through Serilog's file sink.
/// </summary>
public static class AuditLog
{
    public static string PathFor(string stateDirectory) => System.IO.Path.Combine(stateDirectory, "audit.log");

    public static void Record(string stateDirectory, AuditEntry entry)
    {
        Directory.CreateDirectory(stateDirectory);
        using var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.File(
                PathFor(stateDirectory),
                outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3} {Message:lj}{NewLine}",
                shared: true,
                fileSizeLimitBytes: 10_000_000,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 10)
            .CreateLogger();
        var findings = string.Join(" | ", entry.Findings.Select(f => $"{f.Code} {f.Location}: {f.Message}"));
        logger.Write(
            entry.Overridden ? LogEventLevel.Warning : LogEventLevel.Information,
            "{Action} hook={Hook} user={User} branch={Branch} reason={Reason} findings={Findings}",
            entry.Action, entry.Hook, entry.User, entry.Branch, entry.Reason ?? "", findings);
    }
}
