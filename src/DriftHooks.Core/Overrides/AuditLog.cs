using System.Runtime.ExceptionServices;
using System.Text.Json;
using DriftHooks.Core.Files;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace DriftHooks.Core.Overrides;

/// <summary>
/// The audit trail under the repository's git directory (<c>.git/drifthooks/audit.log</c>): every override, block and
/// local rule switch, with who, when, on which branch, why, and what it concerned. Written through Serilog's
/// <c>AuditTo</c>, which writes synchronously and lets a failure reach the caller (its <c>WriteTo</c> sinks swallow
/// them), as compact JSON (<c>@t</c>, <c>@mt</c>, then the properties), one object per line with every string escaped,
/// so no reason or folder name can start a second record. <see cref="AuditFileSink"/> writes each line whole under an
/// exclusive lock on the file, so hooks running at once (linked worktrees share the git directory) never overwrite
/// each other's records. Only a regular file is an audit log: it is opened without following a link, and a link (to
/// <c>/dev/null</c>, say), a FIFO or a device in its place refuses the record, so no override passes as recorded when
/// nothing kept it.
/// </summary>
internal static class AuditLog
{
    public static string PathFor(string stateDirectory) => Path.Combine(stateDirectory, "audit.log");

    /// <summary>Appends one record, or throws: a record is on disk when this returns.</summary>
    /// <exception cref="AuditLogUnavailableException">The record could not be written (why, and where, in the message).</exception>
    public static void Record(string stateDirectory, AuditEntry entry)
    {
        var path = PathFor(stateDirectory);
        if (FileWriter.Refusal(path) is { } why)
        {
            throw AuditFileSink.NotALog(path, why);
        }

        // Made per record: an override is rare, and a hook that records nothing never starts Serilog.
        using var logger = new LoggerConfiguration()
            .AuditTo.Sink(new AuditFileSink(path, new CompactJsonFormatter()))
            .CreateLogger();
        try
        {
            logger.Write(Event(entry, DateTimeOffset.Now));
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.OfType<AuditLogUnavailableException>().FirstOrDefault() is { } failure)
        {
            // Serilog gathers its audit sinks' failures; the one that says why is ours.
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>The record as a Serilog event: each value a property, built by hand (no reflection, as native AOT needs).</summary>
    private static LogEvent Event(AuditEntry entry, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Constant, so that the line says what happened to a reader of the raw log; the values are properties.
        var template = new MessageTemplateParser().Parse("{action} at {hook} by {user} on {branch}");
        return new LogEvent(time, LogEventLevel.Information, null, template,
        [
            Text("action", entry.Action),
            Text("hook", entry.Hook),
            Text("user", entry.User),
            Text("branch", entry.Branch),
            Text("reason", entry.Reason),
            new LogEventProperty("findings", new SequenceValue(entry.Findings.Select(f => new StructureValue(
            [
                Text("code", f.Code),
                Text("severity", f.Severity.ToString().ToLowerInvariant()),
                Text("location", f.Location),
                Text("message", f.Message),
            ])))),
        ]);
    }

    private static LogEventProperty Text(string name, string? value) => new(name, new ScalarValue(value));

    /// <summary>Every record of the log, oldest first; lines that are not records (cut short by a full disk) are skipped.</summary>
    public static IReadOnlyList<AuditRecord> Read(string stateDirectory)
    {
        var path = PathFor(stateDirectory);
        if (!File.Exists(path))
        {
            return [];
        }

        var records = new List<AuditRecord>();
        foreach (var line in RegularFile.ReadLines(path, RegularFile.SourceLimit))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(line, AuditJsonContext.Default.AuditRecord) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // A partial line is evidence of a failed write, not a record.
            }
        }

        return records;
    }

}
