using System.Text;
using System.Text.RegularExpressions;

namespace DriftHooks.Core.Rules;

/// <summary>
/// The tables and enum types a migration script creates, read from the statements Prisma writes
/// (<c>CREATE TABLE "User" (</c>, <c>CREATE TYPE "Role" AS ENUM</c>, schema-qualified in multi-schema projects).
/// Enough to tell that a database already holds what a migration would create, as a lost history leaves it.
/// Names are <c>"table schema.name"</c> / <c>"type schema.name"</c>; an unqualified name is in <paramref name="schema"/>.
/// </summary>
public static partial class CreatedObjects
{
    public static IReadOnlyList<string> Of(byte[] script, string schema)
    {
        var text = Encoding.UTF8.GetString(script);
        var names = new List<string>();
        foreach (Match match in CreatePattern().Matches(text))
        {
            var kind = match.Groups["kind"].Value.Equals("TABLE", StringComparison.OrdinalIgnoreCase) ? "table" : "type";
            var owner = match.Groups["schema"].Success ? Identifier(match.Groups["schema"].Value) : schema;
            names.Add($"{kind} {owner}.{Identifier(match.Groups["name"].Value)}");
        }

        return names;
    }

    // A quoted identifier keeps its case ("" stands for "); an unquoted one folds to lower case, as PostgreSQL folds it.
    static string Identifier(string token) =>
        token.StartsWith('"') ? token[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : token.ToLowerInvariant();

    [GeneratedRegex("""\bCREATE\s+(?<kind>TABLE|TYPE)\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:(?<schema>"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s*\.\s*)?(?<name>"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex CreatePattern();
}
