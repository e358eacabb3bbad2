using System.Text.Json;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Rendering;

/// <summary>Writes a finding as a JSON object's properties (no reflection: native-AOT safe).</summary>
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
        writer.WriteString("message", finding.Message);
        WriteNullable(writer, "location", finding.Location);
        WriteNullable(writer, "fix", finding.Fix);
    }

    public static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Indented, with non-ASCII text kept readable (the output is for tools and people, not HTML).</summary>
    public static JsonWriterOptions Options => new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
