using System.Globalization;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.DataRisks;

/// <summary>A plain <c>UPDATE … SET c = …</c> followed as a backfill, and the expressions allowed to reach production.</summary>
internal sealed partial class DataRiskWalker
{
    // ---- UPDATE (backfills) ----

    void Update()
    {
        _cursor.Accept("only");
        if (Table(_cursor.QualifiedName()) is not { } table)
        {
            return;
        }

        if (ReadBackfill(table) is { } backfill)
        {
            foreach (var (column, value) in backfill.Assignments)
            {
                Backfill(column, value, backfill.Predicate);
            }
        }
        else
        {
            table.DataChangedAt ??= Here; // not a backfill followed here: what follows on the table cannot be told
        }
    }

    /// <summary>
    /// <c>SET c = expression, … [WHERE predicate]</c> with the table's own columns, constants and operators only, the
    /// expressions rewritten over production's columns; null for any other UPDATE (an alias, FROM, RETURNING, a
    /// function, a subquery).
    /// </summary>
    (List<(ColumnState Column, string Value)> Assignments, string? Predicate)? ReadBackfill(TableState table)
    {
        if (_cursor.PeekWord("as") || (_cursor.Peek() is { IsIdentifier: true } alias && !alias.IsWord("set")))
        {
            return null;
        }

        _cursor.Expect("set");
        var (setStart, setEnd) = _cursor.SkipUntil(t => t.IsWord("where") || t.IsWord("from") || t.IsWord("returning"));
        string? predicate = null;
        if (_cursor.Accept("where"))
        {
            var (whereStart, whereEnd) = _cursor.SkipUntil(t => t.IsWord("returning"));
            if ((predicate = Expression(table, _cursor.Range(whereStart, whereEnd), allowFunctions: false)) is null)
            {
                return null;
            }
        }

        if (!_cursor.AtEnd)
        {
            return null;
        }

        var assignments = new List<(ColumnState Column, string Value)>();
        foreach (var item in TopLevelItems(setStart, setEnd))
        {
            if (item.Count < 3 || !item[0].IsIdentifier || !item[1].IsSymbol("=")
                || Column(table, item[0].Text) is not { } column
                || Expression(table, item.Skip(2).ToList(), allowFunctions: false) is not { } value)
            {
                return null;
            }

            assignments.Add((column, value));
        }

        return (assignments, predicate);
    }

    // The rows where the column is still NULL after the backfill: where it was and the backfill did not reach, or wrote NULL.
    static void Backfill(ColumnState column, string value, string? predicate)
    {
        column.Backfilled = column.ProductionName is not null;
        if (column.NullWhere is null)
        {
            return;
        }

        var stillNull = IsConstant(value)
            ? predicate is null ? "false" : $"({predicate}) IS NOT TRUE"
            : predicate is null ? $"({value}) IS NULL" : $"({predicate}) IS NOT TRUE OR ({value}) IS NULL";
        column.NullWhere = column.NullWhere switch
        {
            "false" => "false",
            "true" => stillNull,
            _ when stillNull == "false" => "false",
            var before => $"({before}) AND ({stillNull})",
        };
    }

    static bool IsConstant(string value) =>
        (value.StartsWith('\'') && value.EndsWith('\'')) || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || value is "true" or "false";

    /// <summary>
    /// The expression rewritten over production's column names when it holds only the table's production columns,
    /// constants, operators and (for CHECK) a few pure functions; null otherwise, so that nothing else reaches production.
    /// </summary>
    string? Expression(TableState table, IReadOnlyList<SqlToken> tokens, bool allowFunctions)
    {
        var text = new System.Text.StringBuilder();
        SqlToken? previous = null;
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            string piece;
            var next = i + 1 < tokens.Count ? tokens[i + 1] : (SqlToken?)null;
            switch (token.Kind)
            {
                case SqlTokenKind.Number:
                    piece = token.Text;
                    break;
                case SqlTokenKind.String when !token.Text.Contains('\\', StringComparison.Ordinal):
                    piece = Literal(token.Text);
                    break;
                case SqlTokenKind.Word when token.Text is "and" or "or" or "not" or "is" or "null" or "true" or "false" or "in" or "like" or "ilike" or "between" or "distinct" or "from":
                    piece = token.Text;
                    break;
                case SqlTokenKind.Word when allowFunctions && next?.IsSymbol("(") == true && token.Text is "char_length" or "length" or "lower" or "upper" or "btrim" or "abs" or "coalesce":
                    piece = token.Text;
                    break;
                case SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier when next?.IsSymbol("(") != true && next?.IsSymbol(".") != true:
                    if (Column(table, token.Text) is not { Changed: false, ProductionName: { } production })
                    {
                        return null;
                    }

                    piece = Sql.QuoteIdentifier(production);
                    break;
                case SqlTokenKind.Symbol when token.Text is "(" or ")" or "," or "=" or "<" or ">" or "!" or "+" or "-" or "*" or "/" or "%" or "|":
                    depth += token.Text == "(" ? 1 : token.Text == ")" ? -1 : 0;
                    if (depth < 0)
                    {
                        return null;
                    }

                    piece = token.Text;
                    break;
                default:
                    return null;
            }

            var joined = previous is { Kind: SqlTokenKind.Symbol } p && token.Kind == SqlTokenKind.Symbol && p.End == token.Start;
            if (text.Length > 0 && !joined)
            {
                text.Append(' ');
            }

            text.Append(piece);
            previous = token;
        }

        return depth == 0 && text.Length > 0 ? text.ToString() : null;
    }
}
