using System.Text.RegularExpressions;

namespace DriftHooks.Core.Prisma;

/// <summary>The two facts about a schema's <c>datasource</c> block the companion commands need, read without the full parser.</summary>
internal static partial class PrismaDatasource
{
    /// <summary>The variable of <c>url = env("NAME")</c>, or null.</summary>
    public static string? UrlVariable(string schema) =>
        UrlPattern().Match(Block(schema)) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The schemas of <c>schemas = ["a", "b"]</c> (multiSchema), or empty.</summary>
    public static IReadOnlyList<string> Schemas(string schema) =>
        SchemasPattern().Match(Block(schema)) is { Success: true } m
            ? [.. QuotedPattern().Matches(m.Groups[1].Value).Select(q => q.Groups[1].Value)]
            : [];

    static string Block(string schema) => DatasourcePattern().Match(schema) is { Success: true } m ? m.Value : "";

    [GeneratedRegex(@"datasource\s+\w+\s*\{[^}]*\}", RegexOptions.Singleline)]
    private static partial Regex DatasourcePattern();

    [GeneratedRegex(@"\burl\s*=\s*env\(\s*""([^""]+)""\s*\)")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\bschemas\s*=\s*\[([^\]]*)\]")]
    private static partial Regex SchemasPattern();

    [GeneratedRegex(@"""([^""]+)""")]
    private static partial Regex QuotedPattern();
}
