namespace DriftHooks.Core.SqlText;

internal enum SqlTokenKind
{
    /// <summary>An unquoted word: a keyword or an identifier, <see cref="SqlToken.Text"/> folded to lower case as PostgreSQL does.</summary>
    Word,

    /// <summary>A double-quoted identifier, kept as written (<c>""</c> unescaped).</summary>
    QuotedIdentifier,

    /// <summary>A string constant (<c>'…'</c>, <c>E'…'</c>), unescaped.</summary>
    String,

    /// <summary>A dollar-quoted body (<c>$$…$$</c>, <c>$tag$…$tag$</c>): a function or DO body, never split.</summary>
    DollarString,

    Number,

    /// <summary>Punctuation or an operator: <c>( ) , . ; [ ] ::</c> and the like.</summary>
    Symbol,
}

/// <summary>One token of a migration script, with where it starts and ends in the script and its 1-based line.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Text, int Start, int End, int Line)
{
    public bool IsWord(string word) => Kind == SqlTokenKind.Word && Text == word;

    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;

    /// <summary>An identifier: an unquoted word (folded) or a quoted one (as written).</summary>
    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
}
