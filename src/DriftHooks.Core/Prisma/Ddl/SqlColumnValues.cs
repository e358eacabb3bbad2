using System.Globalization;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Prisma.Ddl;

/// <summary>A column type as the model writes it (<c>varchar(191)</c>, <c>enum public.Role</c>); serial types carry autoincrement.</summary>
internal sealed record SqlColumnType(string Type, bool IsArray, bool IsSerial);

/// <summary>
/// Reads SQL column types and default expressions into the canonical forms <see cref="DatabaseModelBuilder"/>
/// gives them, so that a column the SQL creates equals the column the schema declares.
/// </summary>
internal static class SqlColumnValues
{
    /// <summary>Marks a default the model cannot say precisely (identity, generated columns): never compared as certain.</summary>
    public const string IdentityDefault = "dbgenerated(identity)";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["int"] = "integer",
        ["int4"] = "integer",
        ["integer"] = "integer",
        ["int2"] = "smallint",
        ["smallint"] = "smallint",
        ["int8"] = "bigint",
        ["bigint"] = "bigint",
        ["float8"] = "double precision",
        ["float4"] = "real",
        ["real"] = "real",
        ["numeric"] = "decimal",
        ["decimal"] = "decimal",
        ["bool"] = "boolean",
        ["boolean"] = "boolean",
        ["varchar"] = "varchar",
        ["char"] = "char",
        ["character"] = "char",
        ["bpchar"] = "char",
        ["timestamptz"] = "timestamptz",
        ["timetz"] = "timetz",
        ["varbit"] = "varbit",
    };

    private static readonly Dictionary<string, string> Serials = new(StringComparer.Ordinal)
    {
        ["serial"] = "integer",
        ["serial4"] = "integer",
        ["bigserial"] = "bigint",
        ["serial8"] = "bigint",
        ["smallserial"] = "smallint",
        ["serial2"] = "smallint",
    };

    /// <summary>Reads a type at the cursor: multi-word names, (modifiers), time zones, <c>[]</c> and <c>ARRAY</c>.</summary>
    public static SqlColumnType ReadType(SqlCursor cursor, DatabaseModel model)
    {
        var quoted = cursor.Peek()?.Kind == SqlTokenKind.QuotedIdentifier;
        var (schema, name) = cursor.QualifiedName();
        if (schema == "pg_catalog")
        {
            schema = null;
        }

        string type;
        var serial = false;
        if (model.Enums.TryGetValue(DatabaseModel.Qualify(schema ?? "public", name), out var e))
        {
            type = $"enum {e.Schema}.{e.Name}";
        }
        else if (schema is null && !quoted)
        {
            (type, serial) = Builtin(cursor, name);
        }
        else
        {
            type = Modifiers(cursor, name);
        }

        var isArray = false;
        while (cursor.PeekSymbol("["))
        {
            cursor.SkipGroupOf("[");
            isArray = true;
        }

        if (cursor.Accept("array"))
        {
            isArray = true;
            if (cursor.PeekSymbol("["))
            {
                cursor.SkipGroupOf("[");
            }
        }

        return new SqlColumnType(type, isArray, serial);
    }

    private static (string Type, bool Serial) Builtin(SqlCursor cursor, string name)
    {
        if (Serials.TryGetValue(name, out var serialType))
        {
            return (serialType, true);
        }

        switch (name)
        {
            case "double":
                cursor.Expect("precision");
                return ("double precision", false);
            case "character" or "char" when cursor.Accept("varying"):
                return (Modifiers(cursor, "varchar"), false);
            case "bit" when cursor.Accept("varying"):
                return (Modifiers(cursor, "varbit"), false);
            case "float":
                var precision = Modifiers(cursor, string.Empty);
                return (precision.Length > 2 && int.Parse(precision[1..^1], CultureInfo.InvariantCulture) <= 24 ? "real" : "double precision", false);
            case "timestamp" or "time":
                var withPrecision = Modifiers(cursor, name);
                if (withPrecision == name)
                {
                    withPrecision += "(6)"; // PostgreSQL's default precision; the model writes it out.
                }

                if (cursor.Accept("with", "time", "zone"))
                {
                    withPrecision = name + "tz" + withPrecision[name.Length..];
                }
                else
                {
                    cursor.Accept("without", "time", "zone");
                }

                return (withPrecision, false);
            case "timestamptz" or "timetz":
                var tz = Modifiers(cursor, name);
                return (tz == name ? tz + "(6)" : tz, false);
        }

        return (Modifiers(cursor, Aliases.GetValueOrDefault(name, name)), false);
    }

    private static string Modifiers(SqlCursor cursor, string name)
    {
        if (!cursor.PeekSymbol("("))
        {
            return name;
        }

        var (start, end) = cursor.SkipGroup();
        var args = cursor.Range(start, end).Where(t => !t.IsSymbol(",")).Select(t => t.Text);
        return $"{name}({string.Join(",", args)})";
    }

    /// <summary>
    /// The canonical default of a column of <paramref name="type"/> for the expression's tokens; an expression
    /// the model has no literal form for is <c>dbgenerated(…)</c>, its source text in lower case, as the schema
    /// reader writes <c>@default(dbgenerated("…"))</c>.
    /// </summary>
    public static string? Default(IReadOnlyList<SqlToken> tokens, string source, SqlColumnType type)
    {
        var list = StripCasts(Unwrap(tokens));
        if (list.Count == 1 && list[0].IsWord("null"))
        {
            return null;
        }

        return Literal(list, type, type.IsArray) ?? "dbgenerated(" + source.Trim().ToLowerInvariant() + ")";
    }

    private static string? Literal(IReadOnlyList<SqlToken> list, SqlColumnType type, bool isArray)
    {
        if (list.Count == 0)
        {
            return null;
        }

        if (isArray)
        {
            if (list[0].IsWord("array") && list.Count >= 3 && list[1].IsSymbol("[") && list[^1].IsSymbol("]"))
            {
                var items = Split(list.Skip(2).Take(list.Count - 3).ToList());
                var rendered = items.Select(i => Literal(StripCasts(Unwrap(i)), type, false)).ToList();
                return rendered.Any(r => r is null) ? null : "[" + string.Join(", ", rendered) + "]";
            }

            return list is [{ Kind: SqlTokenKind.String, Text: "{}" }] ? "[]" : null;
        }

        if (list.Count == 1)
        {
            var token = list[0];
            return token.Kind switch
            {
                SqlTokenKind.String => StringLiteral(token.Text, type.Type),
                SqlTokenKind.Number => Number(token.Text, type.Type),
                SqlTokenKind.Word when token.Text is "true" or "false" => token.Text,
                SqlTokenKind.Word when token.Text is "current_timestamp" => "now()",
                _ => null,
            };
        }

        if (list.Count == 2 && list[0].IsSymbol("-") && list[1].Kind == SqlTokenKind.Number)
        {
            return Number("-" + list[1].Text, type.Type);
        }

        if (list[0].Kind == SqlTokenKind.Word && list.Count >= 3 && list[1].IsSymbol("(") && list[^1].IsSymbol(")"))
        {
            return list[0].Text switch
            {
                "now" when list.Count == 3 => "now()",
                "current_timestamp" => "now()",
                "nextval" => "autoincrement()",
                _ => null,
            };
        }

        return null;
    }

    private static string StringLiteral(string text, string type)
    {
        if (type is "json" or "jsonb")
        {
            return "json " + CanonicalJson.Render(text);
        }

        if ((type.StartsWith("timestamp", StringComparison.Ordinal) || type == "date")
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        }

        return "'" + text + "'";
    }

    private static string Number(string text, string type)
    {
        var inv = CultureInfo.InvariantCulture;
        if (type is "integer" or "bigint" or "smallint" && long.TryParse(text, NumberStyles.Integer, inv, out var l))
        {
            return l.ToString(inv);
        }

        if (type is "double precision" or "real" && double.TryParse(text, NumberStyles.Float, inv, out var d))
        {
            return d.ToString("R", inv);
        }

        if (type.StartsWith("decimal", StringComparison.Ordinal) && decimal.TryParse(text, NumberStyles.Float, inv, out var m))
        {
            var rendered = m.ToString(inv);
            return rendered.Contains('.', StringComparison.Ordinal) ? rendered.TrimEnd('0').TrimEnd('.') : rendered;
        }

        return text;
    }

    /// <summary>
    /// Takes off the parentheses that enclose the whole expression, layer by layer: ((a)) is a, (a) + (b) stays. One
    /// pass (taking a layer off and scanning again was quadratic in the nesting: 64,000 levels took a minute).
    /// </summary>
    private static List<SqlToken> Unwrap(IReadOnlyList<SqlToken> tokens)
    {
        // Layer k encloses everything when tokens k and n-1-k are '(' and ')' and no ')' before n-1-k brings the
        // depth back to k: firstReturn[k] is the first ')' that does (depth counted from the start).
        var count = tokens.Count;
        var firstReturn = new Dictionary<int, int>();
        var depth = 0;
        for (var i = 0; i < count; i++)
        {
            if (tokens[i].IsSymbol("("))
            {
                depth++;
            }
            else if (tokens[i].IsSymbol(")"))
            {
                depth--;
                firstReturn.TryAdd(depth, i);
            }
        }

        var layers = 0;
        while (count - (2 * layers) >= 2 && tokens[layers].IsSymbol("(") && tokens[count - 1 - layers].IsSymbol(")")
            && (!firstReturn.TryGetValue(layers, out var closes) || closes >= count - 1 - layers))
        {
            layers++;
        }

        return [.. tokens.Skip(layers).Take(count - (2 * layers))];
    }

    // 'x'::text, ARRAY[]::TEXT[], 'A'::"Role": a top-level cast changes nothing the model compares.
    private static List<SqlToken> StripCasts(List<SqlToken> list)
    {
        var depth = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var token = list[i];
            if (token.IsSymbol("(") || token.IsSymbol("["))
            {
                depth++;
            }
            else if (token.IsSymbol(")") || token.IsSymbol("]"))
            {
                depth--;
            }
            else if (depth == 0 && token.IsSymbol("::"))
            {
                return Unwrap(list.GetRange(0, i));
            }
        }

        return list;
    }

    private static List<List<SqlToken>> Split(List<SqlToken> tokens)
    {
        var parts = new List<List<SqlToken>>();
        if (tokens.Count == 0)
        {
            return parts;
        }

        var current = new List<SqlToken>();
        var depth = 0;
        foreach (var token in tokens)
        {
            if (token.IsSymbol("(") || token.IsSymbol("["))
            {
                depth++;
            }
            else if (token.IsSymbol(")") || token.IsSymbol("]"))
            {
                depth--;
            }

            if (depth == 0 && token.IsSymbol(","))
            {
                parts.Add(current);
                current = [];
                continue;
            }

            current.Add(token);
        }

        parts.Add(current);
        return parts;
    }
}
