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
            switch (text[i])
            {
                case '\n':
                    if (depth == 0)
                    {
                        tokens.Add(new(PrismaTokenKind.NewLine, "\n", line));
                    }

                    line++;
                    i++;
                    break;
                case ' ' or '\t' or '\r' or '\f' or '\v':
                    i++;
                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    i = text.IndexOf('\n', i) is var end and >= 0 ? end : text.Length;
                    break;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    i = SkipBlockComment(source, text, i, ref line, depth, tokens);
                    break;
                case '"':
                    i = ReadString(source, text, i, line, tokens);
                    break;
                default:
                    i = ReadPunctuation(text, i, line, ref depth, tokens) ?? ReadWord(source, text, i, line, tokens);
                    break;
            }
        }

        tokens.Add(new(PrismaTokenKind.End, string.Empty, line));
        return tokens;
    }

    /// <summary>
    /// The punctuation at <paramref name="i"/> added as its token, counting the parentheses and brackets that let an
    /// argument list span lines; where it ends, or null when <paramref name="i"/> holds none.
    /// </summary>
    private static int? ReadPunctuation(string text, int i, int line, ref int depth, List<PrismaToken> tokens)
    {
        (PrismaTokenKind Kind, string Text) token;
        switch (text[i])
        {
            case '@' when i + 1 < text.Length && text[i + 1] == '@':
                tokens.Add(new(PrismaTokenKind.AtAt, "@@", line));
                return i + 2;
            case '@':
                token = (PrismaTokenKind.At, "@");
                break;
            case '(':
                depth++;
                token = (PrismaTokenKind.OpenParen, "(");
                break;
            case '[':
                depth++;
                token = (PrismaTokenKind.OpenBracket, "[");
                break;
            case ')':
                depth = Math.Max(0, depth - 1);
                token = (PrismaTokenKind.CloseParen, ")");
                break;
            case ']':
                depth = Math.Max(0, depth - 1);
                token = (PrismaTokenKind.CloseBracket, "]");
                break;
            case '{':
                // A brace ends any unbalanced argument list, so one typo cannot swallow the rest of the file.
                depth = 0;
                token = (PrismaTokenKind.OpenBrace, "{");
                break;
            case '}':
                depth = 0;
                token = (PrismaTokenKind.CloseBrace, "}");
                break;
            case ',':
                token = (PrismaTokenKind.Comma, ",");
                break;
            case ':':
                token = (PrismaTokenKind.Colon, ":");
                break;
            case '=':
                token = (PrismaTokenKind.Equals, "=");
                break;
            case '?':
                token = (PrismaTokenKind.Question, "?");
                break;
            case '.':
                token = (PrismaTokenKind.Dot, ".");
                break;
            default:
                return null;
        }

        tokens.Add(new(token.Kind, token.Text, line));
        return i + 1;
    }

    /// <summary>The number (digits, or '-' and digits) or identifier at <paramref name="i"/> added as its token; where it ends.</summary>
    private static int ReadWord(SchemaSource source, string text, int i, int line, List<PrismaToken> tokens)
    {
        var c = text[i];
        var start = i++;
        PrismaTokenKind kind;
        if (char.IsAsciiDigit(c) || (c == '-' && i < text.Length && char.IsAsciiDigit(text[i])))
        {
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '-' or '+'))
            {
                i++;
            }

            kind = PrismaTokenKind.Number;
        }
        else if (char.IsAsciiLetter(c) || c == '_')
        {
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-'))
            {
                i++;
            }

            kind = PrismaTokenKind.Identifier;
        }
        else
        {
            throw SchemaParseException.At(source.Path, line, $"unexpected character '{c}'");
        }

        tokens.Add(new(kind, text[start..i], line));
        return i;
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
