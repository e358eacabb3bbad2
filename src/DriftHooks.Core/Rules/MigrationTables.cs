using System.Text;
using System.Text.RegularExpressions;

namespace DriftHooks.Core.Rules;

/// <summary>
/// The tables a sequence of migration scripts leaves behind, read from their SQL (CREATE TABLE, DROP TABLE,
/// ALTER TABLE … RENAME TO). A light check of "the schema carries what the history claims", used by restore until the
/// shadow-database replay and catalog comparison are available: tables only, not columns, indexes or types.
/// </summary>
public static partial class MigrationTables
{
    /// <summary>Qualified names (<c>schema.table</c>) of the tables the scripts leave, applied in order.</summary>
    public static IReadOnlySet<string> Expected(IEnumerable<byte[]> scripts, string defaultSchema)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var script in scripts)
        {
            var sql = LineComment().Replace(Encoding.UTF8.GetString(script), "");
            foreach (Match m in Statement().Matches(sql))
            {
                if (m.Groups["create"].Success)
                {
                    tables.Add(Qualify(m.Groups["create"].Value, defaultSchema));
                }
                else if (m.Groups["drop"].Success)
                {
                    foreach (var name in NameList().Matches(m.Groups["drop"].Value).Select(n => n.Value))
                    {
                        tables.Remove(Qualify(name, defaultSchema));
                    }
                }
                else if (m.Groups["from"].Success)
                {
                    var from = Qualify(m.Groups["from"].Value, defaultSchema);
                    if (tables.Remove(from))
                    {
                        tables.Add(from[..(from.IndexOf('.', StringComparison.Ordinal) + 1)] + Unquote(m.Groups["to"].Value));
                    }
                }
            }
        }

        return tables;
    }

    static string Qualify(string name, string defaultSchema)
    {
        var parts = Part().Matches(name).Select(p => Unquote(p.Value)).ToList();
        return parts.Count >= 2 ? parts[^2] + "." + parts[^1] : defaultSchema + "." + parts[0];
    }

    // Quoted identifiers keep their case; unquoted ones fold to lower case, as PostgreSQL does.
    static string Unquote(string part) =>
        part.StartsWith('"') ? part[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : part.ToLowerInvariant();

    const string Name = @"(?:""(?:[^""]|"""")+""|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:""(?:[^""]|"""")+""|[A-Za-z_][\w$]*))?";

    [GeneratedRegex("--[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(
        @"\bCREATE\s+(?:UNLOGGED\s+|TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<create>" + Name + @")"
        + @"|\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?<drop>" + Name + @"(?:\s*,\s*" + Name + @")*)"
        + @"|\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(?<from>" + Name + @")\s+RENAME\s+TO\s+(?<to>""(?:[^""]|"""")+""|[A-Za-z_][\w$]*)",
        RegexOptions.IgnoreCase)]
    private static partial Regex Statement();

    [GeneratedRegex(Name)]
    private static partial Regex NameList();

    [GeneratedRegex(@"""(?:[^""]|"""")+""|[A-Za-z_][\w$]*")]
    private static partial Regex Part();
}
