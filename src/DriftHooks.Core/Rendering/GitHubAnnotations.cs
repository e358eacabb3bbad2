using System.Text;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Rendering;

/// <summary>
/// Findings as GitHub Actions workflow commands (<c>::error file=…,title=DH102::message</c>), which the runner shows
/// as annotations on the pull request. Every text is first made safe as the terminal output is (<see cref="TerminalText.Safe"/>),
/// then escaped by the runner's rules for data and for properties.
/// </summary>
internal static class GitHubAnnotations
{
    /// <param name="finding">The finding.</param>
    /// <param name="context">Appended to the message, e.g. the commit it was found in.</param>
    public static string Render(Finding finding, string? context)
    {
        var command = finding.Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "notice",
        };
        var text = new StringBuilder("::").Append(command).Append(' ');
        var file = FileOf(TerminalText.SafeOrNull(finding.Location));
        if (file is not null)
        {
            text.Append("file=").Append(EscapeProperty(file)).Append(',');
        }

        var title = TerminalText.Safe(context is null ? finding.Code : $"{finding.Code} in {context}");
        text.Append("title=").Append(EscapeProperty(title)).Append("::");
        var message = TerminalText.Safe(finding.Message);
        if (!string.IsNullOrEmpty(finding.Fix))
        {
            message += "\nfix: " + TerminalText.Safe(finding.Fix);
        }

        return text.Append(EscapeData(message)).ToString();
    }

    // A location may list several files ("a.prisma, b.prisma"); an annotation points at one. Database URLs are not files.
    private static string? FileOf(string? location)
    {
        if (string.IsNullOrEmpty(location) || location.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var comma = location.IndexOf(", ", StringComparison.Ordinal);
        return comma < 0 ? location : location[..comma];
    }

    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
