using System.Globalization;
using DriftHooks.Core.Catalog;
using DriftHooks.Core.Database;
using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;

namespace DriftHooks.Core.DataRisks;

/// <summary>What a walk found to ask production, and what it could not check.</summary>
internal sealed record DataRiskPlan(IReadOnlyList<DataQuestion> Questions, IReadOnlyList<DataUnchecked> Unchecked)
{
    public bool IsEmpty => Questions.Count == 0 && Unchecked.Count == 0;
}

/// <summary>
/// Walks the statements of the migrations a deploy would run, in its order, over production's catalog, and turns each
/// statement that can fail on existing rows (or drop data) into a read-only question: a column added NOT NULL without
/// a default, <c>SET NOT NULL</c>, unique indexes, unique constraints and primary keys, enum values removed by Prisma's
/// type swap, type changes, foreign keys, CHECK constraints, drops. It follows what the push itself does to the data:
/// tables it creates are empty, columns it adds hold NULL or their default until a plain <c>UPDATE … SET c = …</c>
/// backfills them, and any other data change on a table makes what follows on that table "cannot tell". Expressions
/// taken from a migration reach a question only when made of the table's columns, constants and operators.
/// Pure: no I/O; <see cref="DdlInterpreter"/> keeps the model (types, enum values) between statements.
/// </summary>
internal static class DataRiskWalk
{
    /// <summary>
    /// The questions for <paramref name="pending"/> (migration name, script; in deploy order) over
    /// <paramref name="catalog"/>, production's catalog of <paramref name="defaultSchema"/> (the URL's schema).
    /// <paramref name="inputValidity"/>: the server has <c>pg_input_is_valid</c> (PostgreSQL 16+).
    /// </summary>
    public static DataRiskPlan Walk(DatabaseCatalog catalog, string defaultSchema, IReadOnlyList<(string Migration, string Script)> pending, bool inputValidity)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(pending);
        var walker = new Walker(catalog, defaultSchema, inputValidity, assumeFilled: false);
        walker.Run(pending);
        return new DataRiskPlan(walker.Questions, walker.Unchecked);
    }

    /// <summary>
    /// Offline, without production: the lines of <paramref name="script"/> whose statements production would be asked
    /// about at push (every table not created by the script itself is taken to hold rows), with what each does.
    /// </summary>
    public static IReadOnlyList<(int Line, string What)> RiskyStatements(string migration, string script)
    {
        var walker = new Walker(DatabaseCatalog.Empty, "public", inputValidity: true, assumeFilled: true);
        walker.Run([(migration, script)]);
        return walker.Questions.Where(q => q.Kind != DataRiskKind.DataLoss).Select(q => (q.Line, q.What))
            .Concat(walker.Unchecked.Select(u => (u.Line, u.What)))
            .DistinctBy(r => r.Line).OrderBy(r => r.Line).ToList();
    }

    /// <summary>How many rows a question counts at most; the next one says "more than".</summary>
    public const int Cap = 10_000;

    static string Count(string from, string? where) =>
        $"SELECT count(*) FROM (SELECT 1 FROM {from}{(where is null ? "" : " WHERE " + where)} LIMIT {Cap + 1}) AS in_the_way";

    sealed class ColumnState(string? productionName, bool productionNotNull)
    {
        /// <summary>The column's name in production; null for a column this push adds.</summary>
        public string? ProductionName { get; } = productionName;

        /// <summary>
        /// The condition (over production's columns, as they are before the push) of the rows where the column is NULL
        /// at this point of the push: "true" every row, "false" none, null not known.
        /// </summary>
        public string? NullWhere { get; set; } = productionName is null ? null : productionNotNull ? "false" : Sql.QuoteIdentifier(productionName) + " IS NULL";

        /// <summary>A column a backfill of this push wrote.</summary>
        public bool Backfilled { get; set; }

        /// <summary>Its values are not production's: added by this push, or written by a backfill.</summary>
        public bool Changed => ProductionName is null || Backfilled;
    }

    sealed class TableState
    {
        public string? ProductionSchema { get; init; }

        public string? ProductionName { get; init; }

        /// <summary>Created by this push: empty until <see cref="DataChangedAt"/>.</summary>
        public bool Created { get; init; }

        /// <summary>Where the push changed its rows otherwise than by a followed backfill (migration, line).</summary>
        public string? DataChangedAt { get; set; }

        public Dictionary<string, ColumnState> Columns { get; } = new(StringComparer.Ordinal);

        public string Quoted => Sql.QuoteIdentifier(ProductionSchema!) + "." + Sql.QuoteIdentifier(ProductionName!);
    }

    sealed class Walker(DatabaseCatalog catalog, string defaultSchema, bool inputValidity, bool assumeFilled)
    {
        readonly Dictionary<string, TableState?> _tables = new(StringComparer.Ordinal);
        readonly DdlReplay _replay = assumeFilled ? new DdlReplay(new DatabaseModel()) : CatalogModel.Read(catalog);
        readonly HashSet<string> _ddlFunctions = new(StringComparer.Ordinal);
        string? _anythingChangedAt;
        string _migration = string.Empty;
        SqlStatement _statement = null!;
        string _script = string.Empty;
        SqlCursor _cursor = null!;

        public List<DataQuestion> Questions { get; } = [];

        public List<DataUnchecked> Unchecked { get; } = [];

        public void Run(IReadOnlyList<(string Migration, string Script)> pending)
        {
            foreach (var (migration, script) in pending)
            {
                _migration = migration;
                _script = script;
                foreach (var statement in SqlLexer.Statements(script))
                {
                    _statement = statement;
                    _cursor = new SqlCursor(statement);
                    try
                    {
                        SqlCursor.EnsureNestingWithinBound(statement);
                        Statement();
                    }
                    catch (NotFollowedException)
                    {
                        // A statement not read here changes nothing this walk tracks, or fails on its own in the deploy.
                    }

                    DdlInterpreter.Apply(_replay, migration, statement, script, _ddlFunctions);
                }
            }
        }

        static string Key(string schema, string name) => schema + "\u0001" + name;

        TableState? Table((string? Schema, string Name) name)
        {
            var schema = name.Schema ?? defaultSchema;
            var key = Key(schema, name.Name);
            if (_tables.TryGetValue(key, out var known))
            {
                return known;
            }

            TableState? state = null;
            if (catalog.Tables.FirstOrDefault(t => t.Schema == schema && t.Name == name.Name) is { } table)
            {
                state = new TableState { ProductionSchema = schema, ProductionName = table.Name };
                foreach (var column in table.Columns)
                {
                    state.Columns[column.Name] = new ColumnState(column.Name, column.NotNull);
                }
            }
            else if (assumeFilled)
            {
                state = new TableState { ProductionSchema = schema, ProductionName = name.Name };
            }

            _tables[key] = state;
            return state;
        }

        ColumnState? Column(TableState table, string name)
        {
            if (table.Columns.TryGetValue(name, out var column))
            {
                return column;
            }

            if (assumeFilled && !table.Created)
            {
                return table.Columns[name] = new ColumnState(name, false);
            }

            return null;
        }

        string Display(TableState table, string name) => DatabaseModel.Qualify(table.ProductionSchema ?? defaultSchema, name);

        void Ask(DataRiskKind kind, string table, IReadOnlyList<string> columns, string what, string sql, string? listing = null) =>
            Questions.Add(new DataQuestion(kind, _migration, _statement.Line, table, columns, what, sql, listing));

        void CannotTell(string what, string why) => Unchecked.Add(new DataUnchecked(_migration, _statement.Line, what, why));

        /// <summary>Why the rows of <paramref name="table"/> cannot be known here, or null when they can.</summary>
        string? Unknowable(TableState table) =>
            table.DataChangedAt is { } at ? $"the push changes its rows before ({at})"
            : _anythingChangedAt is { } any ? $"an earlier statement may change any table ({any})"
            : null;

        string Here => $"{_migration} line {_statement.Line}";

        void Statement()
        {
            var first = _cursor.Next();
            switch (first.Text)
            {
                case "create" when first.Kind == SqlTokenKind.Word:
                    Create();
                    break;
                case "alter" when first.Kind == SqlTokenKind.Word && _cursor.Accept("table"):
                    AlterTable();
                    break;
                case "drop" when first.Kind == SqlTokenKind.Word && _cursor.Accept("table"):
                    DropTables();
                    break;
                case "update":
                    Update();
                    break;
                case "insert" when _cursor.Accept("into"):
                case "delete" when _cursor.Accept("from"):
                case "merge" when _cursor.Accept("into"):
                case "copy":
                    DataChanged();
                    break;
                case "truncate":
                    _cursor.Accept("table");
                    DataChanged();
                    break;
                case "do" or "call" or "execute":
                    _anythingChangedAt ??= Here;
                    break;
            }
        }

        void DataChanged()
        {
            _cursor.Accept("only");
            if (Table(_cursor.QualifiedName()) is { } table)
            {
                table.DataChangedAt ??= Here;
            }
        }

        void Create()
        {
            _cursor.Accept("or", "replace");
            _cursor.Accept("unlogged");
            if (_cursor.Accept("table"))
            {
                var ifNotExists = _cursor.Accept("if", "not", "exists");
                var (schema, name) = _cursor.QualifiedName();
                var key = Key(schema ?? defaultSchema, name);
                if (ifNotExists && Table((schema, name)) is not null)
                {
                    return;
                }

                var created = new TableState { ProductionSchema = schema ?? defaultSchema, Created = true };
                if (!_cursor.PeekSymbol("("))
                {
                    created.DataChangedAt = Here; // CREATE TABLE … AS fills it
                }
                else
                {
                    var (start, end) = _cursor.SkipGroup();
                    foreach (var column in TopLevelItems(start, end))
                    {
                        if (column.Count > 0 && column[0].IsIdentifier && !IsConstraintWord(column[0]))
                        {
                            created.Columns[column[0].Text] = new ColumnState(null, false) { NullWhere = "false" };
                        }
                    }
                }

                _tables[key] = created;
                return;
            }

            if (_cursor.Accept("unique", "index"))
            {
                UniqueIndex();
            }
        }

        static bool IsConstraintWord(SqlToken token) =>
            token.Kind == SqlTokenKind.Word && token.Text is "constraint" or "primary" or "unique" or "foreign" or "check" or "exclude" or "like";

        List<List<SqlToken>> TopLevelItems(int start, int end)
        {
            var items = new List<List<SqlToken>> { new() };
            var depth = 0;
            foreach (var token in _cursor.Range(start, end))
            {
                if (token.IsSymbol("(") || token.IsSymbol("["))
                {
                    depth++;
                }
                else if (token.IsSymbol(")") || token.IsSymbol("]"))
                {
                    depth--;
                }
                else if (depth == 0 && token.IsSymbol(","))
                {
                    items.Add([]);
                    continue;
                }

                items[^1].Add(token);
            }

            return items;
        }

        // ---- CREATE UNIQUE INDEX ----

        void UniqueIndex()
        {
            _cursor.Accept("concurrently");
            _cursor.Accept("if", "not", "exists");
            string? indexName = null;
            if (!_cursor.PeekWord("on"))
            {
                indexName = _cursor.Identifier();
            }

            _cursor.Expect("on");
            _cursor.Accept("only");
            var tableName = _cursor.QualifiedName();
            if (_cursor.Accept("using"))
            {
                _cursor.Identifier();
            }

            var (start, end) = _cursor.SkipGroup();
            var columns = PlainColumns(start, end);
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
                else if (_cursor.Accept("nulls", "distinct"))
                {
                }
                else if (_cursor.Accept("tablespace"))
                {
                    _cursor.Identifier();
                }
                else
                {
                    break; // WHERE: a partial index
                }
            }

            var what = $"adds the unique index {Quote(indexName ?? "")} on {tableName.Name}";
            if (Table(tableName) is not { } table)
            {
                CannotTell(what, $"table {tableName.Name} is not in production's catalog");
                return;
            }

            if (!_cursor.AtEnd)
            {
                CannotTell(what, "a partial index (WHERE …) is not checked");
                return;
            }

            if (columns is null)
            {
                CannotTell(what, "an index on expressions is not checked");
                return;
            }

            Unique(table, columns, what, nullsNotDistinct);
        }

        /// <summary>The columns of an index's element list when each is a plain column (ASC/DESC allowed); null otherwise.</summary>
        List<string>? PlainColumns(int start, int end)
        {
            var columns = new List<string>();
            foreach (var item in TopLevelItems(start, end))
            {
                if (item.Count == 0 || !item[0].IsIdentifier || item.Skip(1).Any(t => !(t.Kind == SqlTokenKind.Word && t.Text is "asc" or "desc" or "nulls" or "first" or "last")))
                {
                    return null;
                }

                columns.Add(item[0].Text);
            }

            return columns;
        }

        void Unique(TableState table, IReadOnlyList<string> columns, string what, bool nullsNotDistinct)
        {
            if (table.Created && table.DataChangedAt is null)
            {
                return;
            }

            if (Unknowable(table) is { } why)
            {
                CannotTell(what, why);
                return;
            }

            var states = new List<ColumnState>();
            foreach (var name in columns)
            {
                if (Column(table, name) is not { } column)
                {
                    CannotTell(what, $"column {name} is not known here");
                    return;
                }

                states.Add(column);
            }

            if (!nullsNotDistinct && states.Any(c => c.ProductionName is null && c.NullWhere == "true"))
            {
                return; // a column every row holds NULL in: no two rows are equal
            }

            if (states.Any(c => c.Changed))
            {
                CannotTell(what, "it includes a column this push adds or fills");
                return;
            }

            var quoted = states.Select(c => Sql.QuoteIdentifier(c.ProductionName!)).ToList();
            var list = string.Join(", ", quoted);
            var notNull = nullsNotDistinct ? null : string.Join(" AND ", quoted.Select(c => c + " IS NOT NULL"));
            var where = notNull is null ? "" : " WHERE " + notNull;
            var sql = $"SELECT count(*) FROM (SELECT 1 FROM {table.Quoted}{where} GROUP BY {list} HAVING count(*) > 1 LIMIT {Cap + 1}) AS in_the_way";
            // No parenthesis, so that the printed command reads as one: the duplicated values, each once.
            var listing = $"SELECT DISTINCT {string.Join(", ", quoted.Select(c => "a." + c))} FROM {table.Quoted} a JOIN {table.Quoted} b ON "
                + string.Join(" AND ", quoted.Select(c => nullsNotDistinct ? $"a.{c} IS NOT DISTINCT FROM b.{c}" : $"a.{c} = b.{c}")) + " AND a.ctid <> b.ctid";
            Ask(DataRiskKind.Duplicates, Display(table, table.ProductionName!), [.. states.Select(c => c.ProductionName!)], what, sql, listing);
        }

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
                return;
            }

            if (_cursor.Accept("drop", "constraint"))
            {
                SkipAction();
                return;
            }

            if (_cursor.Accept("drop"))
            {
                _cursor.Accept("column");
                _cursor.Accept("if", "exists");
                var name = _cursor.Identifier();
                if (table.Columns.Remove(name, out var dropped) && dropped.ProductionName is { } production && !table.Created)
                {
                    Ask(DataRiskKind.DataLoss, Display(table, table.ProductionName!), [production], $"drops the column {tableName}.{name}",
                        Count(table.Quoted, Sql.QuoteIdentifier(production) + " IS NOT NULL"));
                }

                SkipAction();
                return;
            }

            if (_cursor.Accept("alter"))
            {
                _cursor.Accept("column");
                AlterColumn(table, tableSchema, tableName, _cursor.Identifier());
                return;
            }

            if (_cursor.Accept("rename", "constraint"))
            {
                SkipAction();
                return;
            }

            if (_cursor.Accept("rename", "to"))
            {
                var to = _cursor.Identifier();
                _tables[Key(table.ProductionSchema ?? defaultSchema, to)] = table;
                _tables[key] = null;
                return;
            }

            if (_cursor.Accept("rename"))
            {
                _cursor.Accept("column");
                var from = _cursor.Identifier();
                _cursor.Expect("to");
                var to = _cursor.Identifier();
                if (table.Columns.Remove(from, out var column))
                {
                    table.Columns[to] = column;
                }

                return;
            }

            SkipAction();
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
            var notNull = false;
            var filled = type.IsSerial; // serial and identity columns fill every row
            var unique = false;
            var (start, _) = _cursor.SkipUntil(t => t.IsSymbol(","));
            var constraint = _cursor.Range(start, _cursor.Position);
            for (var i = 0; i < constraint.Count; i++)
            {
                var token = constraint[i];
                if (token.IsWord("not") && i + 1 < constraint.Count && constraint[i + 1].IsWord("null"))
                {
                    notNull = true;
                }
                else if (token.IsWord("primary"))
                {
                    notNull = true;
                    unique = true;
                }
                else if (token.IsWord("unique"))
                {
                    unique = true;
                }
                else if (token.IsWord("default"))
                {
                    filled = !(i + 1 < constraint.Count && constraint[i + 1].IsWord("null"));
                }
                else if (token.IsWord("generated"))
                {
                    filled = true;
                }
            }

            table.Columns[name] = new ColumnState(null, false) { NullWhere = filled ? "false" : "true" };
            var what = $"adds the required column {Quote(name)} to {tableName} without a default";
            if (!notNull || filled || (table.Created && table.DataChangedAt is null))
            {
                if (unique && filled && !(table.Created && table.DataChangedAt is null))
                {
                    CannotTell($"adds the unique column {Quote(name)} to {tableName}", "every row gets the same default or a generated value");
                }

                return;
            }

            if (Unknowable(table) is { } why)
            {
                CannotTell(what, why);
                return;
            }

            Ask(DataRiskKind.RequiredColumn, Display(table, table.ProductionName!), [name], what, Count(table.Quoted, null));
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
            if (table.Created && table.DataChangedAt is null)
            {
                return;
            }

            if (Unknowable(table) is { } why)
            {
                CannotTell(what, why);
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
            Ask(DataRiskKind.NotNull, Display(table, table.ProductionName!), [.. columns.Select(c => c.Column.ProductionName ?? c.Name)], what, Count(table.Quoted, where),
                $"SELECT ctid FROM {table.Quoted}{(where is null ? "" : " WHERE " + where)}");
        }

        // ---- ADD CONSTRAINT ----

        void AddConstraint(TableState table, string tableName)
        {
            string? name = null;
            if (_cursor.Accept("constraint"))
            {
                name = _cursor.Identifier();
            }

            if (_cursor.Accept("primary", "key") || _cursor.Accept("unique"))
            {
                var primary = _statement.Tokens[_cursor.Position - 1].IsWord("key");
                var nullsNotDistinct = false;
                if (_cursor.Accept("nulls", "not", "distinct"))
                {
                    nullsNotDistinct = true;
                }

                _cursor.Accept("nulls", "distinct");
                if (_cursor.Accept("using", "index"))
                {
                    SkipAction(); // the index exists already: nothing new is checked
                    return;
                }

                var (start, end) = _cursor.SkipGroup();
                var columns = PlainColumns(start, end);
                SkipAction();
                var what = primary ? $"adds the primary key {Quote(name ?? "")} on {tableName}" : $"adds the unique constraint {Quote(name ?? "")} on {tableName}";
                if (columns is null)
                {
                    CannotTell(what, "its columns are not plain columns");
                    return;
                }

                if (primary)
                {
                    var states = columns.Select(c => (c, Column(table, c))).ToList();
                    if (states.Any(s => s.Item2 is null))
                    {
                        CannotTell(what, "a column is not known here");
                        return;
                    }

                    NotNull(table, [.. states.Select(s => (s.c, s.Item2!))], what);
                    if (states.Any(s => s.Item2!.ProductionName is null && s.Item2.NullWhere == "true"))
                    {
                        return; // the NULLs are the failure, already asked
                    }
                }

                Unique(table, columns, what, nullsNotDistinct || primary);
                return;
            }

            if (_cursor.Accept("foreign", "key"))
            {
                ForeignKey(table, tableName, name);
                return;
            }

            if (_cursor.Accept("check"))
            {
                Check(table, tableName, name);
                return;
            }

            SkipAction();
        }

        void ForeignKey(TableState table, string tableName, string? name)
        {
            var (start, end) = _cursor.SkipGroup();
            var columns = PlainColumns(start, end);
            _cursor.Expect("references");
            var referencedName = _cursor.QualifiedName();
            List<string>? referencedColumns = null;
            if (_cursor.PeekSymbol("("))
            {
                var (rs, re) = _cursor.SkipGroup();
                referencedColumns = PlainColumns(rs, re);
            }

            var (restStart, _) = _cursor.SkipUntil(t => t.IsSymbol(","));
            var rest = _cursor.Range(restStart, _cursor.Position);
            if (rest.Select((t, i) => t.IsWord("not") && i + 1 < rest.Count && rest[i + 1].IsWord("valid")).Any(b => b))
            {
                return; // NOT VALID: existing rows are not checked
            }

            var what = $"adds the foreign key {Quote(name ?? "")} from {tableName} to {referencedName.Name}";
            if (table.Created && table.DataChangedAt is null)
            {
                return;
            }

            if (Unknowable(table) is { } why)
            {
                CannotTell(what, why);
                return;
            }

            if (columns is null || referencedColumns is null || columns.Count != referencedColumns.Count)
            {
                CannotTell(what, "its columns are not written out as plain columns");
                return;
            }

            var states = columns.Select(c => Column(table, c)).ToList();
            if (states.Any(s => s is null))
            {
                CannotTell(what, "a column is not known here");
                return;
            }

            if (states.Any(s => s!.ProductionName is null && s.NullWhere == "true"))
            {
                return; // MATCH SIMPLE: a row with a NULL in the key is not checked
            }

            if (states.Any(s => s!.Changed))
            {
                CannotTell(what, "it includes a column this push adds or fills");
                return;
            }

            var source = states.Select(s => "s." + Sql.QuoteIdentifier(s!.ProductionName!)).ToList();
            var present = string.Join(" AND ", source.Select(c => c + " IS NOT NULL"));
            var referenced = Table(referencedName);
            string where;
            if (referenced is null)
            {
                CannotTell(what, $"table {referencedName.Name} is not in production's catalog");
                return;
            }
            else if (referenced.Created && referenced.DataChangedAt is null)
            {
                where = present; // the referenced table is empty: every non-null reference is an orphan
            }
            else if (Unknowable(referenced) is { } whyReferenced)
            {
                CannotTell(what, whyReferenced);
                return;
            }
            else
            {
                var targets = referencedColumns.Select(c => Column(referenced, c)).ToList();
                if (targets.Any(t => t is null || t.Changed))
                {
                    CannotTell(what, "a referenced column is not one production has");
                    return;
                }

                var match = string.Join(" AND ", targets.Select((t, i) => "r." + Sql.QuoteIdentifier(t!.ProductionName!) + " = " + source[i]));
                where = $"{present} AND NOT EXISTS (SELECT 1 FROM {referenced.Quoted} AS r WHERE {match})";
            }

            var from = table.Quoted + " AS s";
            Ask(DataRiskKind.ForeignKey, Display(table, table.ProductionName!), [.. states.Select(s => s!.ProductionName!)], what, Count(from, where),
                $"SELECT {string.Join(", ", source)}, count(*) FROM {from} WHERE {where} GROUP BY {string.Join(", ", source)}");
        }

        void Check(TableState table, string tableName, string? name)
        {
            var (start, end) = _cursor.SkipGroup();
            var (restStart, _) = _cursor.SkipUntil(t => t.IsSymbol(","));
            var rest = _cursor.Range(restStart, _cursor.Position);
            if (rest.Select((t, i) => t.IsWord("not") && i + 1 < rest.Count && rest[i + 1].IsWord("valid")).Any(b => b))
            {
                return;
            }

            var what = $"adds the check constraint {Quote(name ?? "")} on {tableName}";
            if (table.Created && table.DataChangedAt is null)
            {
                return;
            }

            if (Unknowable(table) is { } why)
            {
                CannotTell(what, why);
                return;
            }

            if (Expression(table, _cursor.Range(start, end), allowFunctions: true) is not { } expression)
            {
                CannotTell(what, "its expression uses more than the table's columns, constants and operators");
                return;
            }

            var where = $"({expression}) IS FALSE";
            Ask(DataRiskKind.Check, Display(table, table.ProductionName!), [], what, Count(table.Quoted, where), $"SELECT * FROM {table.Quoted} WHERE {where}");
        }

        // ---- type changes ----

        void TypeChange(TableState table, string tableName, string name, ColumnState column, DbColumn? old, SqlColumnType type, string typeText, (int Start, int End)? usingRange)
        {
            var what = $"changes {tableName}.{Quote(name)} to {typeText.Trim()}";
            if (table.Created && table.DataChangedAt is null)
            {
                return;
            }

            if (column.ProductionName is null && column.NullWhere == "true")
            {
                return; // every value is NULL: any cast takes it
            }

            if (old is null || column.Changed)
            {
                CannotTell(what, "the column's current type is not known here");
                return;
            }

            if (Unknowable(table) is { } why)
            {
                CannotTell(what, why);
                return;
            }

            var quoted = Sql.QuoteIdentifier(column.ProductionName!);
            var display = Display(table, table.ProductionName!);
            if (type.Type.StartsWith("enum ", StringComparison.Ordinal) && old.Type.StartsWith("enum ", StringComparison.Ordinal) && old.IsArray == type.IsArray)
            {
                var newValues = EnumValues(type.Type);
                var oldValues = EnumValues(old.Type);
                if (newValues is null || oldValues is null)
                {
                    CannotTell(what, "the enum's values are not known here");
                    return;
                }

                var removed = oldValues.Where(v => !newValues.Contains(v)).ToList();
                if (removed.Count == 0)
                {
                    return;
                }

                if (usingRange is { } cast && !IsPlainCast(cast, name))
                {
                    CannotTell(what, "its USING expression is not the values' own cast");
                    return;
                }

                var literals = string.Join(", ", removed.Select(Literal));
                var where = old.IsArray ? $"{quoted}::text[] && ARRAY[{literals}]::text[]" : $"{quoted}::text IN ({literals})";
                Ask(DataRiskKind.EnumValue, display, [column.ProductionName!], $"removes {string.Join(", ", removed.Select(v => "'" + v + "'"))} from the enum of {tableName}.{Quote(name)}",
                    Count(table.Quoted, where), $"SELECT {quoted}, count(*) FROM {table.Quoted} WHERE {where} GROUP BY {quoted}");
                return;
            }

            if (old.IsArray || type.IsArray)
            {
                if (old.IsArray != type.IsArray || old.Type != type.Type)
                {
                    CannotTell(what, "array type changes are not checked");
                }

                return;
            }

            if (Widens(old.Type, type.Type) && usingRange is null)
            {
                return;
            }

            if (Length(type.Type) is { } length && IsText(old.Type) && usingRange is null)
            {
                var where = $"char_length({quoted}) > {length.ToString(CultureInfo.InvariantCulture)}";
                Ask(DataRiskKind.TypeChange, display, [column.ProductionName!], what, Count(table.Quoted, where), $"SELECT count(*) FROM {table.Quoted} WHERE {where}");
                return;
            }

            if (!IsText(old.Type) || usingRange is { } u && !IsPlainCast(u, name))
            {
                CannotTell(what, "the conversion of its values is not checked");
                return;
            }

            if (!inputValidity)
            {
                CannotTell(what, "production's PostgreSQL is older than 16, which has no pg_input_is_valid to check the values without writing");
                return;
            }

            var valid = $"{quoted} IS NOT NULL AND NOT pg_input_is_valid({quoted}::text, {Literal(typeText.Trim())})";
            Ask(DataRiskKind.TypeChange, display, [column.ProductionName!], what, Count(table.Quoted, valid), $"SELECT count(*) FROM {table.Quoted} WHERE {valid}");
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

        // ---- UPDATE (backfills) ----

        void Update()
        {
            _cursor.Accept("only");
            var name = _cursor.QualifiedName();
            if (Table(name) is not { } table)
            {
                return;
            }

            if (_cursor.PeekWord("as") || (_cursor.Peek() is { IsIdentifier: true } alias && !alias.IsWord("set")))
            {
                table.DataChangedAt ??= Here;
                return;
            }

            _cursor.Expect("set");
            var (setStart, setEnd) = _cursor.SkipUntil(t => t.IsWord("where") || t.IsWord("from") || t.IsWord("returning"));
            string? predicate = null;
            if (_cursor.Accept("where"))
            {
                var (whereStart, whereEnd) = _cursor.SkipUntil(t => t.IsWord("returning"));
                predicate = Expression(table, _cursor.Range(whereStart, whereEnd), allowFunctions: false);
                if (predicate is null)
                {
                    table.DataChangedAt ??= Here;
                    return;
                }
            }

            if (!_cursor.AtEnd)
            {
                table.DataChangedAt ??= Here;
                return;
            }

            var assignments = new List<(ColumnState Column, string Value)>();
            foreach (var item in TopLevelItems(setStart, setEnd))
            {
                if (item.Count < 3 || !item[0].IsIdentifier || !item[1].IsSymbol("=")
                    || Column(table, item[0].Text) is not { } column
                    || Expression(table, item.Skip(2).ToList(), allowFunctions: false) is not { } value)
                {
                    table.DataChangedAt ??= Here; // not a backfill of a column this push added
                    return;
                }

                assignments.Add((column, value));
            }

            foreach (var (column, value) in assignments)
            {
                column.Backfilled = column.ProductionName is not null;
                if (column.NullWhere is null)
                {
                    continue;
                }

                var stillNull = predicate is null ? $"({value}) IS NULL" : $"({predicate}) IS NOT TRUE OR ({value}) IS NULL";
                if (IsConstant(value))
                {
                    stillNull = predicate is null ? "false" : $"({predicate}) IS NOT TRUE";
                }

                column.NullWhere = column.NullWhere switch
                {
                    "false" => "false",
                    "true" => stillNull,
                    _ when stillNull == "false" => "false",
                    var before => $"({before}) AND ({stillNull})",
                };
            }
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

        // ---- DROP TABLE ----

        void DropTables()
        {
            _cursor.Accept("if", "exists");
            do
            {
                var name = _cursor.QualifiedName();
                var key = Key(name.Schema ?? defaultSchema, name.Name);
                if (Table(name) is { Created: false } table)
                {
                    Ask(DataRiskKind.DataLoss, Display(table, table.ProductionName!), [], $"drops the table {name.Name}", Count(table.Quoted, null));
                }

                _tables[key] = null;
            }
            while (_cursor.AcceptSymbol(","));
        }
    }

    static string Quote(string name) => "\"" + name + "\"";

    static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

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
