using System.Text;
using System.Text.RegularExpressions;

namespace DriftHooks.Core.SqlText;

/// <summary>
/// The tables, enum types, columns and indexes a migration script creates, read from the statements Prisma writes
/// (<c>CREATE TABLE "User" (</c>, <c>CREATE TYPE "Role" AS ENUM</c>, <c>ALTER TABLE "User" ADD COLUMN "name"</c>,
/// <c>CREATE UNIQUE INDEX "User_email_key" ON "User"</c>, schema-qualified in multi-schema projects). Enough to tell
/// that a database already holds what a migration would create, as a lost history leaves it. Names are
/// <c>table schema.name</c>, <c>type schema.name</c>, <c>column schema.table.name</c>, <c>index schema.name</c>; an
/// unqualified name is in <paramref name="schema"/>. <c>SchemaObjectsReader</c> names a database's the same way.
/// </summary>
internal static partial class CreatedObjects
{
    const string Identifier = """(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)""";
    const string Qualified = $"""(?:(?<schema>{Identifier})\s*\.\s*)?(?<name>{Identifier})""";

    public static IReadOnlyList<string> Of(byte[] script, string schema)
    {
        ArgumentNullException.ThrowIfNull(script);
        var text = Encoding.UTF8.GetString(script);
        var names = new List<string>();
        foreach (Match match in CreatePattern().Matches(text))
        {
            var kind = match.Groups["kind"].Value.ToUpperInvariant() switch { "TABLE" => "table", "TYPE" => "type", _ => "index" };
            var owner = match.Groups["schema"].Success ? Name(match.Groups["schema"].Value)
                : kind == "index" && match.Groups["onschema"].Success ? Name(match.Groups["onschema"].Value)
                : schema;
            names.Add($"{kind} {owner}.{Name(match.Groups["name"].Value)}");
        }

        foreach (Match alter in AlterPattern().Matches(text))
        {
            var owner = alter.Groups["schema"].Success ? Name(alter.Groups["schema"].Value) : schema;
            var table = Name(alter.Groups["name"].Value);
            foreach (Match column in AddColumnPattern().Matches(alter.Groups["body"].Value))
            {
                names.Add($"column {owner}.{table}.{Name(column.Groups["column"].Value)}");
            }
        }

        return names;
    }

    /// <summary>
    /// The columns whose default a migration script sets or drops (<c>ALTER TABLE "User" ALTER COLUMN "role" SET
    /// DEFAULT 'user'</c>, as Prisma writes it), named as <see cref="Of"/> names columns: a migration that captures a
    /// default changed by hand in production.
    /// </summary>
    public static IReadOnlyList<string> DefaultsSet(byte[] script, string schema)
    {
        ArgumentNullException.ThrowIfNull(script);
        var names = new List<string>();
        foreach (Match alter in AlterPattern().Matches(Encoding.UTF8.GetString(script)))
        {
            var owner = alter.Groups["schema"].Success ? Name(alter.Groups["schema"].Value) : schema;
            var table = Name(alter.Groups["name"].Value);
            foreach (Match column in AlterDefaultPattern().Matches(alter.Groups["body"].Value))
            {
                names.Add($"column {owner}.{table}.{Name(column.Groups["column"].Value)}");
            }
        }

        return names;
    }

    // A quoted identifier keeps its case ("" stands for "); an unquoted one folds to lower case, as PostgreSQL folds it.
    static string Name(string token) =>
        token.StartsWith('"') ? token[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : token.ToLowerInvariant();

    [GeneratedRegex($"""\bCREATE\s+(?:UNIQUE\s+)?(?<kind>TABLE|TYPE|INDEX)\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?{Qualified}(?:\s+ON\s+(?:ONLY\s+)?(?:(?<onschema>{Identifier})\s*\.\s*)?{Identifier})?""", RegexOptions.IgnoreCase)]
    private static partial Regex CreatePattern();

    [GeneratedRegex($"""\bALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?{Qualified}(?<body>[^;]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex AlterPattern();

    [GeneratedRegex($"""\bADD\s+COLUMN\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<column>{Identifier})""", RegexOptions.IgnoreCase)]
    private static partial Regex AddColumnPattern();

    [GeneratedRegex($"""\bALTER\s+(?:COLUMN\s+)?(?<column>{Identifier})\s+(?:SET|DROP)\s+DEFAULT\b""", RegexOptions.IgnoreCase)]
    private static partial Regex AlterDefaultPattern();
}
