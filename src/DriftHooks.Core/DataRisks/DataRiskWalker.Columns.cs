using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.DataRisks;

/// <summary>ALTER TABLE's actions on columns: added required, dropped (data lost), SET NOT NULL over NULLs.</summary>
internal sealed partial class DataRiskWalker
{
    // ---- ALTER TABLE ----

    void AlterTable()
    {
        var ifExists = _cursor.Accept("if", "exists");
        _cursor.Accept("only");
        var name = _cursor.QualifiedName();
        _cursor.AcceptSymbol("*");
        var table = Table(name);
        if (table is null)
        {
            if (!ifExists && RiskyActions())
            {
                CannotTell($"ALTER TABLE {name.Name}", $"table {name.Name} is not in production's catalog");
            }

            return;
        }

        var schemaKey = Key(table.ProductionSchema ?? defaultSchema, name.Name);
        do
        {
            Action(table, name.Schema, name.Name, schemaKey);
        }
        while (_cursor.AcceptSymbol(","));
    }

    bool RiskyActions() => _statement.Tokens.Any(t => t.Kind == SqlTokenKind.Word && t.Text is "not" or "unique" or "primary" or "foreign" or "check" or "type");

    void Action(TableState table, string? tableSchema, string tableName, string key)
    {
        if (_cursor.Accept("add"))
        {
            Add(table, tableName);
        }
        else if (_cursor.Accept("drop", "constraint") || _cursor.Accept("rename", "constraint"))
        {
            SkipAction();
        }
        else if (_cursor.Accept("drop"))
        {
            DropColumn(table, tableName);
        }
        else if (_cursor.Accept("alter"))
        {
            _cursor.Accept("column");
            AlterColumn(table, tableSchema, tableName, _cursor.Identifier());
        }
        else if (_cursor.Accept("rename"))
        {
            Rename(table, key);
        }
        else
        {
            SkipAction();
        }
    }

    void Add(TableState table, string tableName)
    {
        if (_cursor.PeekWord("constraint") || _cursor.PeekWord("check") || (_cursor.PeekWord("primary") && _cursor.PeekWord("key", 1))
            || (_cursor.PeekWord("unique") && (_cursor.PeekSymbol("(", 1) || _cursor.PeekWord("nulls", 1) || _cursor.PeekWord("using", 1)))
            || (_cursor.PeekWord("foreign") && _cursor.PeekWord("key", 1)))
        {
            AddConstraint(table, tableName);
            return;
        }

        _cursor.Accept("column");
        var ifNotExists = _cursor.Accept("if", "not", "exists");
        AddColumn(table, tableName, ifNotExists);
    }

    // The values a dropped column holds in production are lost when it deploys: counted for a warning.
    void DropColumn(TableState table, string tableName)
    {
        _cursor.Accept("column");
        _cursor.Accept("if", "exists");
        var name = _cursor.Identifier();
        if (table.Columns.Remove(name, out var dropped) && dropped.ProductionName is { } production && !table.Created)
        {
            Ask(DataRiskKind.DataLoss, table, [production], $"drops the column {tableName}.{name}",
                Count(table.Quoted, Sql.QuoteIdentifier(production) + " IS NOT NULL"));
        }

        SkipAction();
    }

    // RENAME TO moves the table's state to its new name; RENAME [COLUMN] a TO b moves the column's.
    void Rename(TableState table, string key)
    {
        if (_cursor.Accept("to"))
        {
            _tables[Key(table.ProductionSchema ?? defaultSchema, _cursor.Identifier())] = table;
            _tables[key] = null;
            return;
        }

        _cursor.Accept("column");
        var from = _cursor.Identifier();
        _cursor.Expect("to");
        var to = _cursor.Identifier();
        if (table.Columns.Remove(from, out var column))
        {
            table.Columns[to] = column;
        }
    }

    void SkipAction() => _cursor.SkipUntil(t => t.IsSymbol(","));

    void AddColumn(TableState table, string tableName, bool ifNotExists)
    {
        var name = _cursor.Identifier();
        if (ifNotExists && table.Columns.ContainsKey(name))
        {
            SkipAction();
            return;
        }

        var type = SqlColumnValues.ReadType(_cursor, _replay.Model);
        var (notNull, filled, unique) = ColumnConstraints(type.IsSerial);
        table.Columns[name] = new ColumnState(null, false) { NullWhere = filled ? "false" : "true" };
        if (EmptyHere(table))
        {
            return;
        }

        if (unique && filled)
        {
            CannotTell($"adds the unique column {Quote(name)} to {tableName}", "every row gets the same default or a generated value");
        }

        var what = $"adds the required column {Quote(name)} to {tableName} without a default";
        if (notNull && !filled && RowsToAsk(table, what))
        {
            Ask(DataRiskKind.RequiredColumn, table, [name], what, Count(table.Quoted, null));
        }
    }

    /// <summary>
    /// Reads a new column's constraints up to the end of its action: whether it is NOT NULL, whether every existing row
    /// gets a value (a default other than NULL, a generated or identity value; <paramref name="serial"/> columns do),
    /// and whether it is unique.
    /// </summary>
    (bool NotNull, bool Filled, bool Unique) ColumnConstraints(bool serial)
    {
        var (notNull, filled, unique) = (false, serial, false);
        var (start, _) = _cursor.SkipUntil(t => t.IsSymbol(","));
        var constraint = _cursor.Range(start, _cursor.Position);
        for (var i = 0; i < constraint.Count; i++)
        {
            var token = constraint[i];
            var nextIsNull = i + 1 < constraint.Count && constraint[i + 1].IsWord("null");
            if (token.IsWord("not") && nextIsNull)
            {
                notNull = true;
            }
            else if (token.IsWord("primary"))
            {
                (notNull, unique) = (true, true);
            }
            else if (token.IsWord("unique"))
            {
                unique = true;
            }
            else if (token.IsWord("default"))
            {
                filled = !nextIsNull;
            }
            else if (token.IsWord("generated"))
            {
                filled = true;
            }
        }

        return (notNull, filled, unique);
    }

    void AlterColumn(TableState table, string? tableSchema, string tableName, string name)
    {
        var column = Column(table, name);
        if (_cursor.Accept("set", "not", "null"))
        {
            var what = $"makes {tableName}.{Quote(name)} required (SET NOT NULL)";
            if (column is not null)
            {
                NotNull(table, [(name, column)], what);
            }
            else
            {
                CannotTell(what, $"column {name} is not known here");
            }

            return;
        }

        if (_cursor.Accept("set", "data", "type") || _cursor.Accept("type"))
        {
            var typeStart = _cursor.Position;
            // The interpreter reads an unqualified name as public's, as Prisma's SQL means it.
            var oldColumn = _replay.Model.Tables.GetValueOrDefault(DatabaseModel.Qualify(tableSchema ?? "public", tableName))?.Columns.GetValueOrDefault(name);
            var type = SqlColumnValues.ReadType(_cursor, _replay.Model);
            var typeText = _cursor.Source(_script, typeStart, _cursor.Position);
            _cursor.Accept("collate");
            (int Start, int End)? usingRange = null;
            if (_cursor.Accept("using"))
            {
                usingRange = _cursor.SkipUntil(t => t.IsSymbol(","));
            }

            if (column is not null)
            {
                TypeChange(table, tableName, name, column, oldColumn, type, typeText, usingRange);
            }

            return;
        }

        SkipAction();
    }

    void NotNull(TableState table, IReadOnlyList<(string Name, ColumnState Column)> columns, string what)
    {
        if (!RowsToAsk(table, what))
        {
            return;
        }

        var conditions = new List<string>();
        foreach (var (name, column) in columns)
        {
            if (column.NullWhere is null)
            {
                CannotTell(what, $"the push fills {name} in a way not followed here");
                return;
            }
            else if (column.NullWhere != "false")
            {
                conditions.Add(column.NullWhere);
            }
        }

        if (conditions.Count == 0)
        {
            return;
        }

        var where = conditions.Contains("true") ? null : conditions.Count == 1 ? conditions[0] : string.Join(" OR ", conditions.Select(c => "(" + c + ")"));
        Ask(DataRiskKind.NotNull, table, [.. columns.Select(c => c.Column.ProductionName ?? c.Name)], what, Count(table.Quoted, where),
            $"SELECT ctid FROM {table.Quoted}{(where is null ? "" : " WHERE " + where)}");
    }
}
