using System.Text;

namespace DriftHooks.Core.Prisma.Schema;

/// <summary>
/// Splits one schema file into tokens in a single forward pass. Comments are dropped. Line ends are
/// kept as tokens because Prisma separates fields by line, except inside parentheses and brackets,
/// where arguments may span lines.
/// </summary>
internal static class PrismaTokenizer
{
    public static List<PrismaToken> Tokenize(SchemaSource source)
    {
        var text = source.Text;
        var tokens = new List<PrismaToken>(text.Length / 4);
        var line = 1;
        var depth = 0;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\n':
                    if (depth == 0)
                    {
                        tokens.Add(new(PrismaTokenKind.NewLine, "\n", line));
                    }

                    line++;
                    i++;
                    continue;
                case ' ' or '\t' or '\r' or '\f' or '\v':
                    i++;
                    continue;
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }

                    continue;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    i = SkipBlockComment(source, text, i, ref line, depth, tokens);
                    continue;
                case '"':
                    i = ReadString(source, text, i, line, tokens);
                    continue;
                case '@':
                    if (i + 1 < text.Length && text[i + 1] == '@')
                    {
                        tokens.Add(new(PrismaTokenKind.AtAt, "@@", line));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new(PrismaTokenKind.At, "@", line));
                        i++;
                    }

                    continue;
                case '(' or '[':
                    depth++;
                    tokens.Add(new(c == '(' ? PrismaTokenKind.OpenParen : PrismaTokenKind.OpenBracket, c.ToString(), line));
                    i++;
                    continue;
                case ')' or ']':
                    depth = Math.Max(0, depth - 1);
                    tokens.Add(new(c == ')' ? PrismaTokenKind.CloseParen : PrismaTokenKind.CloseBracket, c.ToString(), line));
                    i++;
                    continue;
                case '{' or '}':
                    // A brace ends any unbalanced argument list, so one typo cannot swallow the rest of the file.
                    depth = 0;
                    tokens.Add(new(c == '{' ? PrismaTokenKind.OpenBrace : PrismaTokenKind.CloseBrace, c.ToString(), line));
                    i++;
                    continue;
                case ',':
                    tokens.Add(new(PrismaTokenKind.Comma, ",", line));
                    i++;
                    continue;
                case ':':
                    tokens.Add(new(PrismaTokenKind.Colon, ":", line));
                    i++;
                    continue;
                case '=':
                    tokens.Add(new(PrismaTokenKind.Equals, "=", line));
                    i++;
                    continue;
                case '?':
                    tokens.Add(new(PrismaTokenKind.Question, "?", line));
                    i++;
                    continue;
                case '.':
                    tokens.Add(new(PrismaTokenKind.Dot, ".", line));
                    i++;
                    continue;
            }

            if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '-' or '+'))
                {
                    i++;
                }

                tokens.Add(new(PrismaTokenKind.Number, text[start..i], line));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-'))
                {
                    i++;
                }

                tokens.Add(new(PrismaTokenKind.Identifier, text[start..i], line));
                continue;
            }

            throw SchemaParseException.At(source.Path, line, $"unexpected character '{c}'");
        }

        tokens.Add(new(PrismaTokenKind.End, string.Empty, line));
        return tokens;
    }

    // Prisma accepts /* … */ anywhere whitespace may stand (trigger.dev's schema documents models with /** … */).
    // The line count moves on with the comment's lines; a comment that spans lines still separates what is around it.
    private static int SkipBlockComment(SchemaSource source, string text, int i, ref int line, int depth, List<PrismaToken> tokens)
    {
        var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            throw SchemaParseException.At(source.Path, line, "expected '*/' to close the comment opened here");
        }

        var lines = text.AsSpan(i, end - i).Count('\n');
        if (lines > 0 && depth == 0)
        {
            tokens.Add(new(PrismaTokenKind.NewLine, "\n", line));
        }

        line += lines;
        return end + 2;
    }

    private static int ReadString(SchemaSource source, string text, int i, int line, List<PrismaToken> tokens)
    {
        var sb = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length || text[i] == '\n')
            {
                throw SchemaParseException.At(source.Path, line, "expected a closing '\"' before the end of the line");
            }

            var c = text[i++];
            if (c == '"')
            {
                break;
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (i >= text.Length)
            {
                throw SchemaParseException.At(source.Path, line, "expected an escaped character after '\\'");
            }

            var e = text[i++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'u' when i + 4 <= text.Length && ushort.TryParse(text.AsSpan(i, 4), System.Globalization.NumberStyles.HexNumber, null, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default: sb.Append(e); break;
            }
        }

        tokens.Add(new(PrismaTokenKind.String, sb.ToString(), line));
        return i;
    }
}
