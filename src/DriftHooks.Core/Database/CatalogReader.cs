using DriftHooks.Core.Catalog;
using DriftHooks.Core.SqlText;
using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>
/// Reads a <see cref="DatabaseCatalog"/> from pg_catalog in one round trip (one batch: a query per object kind).
/// Shared by <see cref="ReadOnlyDatabase"/> (production, inside its read-only transaction) and
/// <see cref="WritableDatabase"/> (the shadow), so both sides are read by exactly the same SQL.
/// Only SELECTs: <c>set_config(…, true)</c> sets <c>search_path</c> for this batch's transaction only.
/// </summary>
internal static class CatalogReader
{
    // Objects created by extensions (pg_trgm, pgcrypto, …) are the extension's, not the migrations'.
    const string NotFromExtension = "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.objid = {0} AND x.deptype = 'e')";

    static readonly string Columns = $"""
        SELECT n.nspname, c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
               pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
        WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1) AND c.relname <> '{Sql.MigrationsTable}'
          AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, NotFromExtension, "c.oid")}
        ORDER BY n.nspname, c.relname, a.attnum
        """;

    static readonly string Constraints = $"""
        SELECT n.nspname, c.relname, con.conname, con.contype::text, pg_catalog.pg_get_constraintdef(con.oid, true),
               ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
               fc.relname::text,
               ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),
               con.confdeltype::text, con.confupdtype::text
        FROM pg_catalog.pg_constraint con
        JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
        WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p') AND n.nspname = ANY($1)
          AND c.relname <> '{Sql.MigrationsTable}'
        ORDER BY n.nspname, c.relname, con.conname
        """;

    static readonly string Indexes = $"""
        SELECT n.nspname, t.relname, i.relname, ix.indisunique, am.amname, pg_catalog.pg_get_indexdef(ix.indexrelid),
               ARRAY(SELECT pg_catalog.pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnkeyatts) k ORDER BY k),
               pg_catalog.pg_get_expr(ix.indpred, ix.indrelid, true)
        FROM pg_catalog.pg_index ix
        JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
        JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_catalog.pg_am am ON am.oid = i.relam
        WHERE t.relkind IN ('r', 'p') AND n.nspname = ANY($1) AND t.relname <> '{Sql.MigrationsTable}'
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                          WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x'))
        ORDER BY n.nspname, t.relname, i.relname
        """;

    static readonly string Enums = $"""
        SELECT n.nspname, t.typname,
               ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
        FROM pg_catalog.pg_type t
        JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype = 'e' AND n.nspname = ANY($1)
          AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, NotFromExtension, "t.oid")}
        ORDER BY n.nspname, t.typname
        """;

    static readonly string Views = $"""
        SELECT n.nspname, c.relname, c.relkind = 'm', pg_catalog.pg_get_viewdef(c.oid, true)
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY($1)
          AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, NotFromExtension, "c.oid")}
        ORDER BY n.nspname, c.relname
        """;

    static readonly string Sequences = $"""
        SELECT n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle,
               o.relname::text, o.attname::text
        FROM pg_catalog.pg_sequence s
        JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN LATERAL (
            SELECT oc.relname, a.attname
            FROM pg_catalog.pg_depend d
            JOIN pg_catalog.pg_class oc ON oc.oid = d.refobjid
            JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
            WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
              AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
            LIMIT 1) o ON true
        WHERE n.nspname = ANY($1)
          AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, NotFromExtension, "c.oid")}
        ORDER BY n.nspname, c.relname
        """;

    // Functions and procedures only: pg_get_functiondef fails on aggregates, and window functions are C code.
    static readonly string Functions = $"""
        SELECT n.nspname, p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid), p.prokind = 'p', pg_catalog.pg_get_functiondef(p.oid)
        FROM pg_catalog.pg_proc p
        JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE p.prokind IN ('f', 'p') AND n.nspname = ANY($1)
          AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, NotFromExtension, "p.oid")}
        ORDER BY n.nspname, p.proname, 3
        """;

    // Not the internal triggers behind foreign keys, nor the clones a partitioned table's trigger puts on each
    // partition (they depend on the parent's trigger and go with it). pg_get_triggerdef leaves out whether the trigger
    // fires (ALTER TABLE … DISABLE TRIGGER): tgenabled is read beside it.
    static readonly string Triggers = $"""
        SELECT n.nspname, c.relname, t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled::text
        FROM pg_catalog.pg_trigger t
        JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND n.nspname = ANY($1) AND c.relname <> '{Sql.MigrationsTable}'
          AND {string.Format(System.Globalization.CultureInfo.InvariantCulture, NotFromExtension, "c.oid")}
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                          WHERE x.classid = 'pg_catalog.pg_trigger'::regclass AND x.objid = t.oid
                            AND x.refclassid = 'pg_catalog.pg_trigger'::regclass)
        ORDER BY n.nspname, c.relname, t.tgname
        """;

    // Database-wide, whatever the schemas: no parameter.
    const string Extensions = "SELECT e.extname FROM pg_catalog.pg_extension e ORDER BY e.extname";

    /// <summary>
    /// Reads the catalog of <paramref name="schemas"/> (the first one becomes <c>search_path</c>, so that both
    /// databases print names relative to the same schema). <c>_prisma_migrations</c> is left out.
    /// </summary>
    public static async Task<DatabaseCatalog> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<string> schemas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (schemas.Count == 0)
        {
            throw new ArgumentException("At least one schema is needed.", nameof(schemas));
        }

        await using var batch = Batch(connection, transaction, [.. schemas]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        // search_path
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        var tables = new Dictionary<(string, string), TableParts>();
        await EachNextRowAsync(reader, row => AddColumn(tables, row), cancellationToken).ConfigureAwait(false);
        await EachNextRowAsync(reader, row => AddConstraint(tables, row), cancellationToken).ConfigureAwait(false);
        await EachNextRowAsync(reader, row => AddIndex(tables, row), cancellationToken).ConfigureAwait(false);
        var enums = await NextRowsAsync(reader, row => new CatalogEnum(row.GetString(0), row.GetString(1), row.GetFieldValue<string[]>(2)), cancellationToken).ConfigureAwait(false);
        var views = await NextRowsAsync(reader, row => new CatalogView(row.GetString(0), row.GetString(1), row.GetBoolean(2), row.IsDBNull(3) ? "" : row.GetString(3)), cancellationToken).ConfigureAwait(false);
        var sequences = await NextRowsAsync(reader, Sequence, cancellationToken).ConfigureAwait(false);
        var functions = await NextRowsAsync(reader, row => new CatalogFunction(row.GetString(0), row.GetString(1), row.GetString(2), row.GetBoolean(3), row.GetString(4)), cancellationToken).ConfigureAwait(false);
        var triggers = await NextRowsAsync(reader, Trigger, cancellationToken).ConfigureAwait(false);
        var extensions = await NextRowsAsync(reader, row => row.GetString(0), cancellationToken).ConfigureAwait(false);

        var tableList = tables
            .OrderBy(t => t.Key.Item1, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Item2, StringComparer.Ordinal)
            .Select(t => new CatalogTable(t.Key.Item1, t.Key.Item2, t.Value.Columns, t.Value.Constraints, t.Value.Indexes))
            .ToList();
        return new DatabaseCatalog(tableList, enums, views, sequences, functions, triggers, extensions);
    }

    /// <summary>One batch: <c>search_path</c> set to the first schema, a query per object kind over <paramref name="schemas"/>, the extensions.</summary>
    static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction? transaction, string[] schemas)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        var setPath = new NpgsqlBatchCommand("SELECT pg_catalog.set_config('search_path', $1, true)");
        setPath.Parameters.Add(new NpgsqlParameter { Value = Sql.QuoteIdentifier(schemas[0]) });
        batch.BatchCommands.Add(setPath);
        foreach (var sql in new[] { Columns, Constraints, Indexes, Enums, Views, Sequences, Functions, Triggers })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = schemas });
            batch.BatchCommands.Add(command);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(Extensions));
        return batch;
    }

    /// <summary>Moves to the batch's next result and hands each of its rows to <paramref name="row"/>.</summary>
    static async Task EachNextRowAsync(NpgsqlDataReader reader, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }

    static async Task<List<T>> NextRowsAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await EachNextRowAsync(reader, r => rows.Add(row(r)), cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>A column of <see cref="Columns"/>; a table without columns is a row of nulls, and still a table.</summary>
    static void AddColumn(Dictionary<(string, string), TableParts> tables, NpgsqlDataReader row)
    {
        var table = Table(tables, row.GetString(0), row.GetString(1));
        if (row.IsDBNull(2))
        {
            return;
        }

        var identity = row.IsDBNull(6) ? "" : row.GetString(6);
        var generated = !row.IsDBNull(7) && row.GetString(7).Length > 0;
        table.Columns.Add(new CatalogColumn(
            row.GetString(2),
            row.GetString(3),
            row.GetBoolean(4),
            row.IsDBNull(5) ? null : row.GetString(5),
            identity switch { "a" => ColumnIdentity.Always, "d" => ColumnIdentity.ByDefault, _ => ColumnIdentity.None },
            generated));
    }

    static void AddConstraint(Dictionary<(string, string), TableParts> tables, NpgsqlDataReader row)
    {
        var table = Table(tables, row.GetString(0), row.GetString(1));
        var kind = row.GetString(3) switch
        {
            "p" => ConstraintKind.PrimaryKey,
            "u" => ConstraintKind.Unique,
            "f" => ConstraintKind.ForeignKey,
            "c" => ConstraintKind.Check,
            _ => ConstraintKind.Exclusion,
        };
        var foreign = kind == ConstraintKind.ForeignKey;
        table.Constraints.Add(new CatalogConstraint(
            row.GetString(2),
            kind,
            row.GetFieldValue<string[]>(5),
            row.GetString(4),
            foreign && !row.IsDBNull(6) ? row.GetString(6) : null,
            foreign ? row.GetFieldValue<string[]>(7) : null,
            foreign ? Action(row.GetString(8)) : null,
            foreign ? Action(row.GetString(9)) : null));
    }

    static void AddIndex(Dictionary<(string, string), TableParts> tables, NpgsqlDataReader row)
    {
        var table = Table(tables, row.GetString(0), row.GetString(1));
        var create = row.GetString(5);
        table.Indexes.Add(new CatalogIndex(
            row.GetString(2),
            row.GetBoolean(3),
            row.GetString(4),
            row.GetFieldValue<string[]>(6),
            row.IsDBNull(7) ? null : row.GetString(7),
            NormaliseIndexDefinition(create),
            create));
    }

    static CatalogSequence Sequence(NpgsqlDataReader row) => new(
        row.GetString(0),
        row.GetString(1),
        row.GetString(2),
        row.GetInt64(3),
        row.GetInt64(4),
        row.GetInt64(5),
        row.GetInt64(6),
        row.GetBoolean(7),
        row.IsDBNull(8) ? null : row.GetString(8),
        row.IsDBNull(9) ? null : row.GetString(9));

    static CatalogTrigger Trigger(NpgsqlDataReader row)
    {
        var state = row.GetString(4) switch
        {
            "D" => TriggerState.Disabled,
            "R" => TriggerState.Replica,
            "A" => TriggerState.Always,
            _ => TriggerState.Enabled,
        };
        return new CatalogTrigger(row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3), state);
    }

    /// <summary>The part of <c>pg_get_indexdef</c> that defines the index: from <c>USING</c> on.</summary>
    internal static string NormaliseIndexDefinition(string create)
    {
        var on = create.IndexOf(" ON ", StringComparison.Ordinal);
        var method = create.IndexOf(" USING ", on < 0 ? 0 : on, StringComparison.Ordinal);
        return method < 0 ? create : create[(method + 1)..];
    }

    /// <summary>What a table's rows are gathered into, across the batch's column, constraint and index results.</summary>
    sealed record TableParts(List<CatalogColumn> Columns, List<CatalogConstraint> Constraints, List<CatalogIndex> Indexes);

    static TableParts Table(Dictionary<(string, string), TableParts> tables, string schema, string name)
    {
        if (!tables.TryGetValue((schema, name), out var table))
        {
            table = new TableParts([], [], []);
            tables[(schema, name)] = table;
        }

        return table;
    }

    static string Action(string code) => code switch
    {
        "a" => "NO ACTION",
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => code,
    };
}
