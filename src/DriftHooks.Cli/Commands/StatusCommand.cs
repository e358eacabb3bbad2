using System.CommandLine;
using System.Text;
using System.Text.Json;
using DriftHooks.Core.Companion;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rendering;
using DriftHooks.Core.Rules;
using DriftHooks.Core.Status;

namespace DriftHooks.Cli.Commands;

/// <summary><c>drifthooks status</c>: the repository, the local database and production side by side, and what to do.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "text (default) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var schema = new Option<bool>("--schema")
        {
            Description = "Also check production's schema against its applied migrations, replayed on a temporary shadow database (Shadow:Url, else the local database's URL; about 1 s per 150 migrations).",
        };
        var command = new Command("status", "Show each migration's state in the repository, the local database and production, with the fix for each problem. Exit 0 in sync or warnings only, 1 drift (an error), 3 unreachable.")
        {
            format,
            schema,
        };
        command.SetAction(parsed =>
        {
            var context = CompanionContext.Load(CommandRunner.Context());
            var report = StatusCheck.RunAsync(context, parsed.GetValue(schema)).GetAwaiter().GetResult();
            if (parsed.GetValue(format) == "json")
            {
                WriteJson(report, context);
            }
            else
            {
                Console.Write(RenderText(report, context));
            }

            return report.ExitCode;
        });
        return command;
    }

    static string RenderText(ThreeWayReport report, CompanionContext context)
    {
        var color = context.Command.Style.OutputColor;
        var text = new StringBuilder();
        text.AppendLine(TerminalText.Safe($"project: {context.Project.SchemaPath} (migrations in {context.Project.MigrationsPath})"));
        text.AppendLine(TerminalText.Safe($"local:      {Describe(report.Local)}"));
        text.AppendLine(TerminalText.Safe($"production: {Describe(report.Production)}"));
        text.AppendLine();

        if (report.Rows.Count == 0)
        {
            text.AppendLine("(no migrations anywhere)");
        }
        else
        {
            var width = Math.Max("MIGRATION".Length, report.Rows.Max(r => TerminalText.Safe(r.Name).Length));
            text.AppendLine($"{"MIGRATION".PadRight(width)}  {"REPOSITORY",-12} {"LOCAL",-22} PRODUCTION");
            foreach (var row in report.Rows)
            {
                text.Append(TerminalText.Safe(row.Name).PadRight(width)).Append("  ")
                    .Append(PlaceStates.Key(row.Repository).PadRight(12)).Append(' ')
                    .Append(Paint(PlaceStates.Label(row.Local, isLocal: true), row.Local, color, 22)).Append(' ')
                    .AppendLine(Paint(PlaceStates.Label(row.Production, isLocal: false), row.Production, color, 0));
            }
        }

        text.AppendLine();
        var committed = report.Rows.Count(r => r.Repository == RepositoryState.Committed);
        var uncommitted = report.Rows.Count(r => r.Repository == RepositoryState.Uncommitted);
        text.AppendLine($"repository: {committed} committed{(uncommitted > 0 ? $", {uncommitted} uncommitted" : "")}");
        text.AppendLine($"local:      {Counts(report, report.Local, r => r.Local, true)}");
        text.AppendLine($"production: {Counts(report, report.Production, r => r.Production, false)}");
        text.AppendLine();

        var warnings = report.Findings.Count(f => f.Severity == Severity.Warning);
        var verdict = report.ExitCode switch
        {
            // Warnings do not make drift (exit 0, as for the hooks): they are counted, and each is shown below.
            ExitCodes.Passed when warnings > 0 => TextRenderer.Paint($"no drift; {FixText.Count(warnings, "warning")}", "33;1", color),
            ExitCodes.Passed when NotCompared(report) is { Length: > 0 } missing => TextRenderer.Paint(
                report.Local.Kind == DatabaseSideKind.Read || report.Production.Kind == DatabaseSideKind.Read ? $"in sync; {missing} not compared (not configured)" : $"nothing compared: {missing} not configured", "33;1", color),
            ExitCodes.Passed => TextRenderer.Paint("in sync", "32;1", color),
            ExitCodes.ResourceUnavailable => TextRenderer.Paint("incomplete: a database could not be read", "31;1", color),
            _ => TextRenderer.Paint($"drift: {FixText.Count(report.Findings.Count(f => f.Severity == Severity.Error), "problem")}"
                + (warnings > 0 ? $" and {FixText.Count(warnings, "warning")}" : ""), "31;1", color),
        };
        text.AppendLine($"verdict: {verdict}");
        text.Append(TextRenderer.Render(report.Findings, color));
        return text.ToString();
    }

    /// <summary>"the local database and production", "production": the places a passing verdict did not look at.</summary>
    static string NotCompared(ThreeWayReport report) => string.Join(" and ", new[] { (report.Local, "the local database"), (report.Production, "production") }
        .Where(p => p.Item1.Kind == DatabaseSideKind.NotConfigured).Select(p => p.Item2));

    static string Describe(DatabaseSide side) => side.Kind switch
    {
        DatabaseSideKind.NotConfigured => "not configured",
        DatabaseSideKind.Unreachable => $"{side.Url} (from {side.Source}): UNREACHABLE",
        _ => $"{side.Url} (from {side.Source})" + (side.HasHistory ? "" : ": no _prisma_migrations table"),
    };

    static string Counts(ThreeWayReport report, DatabaseSide side, Func<ThreeWayRow, PlaceState> place, bool isLocal) =>
        side.Kind != DatabaseSideKind.Read
            ? (side.Kind == DatabaseSideKind.NotConfigured ? "not configured" : "unreachable")
            : report.Counts(place) is { Count: > 0 } counts
                ? string.Join(", ", counts.Select(c => $"{c.Count} {PlaceStates.Label(c.State, isLocal)}"))
                : "nothing applied";

    static string Paint(string label, PlaceState state, bool color, int pad)
    {
        var padded = pad > 0 ? label.PadRight(pad) : label;
        var ansi = state switch
        {
            PlaceState.Applied => "32",
            PlaceState.Pending or PlaceState.RolledBack => "33",
            PlaceState.Absent or PlaceState.Unknown => "2",
            _ => "31",
        };
        return TextRenderer.Paint(padded, ansi, color);
    }

    static void WriteJson(ThreeWayReport report, CompanionContext context)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("verdict", report.ExitCode switch
            {
                ExitCodes.Passed when report.Findings.Any(f => f.Severity == Severity.Warning) => "warnings",
                ExitCodes.Passed when report.Local.Kind == DatabaseSideKind.NotConfigured && report.Production.Kind == DatabaseSideKind.NotConfigured => "not-compared",
                ExitCodes.Passed => "in-sync",
                ExitCodes.ResourceUnavailable => "unreachable",
                _ => "drift"
            });
            writer.WriteNumber("exitCode", report.ExitCode);
            writer.WriteStartObject("project");
            FindingJson.WriteText(writer, "schema", context.Project.SchemaPath);
            FindingJson.WriteText(writer, "migrations", context.Project.MigrationsPath);
            writer.WriteEndObject();
            writer.WriteStartObject("databases");
            WriteSide(writer, report, report.Local, r => r.Local, true);
            WriteSide(writer, report, report.Production, r => r.Production, false);
            writer.WriteEndObject();
            writer.WriteStartArray("migrations");
            foreach (var row in report.Rows)
            {
                writer.WriteStartObject();
                FindingJson.WriteText(writer, "name", row.Name);
                writer.WriteString("repository", PlaceStates.Key(row.Repository));
                writer.WriteString("local", PlaceStates.Key(row.Local, isLocal: true));
                writer.WriteString("production", PlaceStates.Key(row.Production, isLocal: false));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            CommandIo.WriteFindings(writer, report.Findings);
            writer.WriteEndObject();
        }

        stdout.Write("\n"u8);
    }

    static void WriteSide(Utf8JsonWriter writer, ThreeWayReport report, DatabaseSide side, Func<ThreeWayRow, PlaceState> place, bool isLocal)
    {
        writer.WriteStartObject(side.Label);
        writer.WriteString("status", side.Kind switch { DatabaseSideKind.NotConfigured => "not-configured", DatabaseSideKind.Unreachable => "unreachable", _ => "read" });
        FindingJson.WriteText(writer, "url", side.Url);
        FindingJson.WriteText(writer, "source", side.Source);
        FindingJson.WriteText(writer, "problem", side.Problem);
        if (side.Kind == DatabaseSideKind.Read)
        {
            writer.WriteBoolean("historyTable", side.HasHistory);
            writer.WriteStartObject("counts");
            foreach (var (state, count) in report.Counts(place))
            {
                writer.WriteNumber(PlaceStates.Key(state, isLocal), count);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
