namespace DriftHooks.Core.SqlText;

/// <summary>Raised for a statement (or a part of it) the interpreter cannot follow; the reason says what.</summary>
internal sealed class NotFollowedException(string reason) : Exception(reason);

/// <summary>A reading position over one statement's tokens, with the small vocabulary a recursive-descent reader needs.</summary>
internal sealed class SqlCursor(SqlStatement statement)
{
    private readonly IReadOnlyList<SqlToken> _tokens = statement.Tokens;

    public int Position { get; set; }

    public bool AtEnd => Position >= _tokens.Count;

    public SqlToken? Peek(int ahead = 0) => Position + ahead < _tokens.Count ? _tokens[Position + ahead] : null;

    public bool PeekWord(string word, int ahead = 0) => Peek(ahead)?.IsWord(word) == true;

    public bool PeekSymbol(string symbol, int ahead = 0) => Peek(ahead)?.IsSymbol(symbol) == true;

    public SqlToken Next() => Position < _tokens.Count ? _tokens[Position++] : throw new NotFollowedException("the statement ends early");

    /// <summary>Consumes the words if they come next, all of them; otherwise consumes nothing.</summary>
    // A span, not an array: the readers call this for every keyword they try, and an array would be allocated each time.
    public bool Accept(params ReadOnlySpan<string> words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (!PeekWord(words[i], i))
            {
                return false;
            }
        }

        Position += words.Length;
        return true;
    }

    public bool AcceptSymbol(string symbol)
    {
        if (!PeekSymbol(symbol))
        {
            return false;
        }

        Position++;
        return true;
    }

    public void Expect(params ReadOnlySpan<string> words)
    {
        if (!Accept(words))
        {
            throw new NotFollowedException($"expected {string.Join(' ', words).ToUpperInvariant()} at '{Peek()?.Text ?? "the end"}'");
        }
    }

    public void ExpectSymbol(string symbol)
    {
        if (!AcceptSymbol(symbol))
        {
            throw new NotFollowedException($"expected '{symbol}' at '{Peek()?.Text ?? "the end"}'");
        }
    }

    public string Identifier()
    {
        var token = Next();
        return token.IsIdentifier ? token.Text : throw new NotFollowedException($"expected a name, found '{token.Text}'");
    }

    /// <summary>A possibly schema-qualified name; the schema is null when not written.</summary>
    public (string? Schema, string Name) QualifiedName()
    {
        var first = Identifier();
        if (!PeekSymbol("."))
        {
            return (null, first);
        }

        Position++;
        var second = Identifier();
        if (PeekSymbol("."))
        {
            // database.schema.name: the database part names the current one.
            Position++;
            return (second, Identifier());
        }

        return (first, second);
    }

    /// <summary>Skips a balanced parenthesised group starting at '(' and returns its inner tokens' range.</summary>
    public (int Start, int End) SkipGroup() => SkipGroupOf("(");

    /// <summary>Skips a balanced group opened by <paramref name="open"/> (<c>(</c> or <c>[</c>; both nest together).</summary>
    public (int Start, int End) SkipGroupOf(string open)
    {
        ExpectSymbol(open);
        var start = Position;
        var depth = 1;
        while (!AtEnd)
        {
            var token = Next();
            if (token.IsSymbol("(") || token.IsSymbol("["))
            {
                depth++;
            }
            else if (token.IsSymbol(")") || token.IsSymbol("]"))
            {
                if (--depth == 0)
                {
                    return (start, Position - 1);
                }
            }
        }

        throw new NotFollowedException("a parenthesis is not closed");
    }

    /// <summary>
    /// Advances to the next top-level token that satisfies <paramref name="stop"/> (or the end), skipping balanced
    /// groups, and returns the range passed over.
    /// </summary>
    public (int Start, int End) SkipUntil(Func<SqlToken, bool> stop)
    {
        var start = Position;
        var depth = 0;
        while (!AtEnd)
        {
            var token = Peek()!.Value;
            if (depth == 0 && stop(token))
            {
                break;
            }

            if (token.IsSymbol("(") || token.IsSymbol("["))
            {
                depth++;
            }
            else if (token.IsSymbol(")") || token.IsSymbol("]"))
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }

            Position++;
        }

        return (start, Position);
    }

    /// <summary>Deeper than any real statement: a reader that recurses or copies per level stays bounded on hostile input.</summary>
    public const int MaxNesting = 1000;

    /// <summary>Refuses (as not followed) a statement whose parentheses or brackets nest deeper than <see cref="MaxNesting"/>.</summary>
    public static void EnsureNestingWithinBound(SqlStatement statement)
    {
        var depth = 0;
        foreach (var token in statement.Tokens)
        {
            if (token.IsSymbol("(") || token.IsSymbol("["))
            {
                if (++depth > MaxNesting)
                {
                    throw new NotFollowedException($"its parentheses nest more than {MaxNesting} levels deep (line {token.Line}), more than DriftHooks follows");
                }
            }
            else if (token.IsSymbol(")") || token.IsSymbol("]"))
            {
                depth--;
            }
        }
    }

    public IReadOnlyList<SqlToken> Range(int start, int end) => [.. _tokens.Skip(start).Take(end - start)];

    /// <summary>The source text of a token range.</summary>
    public string Source(string script, int start, int end) =>
        end <= start ? string.Empty : script[_tokens[start].Start.._tokens[end - 1].End];
}
