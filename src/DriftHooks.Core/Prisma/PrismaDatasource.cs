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

    /// <summary>The datasource's <c>provider</c>, or null.</summary>
    public static string? Provider(string schema) =>
        ProviderPattern().Match(Block(schema)) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>
    /// The project's database when it is not PostgreSQL (mysql, sqlite, mongodb, sqlserver, cockroachdb), else null: from
    /// migration_lock.toml, else the schema file's datasource. DriftHooks reads and compares PostgreSQL databases only.
    /// </summary>
    public static string? OtherThanPostgres(PrismaProject project, Func<string, string?> readFile)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(readFile);
        var provider = readFile(project.LockFilePath) is { } lockFile
            ? LockProvider(System.Text.Encoding.UTF8.GetBytes(lockFile))
            : project.SchemaIsFolder ? null : readFile(project.SchemaPath) is { } schema ? Provider(schema) : null;
        return provider is null or "postgresql" or "postgres" ? null : provider;
    }

    /// <summary>One sentence for commands that read databases, naming the provider.</summary>
    public static string NotCompared(string provider) =>
        $"This project's database is \"{provider}\" and DriftHooks reads PostgreSQL databases only";

    static string Block(string schema) => DatasourcePattern().Match(schema) is { Success: true } m ? m.Value : "";

    [GeneratedRegex(@"datasource\s+\w+\s*\{[^}]*\}", RegexOptions.Singleline)]
    private static partial Regex DatasourcePattern();

    [GeneratedRegex(@"\bprovider\s*=\s*""([^""]+)""")]
    private static partial Regex ProviderPattern();

    [GeneratedRegex(@"\burl\s*=\s*env\(\s*""([^""]+)""\s*\)")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\bschemas\s*=\s*\[([^\]]*)\]")]
    private static partial Regex SchemasPattern();

    [GeneratedRegex(@"""([^""]+)""")]
    private static partial Regex QuotedPattern();

    /// <summary>The provider a <c>migration_lock.toml</c> names, or null.</summary>
    public static string? LockProvider(byte[] content)
    {
        foreach (var line in System.Text.Encoding.UTF8.GetString(content).Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("provider", StringComparison.Ordinal) && trimmed.Contains('='))
            {
                return trimmed[(trimmed.IndexOf('=') + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }
}
