using System.Text;

namespace DriftHooks.Core.SqlText;

/// <summary>
/// Splits a PostgreSQL script into statements of tokens the way the server reads it: comments (<c>--</c>, nested
/// <c>/* */</c>) dropped, string constants, quoted identifiers and dollar-quoted bodies kept whole (a <c>;</c> inside
/// them ends nothing), unquoted words folded to lower case, several statements on a line split at top-level <c>;</c>.
/// </summary>
internal static class SqlLexer
{
    public static IReadOnlyList<SqlStatement> Statements(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var statements = new List<SqlStatement>();
        var current = new List<SqlToken>(64);
        var atomicDepth = 0;
        foreach (var token in Tokens(script))
        {
            // A SQL-standard function body (BEGIN ATOMIC … END) holds semicolons of its own.
            if (token.Kind == SqlTokenKind.Word && current.Count > 0)
            {
                if (token.Text == "atomic" && current[^1].IsWord("begin"))
                {
                    atomicDepth++;
                }
                else if (atomicDepth > 0 && token.Text == "case")
                {
                    atomicDepth++;
                }
                else if (atomicDepth > 0 && token.Text == "end")
                {
                    atomicDepth--;
                }
            }

            if (token.IsSymbol(";") && atomicDepth == 0)
            {
                Flush();
                continue;
            }

            current.Add(token);
        }

        Flush();
        return statements;

        void Flush()
        {
            if (current.Count > 0)
            {
                statements.Add(new SqlStatement(current.ToArray(), script[current[0].Start..current[^1].End], current[0].Line));
                current.Clear(); // one list for the whole script: it stops growing after the longest statement
            }
        }
    }

    public static IEnumerable<SqlToken> Tokens(string script)
    {
        var i = 0;
        var line = 1;
        while (SkipSpaceAndComments(script, ref i, ref line))
        {
            yield return Token(script, ref i, ref line);
        }
    }

    /// <summary>Moves past white space and comments, counting lines; false at the end of the script.</summary>
    private static bool SkipSpaceAndComments(string script, ref int i, ref int line)
    {
        while (i < script.Length)
        {
            var c = script[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(script, i + 1) == '-')
            {
                i = script.IndexOf('\n', i) is var end and >= 0 ? end : script.Length;
            }
            else if (c == '/' && At(script, i + 1) == '*')
            {
                i = SkipBlockComment(script, i, ref line);
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The token at <paramref name="i"/> (which holds no white space or comment), moving past it.</summary>
    private static SqlToken Token(string script, ref int i, ref int line)
    {
        var c = script[i];
        var start = i;
        var startLine = line;
        if (c == '\'' || ((c is 'E' or 'e' or 'B' or 'b' or 'X' or 'x' or 'N' or 'n') && At(script, i + 1) == '\''))
        {
            var escapes = c is 'E' or 'e';
            var text = Quoted(script, c == '\'' ? i : i + 1, '\'', escapes, ref i, ref line);
            return new SqlToken(SqlTokenKind.String, text, start, i, startLine);
        }

        if (c == '"')
        {
            var text = Quoted(script, i, '"', false, ref i, ref line);
            return new SqlToken(SqlTokenKind.QuotedIdentifier, Truncated(text), start, i, startLine);
        }

        if (c == '$' && DollarTag(script, i) is { } tag)
        {
            var close = script.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
            var body = script[(i + tag.Length)..(close < 0 ? script.Length : close)];
            line += body.Count(ch => ch == '\n');
            i = close < 0 ? script.Length : close + tag.Length;
            return new SqlToken(SqlTokenKind.DollarString, body, start, i, startLine);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(script, i + 1))))
        {
            i = NumberEnd(script, i);
            return new SqlToken(SqlTokenKind.Number, script[start..i], start, i, startLine);
        }

        if (char.IsLetter(c) || c == '_')
        {
            while (i < script.Length && (char.IsLetterOrDigit(script[i]) || script[i] is '_' or '$'))
            {
                i++;
            }

            return new SqlToken(SqlTokenKind.Word, Truncated(LowerCase(script, start, i)), start, i, startLine);
        }

        i += c == ':' && At(script, i + 1) == ':' ? 2 : 1;
        return new SqlToken(SqlTokenKind.Symbol, script[start..i], start, i, startLine);
    }

    /// <summary>Where the numeric constant at <paramref name="i"/> ends: digits, a point, an exponent with its sign.</summary>
    private static int NumberEnd(string script, int i)
    {
        while (i < script.Length && (char.IsAsciiDigit(script[i]) || script[i] == '.'
            || ((script[i] is 'e' or 'E') && (char.IsAsciiDigit(At(script, i + 1)) || (At(script, i + 1) is '+' or '-' && char.IsAsciiDigit(At(script, i + 2)))))
            || ((script[i] is '+' or '-') && script[i - 1] is 'e' or 'E')))
        {
            i++;
        }

        return i;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static int SkipBlockComment(string script, int i, ref int line)
    {
        var depth = 0;
        while (i < script.Length)
        {
            if (script[i] == '/' && At(script, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (script[i] == '*' && At(script, i + 1) == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                if (script[i] == '\n')
                {
                    line++;
                }

                i++;
            }
        }

        return i;
    }

    /// <summary>Reads a quoted run starting at <paramref name="open"/>: doubled quotes and, with escapes, backslashes unescaped.</summary>
    // A word folded to lower case in one allocation (a migration's ALTER TABLE, CREATE INDEX … are mostly upper case).
    private static string LowerCase(string script, int start, int end) =>
        string.Create(end - start, (script, start), static (span, word) => word.script.AsSpan(word.start, span.Length).ToLowerInvariant(span));

    // PostgreSQL keeps an identifier's first 63 bytes (NAMEDATALEN - 1), cut at a character: CREATE INDEX with a longer
    // name makes an index of the shorter one, which is the name later statements and the catalog see.
    private static string Truncated(string identifier)
    {
        const int MaxBytes = 63;
        if (identifier.Length <= MaxBytes / 4 || System.Text.Encoding.UTF8.GetByteCount(identifier) <= MaxBytes)
        {
            return identifier;
        }

        var end = 0;
        var bytes = 0;
        foreach (var rune in identifier.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }

        return identifier[..end];
    }

    private static string Quoted(string script, int open, char quote, bool escapes, ref int i, ref int line)
    {
        var sb = new StringBuilder();
        i = open + 1;
        while (i < script.Length)
        {
            var c = script[i];
            if (c == '\n')
            {
                line++;
            }

            if (escapes && c == '\\' && i + 1 < script.Length)
            {
                sb.Append(script[i + 1] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (At(script, i + 1) == quote)
                {
                    sb.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                return sb.ToString();
            }

            sb.Append(c);
            i++;
        }

        return sb.ToString();
    }

    /// <summary>The opening tag (<c>$$</c> or <c>$name$</c>) at <paramref name="i"/>, or null for a parameter such as <c>$1</c>.</summary>
    private static string? DollarTag(string script, int i)
    {
        var j = i + 1;
        if (j < script.Length && char.IsAsciiDigit(script[j]))
        {
            return null;
        }

        while (j < script.Length && (char.IsLetterOrDigit(script[j]) || script[j] == '_'))
        {
            j++;
        }

        return j < script.Length && script[j] == '$' ? script[i..(j + 1)] : null;
    }
}
