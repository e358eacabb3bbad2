using System.Text;
using System.Text.Json;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Core.Check;

/// <summary>The three renderings of a <see cref="RangeCheckResult"/>: text, JSON and GitHub Actions annotations.</summary>
internal static class RangeCheckRenderer
{
    public static string Text(RangeCheckResult result, bool color)
    {
        var text = new StringBuilder();
        foreach (var group in result.Findings.GroupBy(f => f.Commit.Sha))
        {
            var commit = group.First().Commit;
            text.AppendLine(TextRenderer.Paint(TerminalText.Safe($"commit {commit}"), "1", color));
            text.Append(TextRenderer.Render([.. group.Select(f => f.Finding)], color));
            text.AppendLine();
        }

        text.AppendLine(Summary(result));
        return text.ToString();
    }

    public static string GitHub(RangeCheckResult result)
    {
        var text = new StringBuilder();
        foreach (var finding in result.Findings)
        {
            text.AppendLine(GitHubAnnotations.Render(finding.Finding, $"commit {finding.Commit}"));
        }

        text.AppendLine(Summary(result));
        return text.ToString();
    }

    public static string Json(RangeCheckResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, FindingJson.Options))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("base");
            WriteCommit(writer, result.Base);
            FindingJson.WriteText(writer, "baseSource", result.BaseSource);
            writer.WritePropertyName("head");
            WriteCommit(writer, result.Head);
            writer.WriteNumber("commitsChecked", result.Commits.Count);
            writer.WriteBoolean("productionCompared", result.ProductionCompared);
            writer.WriteNumber("errors", result.ErrorCount);
            writer.WriteNumber("exitCode", result.ExitCode);
            writer.WriteStartArray("findings");
            foreach (var finding in result.Findings)
            {
                writer.WriteStartObject();
                FindingJson.WriteProperties(writer, finding.Finding);
                writer.WritePropertyName("commit");
                WriteCommit(writer, finding.Commit);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The closing line of every format; its base (a branch name) is made safe as any text from outside.</summary>
    public static string Summary(RangeCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var range = $"{result.Commits.Count} commit{(result.Commits.Count == 1 ? "" : "s")} in {result.Base.ShortSha}..{result.Head.ShortSha} ({TerminalText.Safe(result.BaseSource)})";
        var production = result.ProductionCompared ? "; head compared with production" : "";
        var errors = result.ErrorCount;
        return errors == 0
            ? $"DriftHooks check: passed, {range}{production}."
            : $"DriftHooks check: {errors} error{(errors == 1 ? "" : "s")} in {range}{production}. Fix them as shown and push again.";
    }

    private static void WriteCommit(Utf8JsonWriter writer, CommitInfo commit)
    {
        writer.WriteStartObject();
        writer.WriteString("sha", commit.Sha);
        writer.WriteString("shortSha", commit.ShortSha);
        FindingJson.WriteText(writer, "subject", commit.Subject);
        writer.WriteEndObject();
    }
}
