using System.Globalization;
using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.DataRisks;

/// <summary>Type changes: an enum's values removed, a text shrunk, a cast the values may fail, and which conversions every value takes.</summary>
internal sealed partial class DataRiskWalker
{
    // ---- type changes ----

    void TypeChange(TableState table, string tableName, string name, ColumnState column, DbColumn? old, SqlColumnType type, string typeText, (int Start, int End)? usingRange)
    {
        var what = $"changes {tableName}.{Quote(name)} to {typeText.Trim()}";
        if (EmptyHere(table) || column.IsAllNull)
        {
            return; // no row, or every value NULL: any cast takes it
        }

        if (old is null || column.Changed)
        {
            CannotTell(what, "the column's current type is not known here");
            return;
        }

        if (!RowsToAsk(table, what))
        {
            return;
        }

        var change = new ColumnChange(table, $"{tableName}.{Quote(name)}", name, column, what, usingRange);
        if (IsEnum(type.Type) && IsEnum(old.Type) && old.IsArray == type.IsArray)
        {
            EnumValuesRemoved(change, old, type);
        }
        else if (old.IsArray || type.IsArray)
        {
            if (old.IsArray != type.IsArray || old.Type != type.Type)
            {
                CannotTell(what, "array type changes are not checked");
            }
        }
        else if (!Widens(old.Type, type.Type) || usingRange is not null)
        {
            ValuesThatDoNotFit(change, old, type, typeText.Trim());
        }
    }

    /// <summary>A column's type change as the questions about it need it.</summary>
    /// <param name="Named">The column as messages show it (<c>Table."column"</c>).</param>
    /// <param name="Name">The column's name in the migration.</param>
    sealed record ColumnChange(TableState Table, string Named, string Name, ColumnState Column, string What, (int Start, int End)? Using)
    {
        public string Quoted => Sql.QuoteIdentifier(Column.ProductionName!);
    }

    static bool IsEnum(string type) => type.StartsWith("enum ", StringComparison.Ordinal);

    // Prisma's enum swap: the rows holding a value the new type lacks make its cast fail (22P02).
    void EnumValuesRemoved(ColumnChange change, DbColumn old, SqlColumnType type)
    {
        var newValues = EnumValues(type.Type);
        var oldValues = EnumValues(old.Type);
        if (newValues is null || oldValues is null)
        {
            CannotTell(change.What, "the enum's values are not known here");
            return;
        }

        var removed = oldValues.Where(v => !newValues.Contains(v)).ToList();
        if (removed.Count == 0)
        {
            return;
        }

        if (change.Using is { } cast && !IsPlainCast(cast, change.Name))
        {
            CannotTell(change.What, "its USING expression is not the values' own cast");
            return;
        }

        var (quoted, table) = (change.Quoted, change.Table.Quoted);
        var literals = string.Join(", ", removed.Select(Literal));
        var where = old.IsArray ? $"{quoted}::text[] && ARRAY[{literals}]::text[]" : $"{quoted}::text IN ({literals})";
        Ask(DataRiskKind.EnumValue, change.Table, [change.Column.ProductionName!], $"removes {string.Join(", ", removed.Select(v => "'" + v + "'"))} from the enum of {change.Named}",
            Count(table, where), $"SELECT {quoted}, count(*) FROM {table} WHERE {where} GROUP BY {quoted}");
    }

    // A text shrunk below its longest value (char_length answers on any server), or a text cast some value fails
    // (pg_input_is_valid, PostgreSQL 16+, answers without writing); any other conversion is not checked.
    void ValuesThatDoNotFit(ColumnChange change, DbColumn old, SqlColumnType type, string typeText)
    {
        var (quoted, table) = (change.Quoted, change.Table.Quoted);
        string where;
        if (Length(type.Type) is { } length && IsText(old.Type) && change.Using is null)
        {
            where = $"char_length({quoted}) > {length.ToString(CultureInfo.InvariantCulture)}";
        }
        else if (!IsText(old.Type) || change.Using is { } cast && !IsPlainCast(cast, change.Name))
        {
            CannotTell(change.What, "the conversion of its values is not checked");
            return;
        }
        else if (!inputValidity)
        {
            CannotTell(change.What, "production's PostgreSQL is older than 16, which has no pg_input_is_valid to check the values without writing");
            return;
        }
        else
        {
            where = $"{quoted} IS NOT NULL AND NOT pg_input_is_valid({quoted}::text, {Literal(typeText)})";
        }

        Ask(DataRiskKind.TypeChange, change.Table, [change.Column.ProductionName!], change.What, Count(table, where), $"SELECT count(*) FROM {table} WHERE {where}");
    }

    // USING "c"::type or ("c")::type or CAST("c" AS type): the values' own conversion.
    bool IsPlainCast((int Start, int End) range, string column)
    {
        var tokens = _cursor.Range(range.Start, range.End).Where(t => !t.IsSymbol("(") && !t.IsSymbol(")")).ToList();
        return tokens.Count >= 3 && (tokens[0].IsIdentifier && tokens[0].Text == column && tokens[1].IsSymbol("::")
            || tokens[0].IsWord("cast") && tokens[1].IsIdentifier && tokens[1].Text == column && tokens[2].IsWord("as"));
    }

    IReadOnlyList<string>? EnumValues(string type)
    {
        var qualified = type["enum ".Length..];
        var dot = qualified.IndexOf('.', StringComparison.Ordinal);
        var key = dot < 0 ? qualified : DatabaseModel.Qualify(qualified[..dot], qualified[(dot + 1)..]);
        return _replay.Model.Enums.TryGetValue(key, out var e) ? e.Values : null;
    }

    static bool IsText(string type) => type == "text" || type.StartsWith("varchar", StringComparison.Ordinal) || type.StartsWith("char", StringComparison.Ordinal);

    static int? Length(string type)
    {
        foreach (var prefix in new[] { "varchar(", "char(" })
        {
            if (type.StartsWith(prefix, StringComparison.Ordinal) && type.EndsWith(')')
                && int.TryParse(type[prefix.Length..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n;
            }
        }

        return null;
    }

    // Conversions every value takes: the same type, a longer or unbounded text, a wider integer.
    static bool Widens(string from, string to)
    {
        if (from == to || (IsText(from) && to is "text" or "varchar"))
        {
            return true;
        }

        if (IsText(from) && Length(to) is { } toLength)
        {
            return from.StartsWith("varchar(", StringComparison.Ordinal) && Length(from) is { } fromLength && fromLength <= toLength;
        }

        string[] integers = ["smallint", "integer", "bigint"];
        var f = Array.IndexOf(integers, from);
        var t = Array.IndexOf(integers, to);
        return f >= 0 && t >= f || f >= 0 && to is "decimal" or "double precision" or "text";
    }
}
