namespace DriftHooks.Core.Prisma.Schema;

/// <summary>
/// Parses Prisma schema files into a light syntax tree (blocks, fields, attributes). Syntax only:
/// what the blocks mean for the database is <see cref="DatabaseModelBuilder"/>'s job.
/// </summary>
internal static class PrismaSchemaParser
{
    public static PrismaSchema Parse(IReadOnlyList<SchemaSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var blocks = new List<PrismaBlock>();
        foreach (var source in sources)
        {
            new FileParser(source, PrismaTokenizer.Tokenize(source)).ParseInto(blocks);
        }

        return new PrismaSchema(blocks);
    }

    public static PrismaSchema Parse(SchemaSource source) => Parse([source]);

    private sealed class FileParser(SchemaSource source, List<PrismaToken> tokens)
    {
        private int _pos;

        private PrismaToken Current => tokens[_pos];

        public void ParseInto(List<PrismaBlock> blocks)
        {
            while (true)
            {
                SkipNewLines();
                if (Current.Kind == PrismaTokenKind.End)
                {
                    return;
                }

                blocks.Add(ParseBlock());
            }
        }

        private PrismaBlock ParseBlock()
        {
            var keyword = Current;
            if (BlockKind(keyword) is not { } k)
            {
                throw Error("expected a block (model, enum, view, type, datasource or generator)");
            }

            _pos++;
            var name = Expect(PrismaTokenKind.Identifier, $"a name after `{keyword.Text}`").Text;
            Expect(PrismaTokenKind.OpenBrace, $"'{{' to open {keyword.Text} `{name}`");
            var fields = new List<PrismaField>();
            var attributes = new List<PrismaAttribute>();
            var properties = new List<PrismaArgument>();
            while (true)
            {
                SkipNewLines();
                var token = Current;
                if (token.Kind == PrismaTokenKind.CloseBrace)
                {
                    _pos++;
                    break;
                }

                if (token.Kind == PrismaTokenKind.End || StartsBlock(_pos))
                {
                    // A missing '}' shows where the next block starts (or at the end): say which block is open.
                    var before = token.Kind == PrismaTokenKind.End ? "the end of the file" : $"`{token.Text} {tokens[_pos + 1].Text}` starts";
                    throw SchemaParseException.At(source.Path, token.Line, $"expected '}}' to close {keyword.Text} `{name}` (opened on line {keyword.Line}) before {before}");
                }

                if (token.Kind == PrismaTokenKind.AtAt)
                {
                    _pos++;
                    attributes.Add(ParseAttributeBody(token.Line));
                }
                else if (token.Kind != PrismaTokenKind.Identifier)
                {
                    throw Error($"expected a field, a block attribute or '}}' to close {keyword.Text} `{name}`");
                }
                else if (k is PrismaBlockKind.Datasource or PrismaBlockKind.Generator)
                {
                    _pos++;
                    Expect(PrismaTokenKind.Equals, $"'=' after `{token.Text}`");
                    properties.Add(new PrismaArgument(token.Text, ParseValue()));
                }
                else
                {
                    fields.Add(ParseField(k == PrismaBlockKind.Enum));
                }

                EndOfLine();
            }

            return new PrismaBlock(k, name, fields, attributes, properties, source.Path, keyword.Line);
        }

        private PrismaField ParseField(bool isEnumValue)
        {
            var nameToken = Current;
            _pos++;
            string type = string.Empty;
            string? unsupported = null;
            bool optional = false, list = false;
            if (!isEnumValue)
            {
                type = Expect(PrismaTokenKind.Identifier, $"a type for field `{nameToken.Text}`").Text;
                if (Current.Kind == PrismaTokenKind.Dot)
                {
                    _pos++;
                    type += "." + Expect(PrismaTokenKind.Identifier, "a type name after '.'").Text;
                }

                if (Current.Kind == PrismaTokenKind.OpenParen)
                {
                    var arguments = ParseArguments();
                    if (type != "Unsupported" || arguments.Count != 1 || arguments[0].Value.Kind != PrismaValueKind.String)
                    {
                        throw SchemaParseException.At(source.Path, nameToken.Line, $"expected a type for field `{nameToken.Text}`, found `{type}(...)` (only Unsupported(\"...\") takes arguments)");
                    }

                    unsupported = arguments[0].Value.Text;
                }

                if (Current.Kind == PrismaTokenKind.OpenBracket)
                {
                    _pos++;
                    Expect(PrismaTokenKind.CloseBracket, "']' after '[' in a list type");
                    list = true;
                }

                if (Current.Kind == PrismaTokenKind.Question)
                {
                    _pos++;
                    optional = true;
                }
            }

            var attributes = new List<PrismaAttribute>();
            while (Current.Kind == PrismaTokenKind.At)
            {
                var line = Current.Line;
                _pos++;
                attributes.Add(ParseAttributeBody(line));
            }

            return new PrismaField(nameToken.Text, type, optional, list, unsupported, attributes, nameToken.Line);
        }

        private PrismaAttribute ParseAttributeBody(int line)
        {
            var name = Expect(PrismaTokenKind.Identifier, "an attribute name after '@'").Text;
            while (Current.Kind == PrismaTokenKind.Dot)
            {
                _pos++;
                name += "." + Expect(PrismaTokenKind.Identifier, "an attribute name after '.'").Text;
            }

            var arguments = Current.Kind == PrismaTokenKind.OpenParen ? ParseArguments() : [];
            return new PrismaAttribute(name, arguments, line);
        }

        private List<PrismaArgument> ParseArguments()
        {
            var open = Expect(PrismaTokenKind.OpenParen, "'('");
            var arguments = new List<PrismaArgument>();
            while (Current.Kind != PrismaTokenKind.CloseParen)
            {
                string? name = null;
                if (Current.Kind == PrismaTokenKind.Identifier && tokens[_pos + 1].Kind == PrismaTokenKind.Colon)
                {
                    name = Current.Text;
                    _pos += 2;
                }

                arguments.Add(new PrismaArgument(name, ParseValue()));
                if (Current.Kind == PrismaTokenKind.Comma)
                {
                    _pos++;
                }
                else if (Current.Kind != PrismaTokenKind.CloseParen)
                {
                    throw Error($"expected ',' or ')' in the argument list opened on line {open.Line}");
                }
            }

            _pos++;
            return arguments;
        }

        // Lists and calls nest by recursion: bounded, so that 100,000 '[' are a parse error, not a stack overflow.
        private const int MaxNesting = 100;
        private int _nesting;

        private PrismaValue ParseValue()
        {
            if (++_nesting > MaxNesting)
            {
                throw Error($"values nested more than {MaxNesting} levels deep (lists or calls inside each other)");
            }

            try
            {
                return ParseValueAt(Current);
            }
            finally
            {
                _nesting--;
            }
        }

        private PrismaValue ParseValueAt(PrismaToken token)
        {
            switch (token.Kind)
            {
                case PrismaTokenKind.String:
                    _pos++;
                    return PrismaValue.Scalar(PrismaValueKind.String, token.Text);
                case PrismaTokenKind.Number:
                    _pos++;
                    return PrismaValue.Scalar(PrismaValueKind.Number, token.Text);
                case PrismaTokenKind.OpenBracket:
                    _pos++;
                    var openLine = token.Line;
                    var items = new List<PrismaValue>();
                    while (Current.Kind != PrismaTokenKind.CloseBracket)
                    {
                        items.Add(ParseValue());
                        if (Current.Kind == PrismaTokenKind.Comma)
                        {
                            _pos++;
                        }
                        else if (Current.Kind != PrismaTokenKind.CloseBracket)
                        {
                            throw Error($"expected ',' or ']' in the list opened on line {openLine}");
                        }
                    }

                    _pos++;
                    return new PrismaValue(PrismaValueKind.Array, string.Empty, [], items);
                case PrismaTokenKind.Identifier:
                    _pos++;
                    var name = token.Text;
                    while (Current.Kind == PrismaTokenKind.Dot)
                    {
                        _pos++;
                        name += "." + Expect(PrismaTokenKind.Identifier, "a name after '.'").Text;
                    }

                    return Current.Kind == PrismaTokenKind.OpenParen
                        ? new PrismaValue(PrismaValueKind.Function, name, ParseArguments(), [])
                        : PrismaValue.Scalar(PrismaValueKind.Constant, name);
                default:
                    throw Error("expected a value (string, number, name, function call or list)");
            }
        }

        private static PrismaBlockKind? BlockKind(PrismaToken keyword) => keyword.Kind != PrismaTokenKind.Identifier ? null : keyword.Text switch
        {
            "model" => PrismaBlockKind.Model,
            "enum" => PrismaBlockKind.Enum,
            "view" => PrismaBlockKind.View,
            "type" => PrismaBlockKind.Type,
            "datasource" => PrismaBlockKind.Datasource,
            "generator" => PrismaBlockKind.Generator,
            _ => null,
        };

        // `model Post {`: no field reads so (a field's type takes no '{'), so inside a block it is the next block.
        private bool StartsBlock(int at) =>
            BlockKind(tokens[at]) is not null && at + 2 < tokens.Count
            && tokens[at + 1].Kind == PrismaTokenKind.Identifier && tokens[at + 2].Kind == PrismaTokenKind.OpenBrace;

        private void EndOfLine()
        {
            if (Current.Kind is PrismaTokenKind.NewLine)
            {
                _pos++;
            }
            else if (Current.Kind is not PrismaTokenKind.CloseBrace)
            {
                throw Error("expected the end of the line");
            }
        }

        private void SkipNewLines()
        {
            while (Current.Kind == PrismaTokenKind.NewLine)
            {
                _pos++;
            }
        }

        private PrismaToken Expect(PrismaTokenKind kind, string what)
        {
            if (Current.Kind != kind)
            {
                throw Error("expected " + what);
            }

            return tokens[_pos++];
        }

        private SchemaParseException Error(string expected) =>
            SchemaParseException.At(source.Path, Current.Line, $"{expected}, found {Current.Describe()}");
    }
}
