using System.Text.Json;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Rendering;

/// <summary>
/// Writes a finding as a JSON object's properties (no reflection: native-AOT safe). Every text goes through
/// <see cref="WriteText"/>: a JSON reader gets the same visible escapes a terminal shows, never a raw control or
/// bidirectional character from a folder name, commit subject or branch name to print on.
/// </summary>
internal static class FindingJson
{
    public static void WriteProperties(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteString("code", finding.Code);
        writer.WriteString("severity", finding.Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "note",
        });
        WriteText(writer, "message", finding.Message);
        WriteText(writer, "location", finding.Location);
        WriteText(writer, "fix", finding.Fix);
    }

    /// <summary>A text property, made safe as the terminal output is (<see cref="TerminalText.Safe"/>); null as JSON's null.</summary>
    public static void WriteText(Utf8JsonWriter writer, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, TerminalText.Safe(value));
        }
    }

    /// <summary>Indented, with non-ASCII text kept readable (the output is for tools and people, not HTML).</summary>
    public static JsonWriterOptions Options => new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
