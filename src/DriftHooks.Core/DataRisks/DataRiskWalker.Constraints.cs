using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.DataRisks;

/// <summary>Unique indexes, unique constraints, primary keys, foreign keys and CHECK constraints: what existing rows would violate.</summary>
internal sealed partial class DataRiskWalker
{
    // ---- CREATE UNIQUE INDEX ----

    void UniqueIndex()
    {
        _cursor.Accept("concurrently");
        _cursor.Accept("if", "not", "exists");
        var indexName = _cursor.PeekWord("on") ? "" : _cursor.Identifier();
        _cursor.Expect("on");
        _cursor.Accept("only");
        var tableName = _cursor.QualifiedName();
        if (_cursor.Accept("using"))
        {
            _cursor.Identifier();
        }

        var (start, end) = _cursor.SkipGroup();
        var columns = PlainColumns(start, end);
        var nullsNotDistinct = IndexOptions();
        var what = $"adds the unique index {Quote(indexName)} on {tableName.Name}";
        if (Table(tableName) is not { } table)
        {
            CannotTell(what, $"table {tableName.Name} is not in production's catalog");
        }
        else if (!_cursor.AtEnd)
        {
            CannotTell(what, "a partial index (WHERE …) is not checked");
        }
        else if (columns is null)
        {
            CannotTell(what, "an index on expressions is not checked");
        }
        else
        {
            Unique(table, columns, what, nullsNotDistinct);
        }
    }

    /// <summary>Reads an index's options up to its end or its WHERE; whether it says NULLS NOT DISTINCT.</summary>
    bool IndexOptions()
    {
        var nullsNotDistinct = false;
        while (!_cursor.AtEnd)
        {
            if (_cursor.Accept("include") || _cursor.Accept("with"))
            {
                _cursor.SkipGroup();
            }
            else if (_cursor.Accept("nulls", "not", "distinct"))
            {
                nullsNotDistinct = true;
            }
            else if (_cursor.Accept("tablespace"))
            {
                _cursor.Identifier();
            }
            else if (!_cursor.Accept("nulls", "distinct"))
            {
                break; // WHERE: a partial index
            }
        }

        return nullsNotDistinct;
    }

    void Unique(TableState table, IReadOnlyList<string> columns, string what, bool nullsNotDistinct)
    {
        if (!RowsToAsk(table, what) || KnownColumns(table, columns, what) is not { } states)
        {
            return;
        }

        if (!nullsNotDistinct && states.Any(c => c.IsAllNull))
        {
            return; // a column every row holds NULL in: no two rows are equal
        }

        if (states.Any(c => c.Changed))
        {
            CannotTell(what, "it includes a column this push adds or fills");
            return;
        }

        var quoted = states.Select(c => Sql.QuoteIdentifier(c.ProductionName!)).ToList();
        var where = nullsNotDistinct ? "" : " WHERE " + string.Join(" AND ", quoted.Select(c => c + " IS NOT NULL"));
        var sql = $"SELECT count(*) FROM (SELECT 1 FROM {table.Quoted}{where} GROUP BY {string.Join(", ", quoted)} HAVING count(*) > 1 LIMIT {DataRiskWalk.Cap + 1}) AS in_the_way";
        // No parenthesis, so that the printed command reads as one: the duplicated values, each once.
        var listing = $"SELECT DISTINCT {string.Join(", ", quoted.Select(c => "a." + c))} FROM {table.Quoted} a JOIN {table.Quoted} b ON "
            + string.Join(" AND ", quoted.Select(c => nullsNotDistinct ? $"a.{c} IS NOT DISTINCT FROM b.{c}" : $"a.{c} = b.{c}")) + " AND a.ctid <> b.ctid";
        Ask(DataRiskKind.Duplicates, table, [.. states.Select(c => c.ProductionName!)], what, sql, listing);
    }

    // ---- ADD CONSTRAINT ----

    void AddConstraint(TableState table, string tableName)
    {
        var name = _cursor.Accept("constraint") ? _cursor.Identifier() : "";
        if (_cursor.Accept("primary", "key"))
        {
            UniqueConstraint(table, $"adds the primary key {Quote(name)} on {tableName}", primary: true);
        }
        else if (_cursor.Accept("unique"))
        {
            UniqueConstraint(table, $"adds the unique constraint {Quote(name)} on {tableName}", primary: false);
        }
        else if (_cursor.Accept("foreign", "key"))
        {
            ForeignKey(table, tableName, name);
        }
        else if (_cursor.Accept("check"))
        {
            Check(table, tableName, name);
        }
        else
        {
            SkipAction();
        }
    }

    // A primary key is NOT NULL and unique (its NULLs are the failure where a column is all NULL); a unique
    // constraint is unique, with NULLs distinct unless it says otherwise.
    void UniqueConstraint(TableState table, string what, bool primary)
    {
        var nullsNotDistinct = _cursor.Accept("nulls", "not", "distinct");
        _cursor.Accept("nulls", "distinct");
        if (_cursor.Accept("using", "index"))
        {
            SkipAction(); // the index exists already: nothing new is checked
            return;
        }

        var (start, end) = _cursor.SkipGroup();
        var columns = PlainColumns(start, end);
        SkipAction();
        if (columns is null)
        {
            CannotTell(what, "its columns are not plain columns");
            return;
        }

        if (primary)
        {
            if (KnownColumns(table, columns, what) is not { } states)
            {
                return;
            }

            NotNull(table, [.. columns.Zip(states)], what);
            if (states.Any(c => c.IsAllNull))
            {
                return; // the NULLs are the failure, already asked
            }
        }

        Unique(table, columns, what, nullsNotDistinct || primary);
    }

    void ForeignKey(TableState table, string tableName, string name)
    {
        var (start, end) = _cursor.SkipGroup();
        var columns = PlainColumns(start, end);
        _cursor.Expect("references");
        var referencedName = _cursor.QualifiedName();
        List<string>? referencedColumns = null;
        if (_cursor.PeekSymbol("("))
        {
            var (referencedStart, referencedEnd) = _cursor.SkipGroup();
            referencedColumns = PlainColumns(referencedStart, referencedEnd);
        }

        var what = $"adds the foreign key {Quote(name)} from {tableName} to {referencedName.Name}";
        if (RestSaysNotValid() || !RowsToAsk(table, what))
        {
            return; // NOT VALID: existing rows are not checked
        }

        if (columns is null || referencedColumns is null || columns.Count != referencedColumns.Count)
        {
            CannotTell(what, "its columns are not written out as plain columns");
            return;
        }

        if (KnownColumns(table, columns, what) is not { } states || states.Any(s => s.IsAllNull))
        {
            return; // MATCH SIMPLE: a row with a NULL in the key is not checked
        }

        if (states.Any(s => s.Changed))
        {
            CannotTell(what, "it includes a column this push adds or fills");
            return;
        }

        var source = states.Select(s => "s." + Sql.QuoteIdentifier(s.ProductionName!)).ToList();
        if (Orphans(what, source, referencedName, referencedColumns) is not { } where)
        {
            return;
        }

        var from = table.Quoted + " AS s";
        Ask(DataRiskKind.ForeignKey, table, [.. states.Select(s => s.ProductionName!)], what, Count(from, where),
            $"SELECT {string.Join(", ", source)}, count(*) FROM {from} WHERE {where} GROUP BY {string.Join(", ", source)}");
    }

    /// <summary>
    /// The condition of the rows (aliased <c>s</c>) whose non-null reference finds no row in the referenced table as it is
    /// at this point of the push; null, with the reason recorded, when that cannot be known.
    /// </summary>
    string? Orphans(string what, List<string> source, (string? Schema, string Name) referencedName, List<string> referencedColumns)
    {
        var present = string.Join(" AND ", source.Select(c => c + " IS NOT NULL"));
        var referenced = Table(referencedName);
        if (referenced is null)
        {
            CannotTell(what, $"table {referencedName.Name} is not in production's catalog");
            return null;
        }

        if (EmptyHere(referenced))
        {
            return present; // the referenced table is empty: every non-null reference is an orphan
        }

        if (Unknowable(referenced) is { } why)
        {
            CannotTell(what, why);
            return null;
        }

        var targets = referencedColumns.Select(c => Column(referenced, c)).ToList();
        if (targets.Any(t => t is null || t.Changed))
        {
            CannotTell(what, "a referenced column is not one production has");
            return null;
        }

        var match = string.Join(" AND ", targets.Select((t, i) => "r." + Sql.QuoteIdentifier(t!.ProductionName!) + " = " + source[i]));
        return $"{present} AND NOT EXISTS (SELECT 1 FROM {referenced.Quoted} AS r WHERE {match})";
    }

    void Check(TableState table, string tableName, string name)
    {
        var (start, end) = _cursor.SkipGroup();
        var what = $"adds the check constraint {Quote(name)} on {tableName}";
        if (RestSaysNotValid() || !RowsToAsk(table, what))
        {
            return;
        }

        if (Expression(table, _cursor.Range(start, end), allowFunctions: true) is not { } expression)
        {
            CannotTell(what, "its expression uses more than the table's columns, constants and operators");
            return;
        }

        var where = $"({expression}) IS FALSE";
        Ask(DataRiskKind.Check, table, [], what, Count(table.Quoted, where), $"SELECT * FROM {table.Quoted} WHERE {where}");
    }

    /// <summary>Reads the rest of the action; whether it says NOT VALID (existing rows are then not checked).</summary>
    bool RestSaysNotValid()
    {
        var (start, _) = _cursor.SkipUntil(t => t.IsSymbol(","));
        var rest = _cursor.Range(start, _cursor.Position);
        return rest.Where((t, i) => t.IsWord("not") && i + 1 < rest.Count && rest[i + 1].IsWord("valid")).Any();
    }
}
