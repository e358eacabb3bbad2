using System.Text;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Rendering;

/// <summary>Findings as short human text: one paragraph per finding, its location, and the exact fix (each made <see cref="TerminalText.Safe"/>).</summary>
internal static class TextRenderer
{
    public static string Render(IReadOnlyList<Finding> findings, bool color)
    {
        var text = new StringBuilder();
        foreach (var finding in findings)
        {
            var (label, ansi) = finding.Severity switch
            {
                Severity.Error => ("error", "31"),
                Severity.Warning => ("warning", "33"),
                _ => ("note", "36"),
            };
            text.Append(Paint($"{label} {finding.Code}", ansi + ";1", color)).Append(": ").AppendLine(TerminalText.Safe(finding.Message));
            if (!string.IsNullOrEmpty(finding.Location))
            {
                text.Append("  at:  ").AppendLine(TerminalText.Safe(finding.Location));
            }

            if (!string.IsNullOrEmpty(finding.Fix))
            {
                text.Append("  fix: ").AppendLine(Paint(TerminalText.Safe(finding.Fix), "1", color));
            }
        }

        return text.ToString();
    }

    public static string Paint(string text, string ansi, bool color) => color ? $"\u001b[{ansi}m{text}\u001b[0m" : text;
}
