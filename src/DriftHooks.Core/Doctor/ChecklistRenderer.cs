using System.Text;
using System.Text.Json;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Core.Doctor;

/// <summary>The doctor's checklist: one mark per item (✓ ✗ ! –, or ASCII where the terminal may not show them), its fix, and JSON.</summary>
internal static class ChecklistRenderer
{
    public static string Text(IReadOnlyList<DoctorItem> items, bool unicode, bool color)
    {
        var width = items.Max(i => i.Title.Length);
        var text = new StringBuilder();
        foreach (var item in items)
        {
            var (mark, ansi) = item.Status switch
            {
                DoctorStatus.Pass => (unicode ? "✓" : "[ok]  ", "32"),
                DoctorStatus.Fail => (unicode ? "✗" : "[FAIL]", "31;1"),
                DoctorStatus.Warn => (unicode ? "!" : "[warn]", "33;1"),
                _ => (unicode ? "–" : "[skip]", "2"),
            };
            text.Append(TextRenderer.Paint(mark, ansi, color)).Append(' ').Append(item.Title.PadRight(width)).Append("  ").AppendLine(TerminalText.Safe(item.Detail));
            if (item.Fix is not null && item.Status is DoctorStatus.Fail or DoctorStatus.Warn)
            {
                text.Append(new string(' ', (unicode ? 1 : 6) + 1 + width + 2)).Append("fix: ").AppendLine(TextRenderer.Paint(TerminalText.Safe(item.Fix), "1", color));
            }
        }

        var failed = items.Count(i => i.Status == DoctorStatus.Fail);
        var warned = items.Count(i => i.Status == DoctorStatus.Warn);
        text.AppendLine(failed == 0
            ? $"DriftHooks doctor: ready{(warned > 0 ? $" ({warned} warning{(warned == 1 ? "" : "s")})" : "")}."
            : $"DriftHooks doctor: {failed} item{(failed == 1 ? "" : "s")} failing{(warned > 0 ? $", {warned} warning{(warned == 1 ? "" : "s")}" : "")}; fix {(failed == 1 ? "it" : "them")} as shown before you start.");
        return text.ToString();
    }

    public static string Json(IReadOnlyList<DoctorItem> items)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, FindingJson.Options))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("passed", items.All(i => i.Status != DoctorStatus.Fail));
            writer.WriteStartArray("items");
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writer.WriteString("id", item.Id);
                writer.WriteString("status", item.Status.ToString().ToLowerInvariant());
                FindingJson.WriteText(writer, "detail", item.Detail);
                FindingJson.WriteText(writer, "fix", item.Fix);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
