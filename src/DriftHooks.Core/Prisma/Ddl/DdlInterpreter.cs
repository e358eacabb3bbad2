using System.Text.RegularExpressions;
using DriftHooks.Core.Prisma.Schema;

namespace DriftHooks.Core.Prisma.Ddl;

/// <summary>
/// Applies migration scripts to a <see cref="DatabaseModel"/> the way PostgreSQL would apply them to a database:
/// the DDL <c>prisma migrate diff</c> writes (tables, columns, defaults, keys, indexes, foreign keys, enums with
/// Prisma's recreate-and-swap, extensions, renames) and hand-written DDL. Statements that change nothing the
/// model holds (data, comments, grants, views, functions, triggers) pass; a statement that might change it and
/// cannot be followed (a DO block, dynamic SQL, an unknown ALTER form, an object that is not where the model
/// says) is listed in <see cref="DdlReplay.Unfollowed"/>, and the replay then proves nothing. Pure: no I/O.
/// </summary>
internal static partial class DdlInterpreter
{
    private const int MaxIdentifierLength = 63;

    // Statements that change no table, column, key, index, enum or extension.
    private static readonly HashSet<string> DataOrSessionStatements =
    [
        "insert", "update", "delete", "merge", "truncate", "comment", "grant", "revoke", "set", "reset", "begin",
        "commit", "end", "start", "savepoint", "release", "analyze", "analyse", "vacuum", "reindex", "cluster", "lock",
        "notify", "listen", "unlisten", "refresh", "discard", "checkpoint", "copy", "security", "values", "load",
        "deallocate", "prepare", "fetch", "close", "declare", "move", "show", "explain", "table",
    ];

    // CREATE/ALTER/DROP of objects the model does not hold.
    private static readonly HashSet<string> UnmodelledObjects =
    [
        "view", "materialized", "recursive", "sequence", "function", "procedure", "trigger", "constraint", "policy", "rule", "role",
        "user", "group", "collation", "domain", "aggregate", "operator", "cast", "text", "publication", "subscription",
        "server", "statistics", "conversion", "language", "transform", "access", "tablespace", "database", "default",
        "large", "system", "routine", "owned", "trusted", "procedural",
    ];

    public static DdlReplay Replay(DatabaseModel start, IEnumerable<(string Migration, string Script)> migrations)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(migrations);
        var replay = new DdlReplay(start.Clone());
        var ddlFunctions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (migration, script) in migrations)
        {
            foreach (var statement in SqlLexer.Statements(script))
            {
                Apply(replay, migration, statement, script, ddlFunctions);
            }
        }

        return replay;
    }

    /// <summary>
    /// Applies one statement of <paramref name="script"/> to <paramref name="replay"/>, as <see cref="Replay"/> does for
    /// each (for a walk that looks at the model between statements); <paramref name="ddlFunctions"/> carries over.
    /// </summary>
    public static void Apply(DdlReplay replay, string migration, SqlStatement statement, string script, HashSet<string> ddlFunctions)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(statement);
        try
        {
            SqlCursor.EnsureNestingWithinBound(statement);
            new Reader(replay, statement, script, ddlFunctions).Execute();
        }
        catch (NotFollowedException e)
        {
            replay.Unfollowed.Add(new UnfollowedStatement(migration, statement.Line, statement.Text, e.Message));
        }
    }

    [GeneratedRegex(@"\b(alter|create|drop|rename|execute|truncate)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DdlWords();

    private sealed class Reader(DdlReplay replay, SqlStatement statement, string script, HashSet<string> ddlFunctions)
    {
        private readonly SqlCursor _cursor = new(statement);
        private readonly DatabaseModel _model = replay.Model;

        public void Execute()
        {
            var first = _cursor.Next();
            if (first.IsSymbol("("))
            {
                first = _cursor.Next(); // (SELECT …) UNION …
            }

            if (first.Kind != SqlTokenKind.Word)
            {
                throw new NotFollowedException("the statement does not start with a keyword");
            }

            switch (first.Text)
            {
                case "create":
                    Create();
                    break;
                case "alter":
                    Alter();
                    break;
                case "drop":
                    Drop();
                    break;
                case "select" or "with" or "perform":
                    RefuseDdlFunctionCalls();
                    break;
                case "do":
                    DoBlock();
                    break;
                case "call":
                    throw new NotFollowedException("CALL runs a procedure that may change the schema");
                case "execute":
                    throw new NotFollowedException("EXECUTE runs SQL not visible here");
                case "import":
                    throw new NotFollowedException("IMPORT FOREIGN SCHEMA creates tables not visible here");
                case "rollback" or "abort":
                    throw new NotFollowedException("a ROLLBACK undoes statements before it");
                default:
                    if (!DataOrSessionStatements.Contains(first.Text))
                    {
                        throw new NotFollowedException($"{first.Text.ToUpperInvariant()} is not a statement DriftHooks knows");
                    }

                    if (first.Text is "insert" or "update" or "delete" or "merge")
                    {
                        RefuseDdlFunctionCalls();
                    }

                    break;
            }
        }

        // A DO block whose body holds no DDL word and calls no DDL function of these migrations only moves data.
        private void DoBlock()
        {
            var bodies = statement.Tokens.Where(t => t.Kind is SqlTokenKind.DollarString or SqlTokenKind.String).ToList();
            if (bodies.Count == 0 || bodies.Any(b => DdlWords().IsMatch(b.Text)))
            {
                throw new NotFollowedException("a DO block runs code that may change the schema");
            }

            foreach (var body in bodies)
            {
                foreach (var token in SqlLexer.Tokens(body.Text))
                {
                    if (token.IsIdentifier && ddlFunctions.Contains(token.Text))
                    {
                        throw new NotFollowedException($"a DO block calls {token.Text}(), created by these migrations with DDL in its body");
                    }
                }
            }
        }

        // A function created by these migrations whose body alters the schema changes it when a statement calls it.
        private void RefuseDdlFunctionCalls()
        {
            for (var i = 0; _cursor.Peek(i) is { } token; i++)
            {
                if (token.IsIdentifier && _cursor.PeekSymbol("(", i + 1) && ddlFunctions.Contains(token.Text))
                {
                    throw new NotFollowedException($"it calls {token.Text}(), created by these migrations with DDL in its body");
                }
            }
        }

        // ---- CREATE ----

        private void Create()
        {
            _cursor.Accept("or", "replace");
            var temporary = _cursor.Accept("temp") || _cursor.Accept("temporary")
                || _cursor.Accept("global", "temporary") || _cursor.Accept("local", "temporary")
                || _cursor.Accept("global", "temp") || _cursor.Accept("local", "temp");
            _cursor.Accept("unlogged");
            var kind = _cursor.Next();
            switch (kind.Text)
            {
                case "table" when temporary:
                    return; // gone at the end of the session
                case "table":
                    CreateTable();
                    return;
                case "unique":
                    _cursor.Expect("index");
                    CreateIndex(true);
                    return;
                case "index":
                    CreateIndex(false);
                    return;
                case "type":
                    CreateType();
                    return;
                case "extension":
                    _cursor.Accept("if", "not", "exists");
                    _model.Extensions.TryAdd(_cursor.Identifier(), string.Empty);
                    return;
                case "schema":
                    return; // tables carry their schema; an empty schema is nothing the model holds
                case "function" or "procedure":
                    RememberDdlFunction();
                    return;
                case "trigger" or "constraint":
                    RefuseDdlFunctionCalls();
                    return;
                case "event":
                    throw new NotFollowedException("an event trigger runs code on every DDL statement");
                case "foreign":
                    throw new NotFollowedException("foreign tables are not modelled");
                default:
                    if (kind.Kind == SqlTokenKind.Word && UnmodelledObjects.Contains(kind.Text))
                    {
                        return;
                    }

                    throw new NotFollowedException($"CREATE {kind.Text.ToUpperInvariant()} is not known");
            }
        }

        private void RememberDdlFunction()
        {
            var (_, name) = _cursor.QualifiedName();
            for (var i = 0; _cursor.Peek(i) is { } token; i++)
            {
                if (token.Kind is SqlTokenKind.DollarString or SqlTokenKind.String && DdlWords().IsMatch(token.Text))
                {
                    ddlFunctions.Add(name);
                    return;
                }
            }
        }

        private void CreateTable()
        {
            var ifNotExists = _cursor.Accept("if", "not", "exists");
            var (schemaName, name) = _cursor.QualifiedName();
            var schema = schemaName ?? "public";
            var key = DatabaseModel.Qualify(schema, name);
            if (_model.Tables.ContainsKey(key))
            {
                if (ifNotExists)
                {
                    return;
                }

                throw new NotFollowedException($"table {key} exists already here");
            }

            if (!_cursor.PeekSymbol("("))
            {
                throw new NotFollowedException("CREATE TABLE … AS, OF or PARTITION OF is not followed");
            }

            var table = new DbTable(schema, name, name.StartsWith('_') ? SchemaObjectKind.RelationTable : SchemaObjectKind.Model);
            _model.Tables[key] = table;
            _cursor.ExpectSymbol("(");
            if (!_cursor.AcceptSymbol(")"))
            {
                do
                {
                    TableElement(table);
                }
                while (_cursor.AcceptSymbol(","));

                _cursor.ExpectSymbol(")");
            }

            if (_cursor.PeekWord("inherits"))
            {
                throw new NotFollowedException("table inheritance is not followed");
            }

            ApplyPendingNotNull();
        }

        private void TableElement(DbTable table)
        {
            if (_cursor.PeekWord("like"))
            {
                throw new NotFollowedException("CREATE TABLE (LIKE …) copies columns not visible here");
            }

            if (IsTableConstraint())
            {
                TableConstraint(table);
                return;
            }

            AddColumn(table, ifNotExists: false);
        }

        private bool IsTableConstraint() =>
            _cursor.PeekWord("constraint") || _cursor.PeekWord("check") || _cursor.PeekWord("exclude")
            || (_cursor.PeekWord("primary") && _cursor.PeekWord("key", 1))
            || (_cursor.PeekWord("unique") && (_cursor.PeekSymbol("(", 1) || _cursor.PeekWord("nulls", 1)))
            || (_cursor.PeekWord("foreign") && _cursor.PeekWord("key", 1));

        private void AddColumn(DbTable table, bool ifNotExists)
        {
            var name = _cursor.Identifier();
            if (table.Columns.ContainsKey(name))
            {
                if (ifNotExists)
                {
                    _cursor.SkipUntil(t => t.IsSymbol(","));
                    return;
                }

                throw new NotFollowedException($"column {table.QualifiedName}.{name} exists already here");
            }

            var type = SqlColumnValues.ReadType(_cursor, _model);
            var nullable = !type.IsSerial;
            var @default = type.IsSerial ? "autoincrement()" : null;
            string? constraintName = null;
            while (!_cursor.AtEnd && !_cursor.PeekSymbol(",") && !_cursor.PeekSymbol(")"))
            {
                if (_cursor.Accept("constraint"))
                {
                    constraintName = _cursor.Identifier();
                    continue;
                }

                if (_cursor.Accept("not", "null"))
                {
                    nullable = false;
                }
                else if (_cursor.Accept("null"))
                {
                    nullable = true;
                }
                else if (_cursor.Accept("default"))
                {
                    @default = ReadDefault(type, ColumnConstraintStart);
                }
                else if (_cursor.Accept("primary", "key"))
                {
                    nullable = false;
                    SetPrimaryKey(table, constraintName ?? GeneratedName(table.Name, [], "pkey"), [name]);
                    SkipIndexParameters();
                }
                else if (_cursor.Accept("unique"))
                {
                    SkipNullsDistinct(table, constraintName);
                    AddIndex(table, constraintName ?? GeneratedName(table.Name, [name], "key"), true, "btree (" + name + ")", false);
                    SkipIndexParameters();
                }
                else if (_cursor.Accept("references"))
                {
                    AddForeignKey(table, constraintName ?? GeneratedName(table.Name, [name], "fkey"), [name]);
                }
                else if (_cursor.Accept("check"))
                {
                    _cursor.SkipGroup();
                    AddCheck(table, constraintName);
                }
                else if (_cursor.Accept("generated"))
                {
                    nullable = Generated(nullable);
                    @default = SqlColumnValues.IdentityDefault;
                    replay.ImpreciseDefaults.Add(DdlReplay.Key(table.QualifiedName, name));
                }
                else if (_cursor.Accept("collate") || _cursor.Accept("compression") || _cursor.Accept("storage"))
                {
                    _cursor.QualifiedName();
                }
                else if (!SkipDeferrable())
                {
                    throw new NotFollowedException($"column constraint '{_cursor.Peek()!.Value.Text}' is not known");
                }

                constraintName = null;
            }

            table.Columns[name] = new DbColumn(name, type.Type, type.IsArray, nullable, @default);
        }

        // GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(…)] or GENERATED ALWAYS AS (expr) STORED; identity is NOT NULL.
        private bool Generated(bool nullable)
        {
            if (!_cursor.Accept("always"))
            {
                _cursor.Expect("by", "default");
            }

            _cursor.Expect("as");
            if (_cursor.Accept("identity"))
            {
                if (_cursor.PeekSymbol("("))
                {
                    _cursor.SkipGroup();
                }

                return false;
            }

            _cursor.SkipGroup();
            _cursor.Accept("stored");
            _cursor.Accept("virtual");
            return nullable;
        }

        private bool SkipDeferrable() =>
            _cursor.Accept("not", "deferrable") || _cursor.Accept("deferrable")
            || _cursor.Accept("initially", "deferred") || _cursor.Accept("initially", "immediate")
            || _cursor.Accept("not", "valid") || _cursor.Accept("no", "inherit");

        private static bool ColumnConstraintStart(SqlToken token) =>
            token.IsSymbol(",") || token.Kind == SqlTokenKind.Word && token.Text is
                "not" or "null" or "constraint" or "primary" or "unique" or "references" or "check" or "generated" or "collate" or "default";

        private string? ReadDefault(SqlColumnType type, Func<SqlToken, bool> stop)
        {
            var (start, end) = _cursor.SkipUntil(stop);
            if (end == start)
            {
                throw new NotFollowedException("DEFAULT without an expression");
            }

            return SqlColumnValues.Default(_cursor.Range(start, end), _cursor.Source(script, start, end), type);
        }

        private void TableConstraint(DbTable table)
        {
            string? name = null;
            if (_cursor.Accept("constraint"))
            {
                name = _cursor.Identifier();
            }

            if (_cursor.Accept("primary", "key"))
            {
                var columns = ColumnList();
                SetPrimaryKey(table, name ?? GeneratedName(table.Name, [], "pkey"), columns);
                SkipIndexParameters();
            }
            else if (_cursor.Accept("unique"))
            {
                SkipNullsDistinct(table, name);
                var columns = ColumnList();
                var imprecise = SkipIndexParameters();
                AddIndex(table, name ?? GeneratedName(table.Name, columns, "key"), true, "btree (" + string.Join(", ", columns) + ")", imprecise);
            }
            else if (_cursor.Accept("foreign", "key"))
            {
                var columns = ColumnList();
                _cursor.Expect("references");
                AddForeignKey(table, name ?? GeneratedName(table.Name, columns, "fkey"), columns);
            }
            else if (_cursor.Accept("check"))
            {
                _cursor.SkipGroup();
                AddCheck(table, name);
            }
            else if (_cursor.Accept("exclude"))
            {
                // An exclusion constraint: an index Prisma's schema cannot declare, so nothing it compares.
                _cursor.SkipUntil(t => t.IsSymbol(","));
            }
            else
            {
                throw new NotFollowedException($"table constraint '{_cursor.Peek()?.Text}' is not known");
            }

            while (SkipDeferrable())
            {
            }
        }

        // Check constraints are not modelled; their names are kept so that dropping one is known to be harmless.
        private void AddCheck(DbTable table, string? name)
        {
            if (name is not null)
            {
                replay.CheckConstraints.Add(DdlReplay.Key(table.QualifiedName, name));
            }
        }

        // UNIQUE NULLS [NOT] DISTINCT: Prisma's schema cannot say it.
        private void SkipNullsDistinct(DbTable table, string? name)
        {
            if (_cursor.Accept("nulls", "not", "distinct") || _cursor.Accept("nulls", "distinct"))
            {
                if (name is not null)
                {
                    replay.ImpreciseIndexes.Add(DdlReplay.Key(table.QualifiedName, name));
                }
            }
        }

        /// <summary>Skips INCLUDE (…), WITH (…), USING INDEX TABLESPACE …; true when one of them is something Prisma cannot declare.</summary>
        private bool SkipIndexParameters()
        {
            var imprecise = false;
            while (true)
            {
                if (_cursor.Accept("include"))
                {
                    _cursor.SkipGroup();
                    imprecise = true;
                }
                else if (_cursor.Accept("with") && _cursor.PeekSymbol("("))
                {
                    _cursor.SkipGroup();
                }
                else if (_cursor.Accept("using", "index", "tablespace") || _cursor.Accept("tablespace"))
                {
                    _cursor.Identifier();
                }
                else
                {
                    return imprecise;
                }
            }
        }

        private List<string> ColumnList()
        {
            _cursor.ExpectSymbol("(");
            var columns = new List<string>();
            do
            {
                columns.Add(_cursor.Identifier());
            }
            while (_cursor.AcceptSymbol(","));

            _cursor.ExpectSymbol(")");
            return columns;
        }

        private void SetPrimaryKey(DbTable table, string name, List<string> columns)
        {
            if (table.PrimaryKey is not null)
            {
                throw new NotFollowedException($"table {table.QualifiedName} has a primary key already here");
            }

            foreach (var column in columns)
            {
                // PostgreSQL makes primary-key columns NOT NULL; a column declared later in CREATE TABLE is set then.
                if (table.Columns.TryGetValue(column, out var existing))
                {
                    table.Columns[column] = existing with { IsNullable = false };
                }
                else
                {
                    _pendingNotNull.Add((table, column));
                }
            }

            table.PrimaryKey = new DbPrimaryKey(name, string.Join(", ", columns));
        }

        private readonly List<(DbTable Table, string Column)> _pendingNotNull = [];

        private void AddForeignKey(DbTable table, string name, List<string> columns)
        {
            var (refSchema, refName) = _cursor.QualifiedName();
            var referenced = DatabaseModel.Qualify(refSchema ?? "public", refName);
            List<string> referencedColumns;
            if (_cursor.PeekSymbol("("))
            {
                referencedColumns = ColumnList();
            }
            else
            {
                var target = _model.Tables.GetValueOrDefault(referenced) ?? (referenced == table.QualifiedName ? table : null);
                referencedColumns = target?.PrimaryKey is { } pk
                    ? [.. pk.Columns.Split(", ")]
                    : throw new NotFollowedException($"REFERENCES {referenced} without columns, and no primary key is known for it");
            }

            string onDelete = "NoAction", onUpdate = "NoAction";
            while (true)
            {
                if (_cursor.Accept("on", "delete"))
                {
                    onDelete = Action();
                }
                else if (_cursor.Accept("on", "update"))
                {
                    onUpdate = Action();
                }
                else if (_cursor.Accept("match"))
                {
                    _cursor.Next();
                }
                else if (!SkipDeferrable())
                {
                    break;
                }
            }

            if (table.ForeignKeys.ContainsKey(name))
            {
                throw new NotFollowedException($"foreign key {name} exists already here");
            }

            table.ForeignKeys[name] = new DbForeignKey(name, string.Join(", ", columns), referenced, string.Join(", ", referencedColumns), onDelete, onUpdate);
        }

        private string Action()
        {
            if (_cursor.Accept("cascade"))
            {
                return "Cascade";
            }

            if (_cursor.Accept("restrict"))
            {
                return "Restrict";
            }

            if (_cursor.Accept("no", "action"))
            {
                return "NoAction";
            }

            if (_cursor.Accept("set", "null"))
            {
                SkipActionColumns();
                return "SetNull";
            }

            if (_cursor.Accept("set", "default"))
            {
                SkipActionColumns();
                return "SetDefault";
            }

            throw new NotFollowedException($"foreign key action '{_cursor.Peek()?.Text}' is not known");
        }

        private void SkipActionColumns()
        {
            if (_cursor.PeekSymbol("("))
            {
                throw new NotFollowedException("SET NULL (columns) is not something Prisma's schema can say");
            }
        }

        private void AddIndex(DbTable table, string name, bool unique, string definition, bool imprecise)
        {
            if (IndexOwner(table.Schema, name) is not null)
            {
                throw new NotFollowedException($"an index or constraint named {name} exists already here");
            }

            table.Indexes[name] = new DbIndex(name, unique, definition);
            if (imprecise)
            {
                replay.ImpreciseIndexes.Add(DdlReplay.Key(table.QualifiedName, name));
            }
        }

        /// <summary>The table holding an index (or the primary key whose index it is) of that name in the schema.</summary>
        private DbTable? IndexOwner(string schema, string name) =>
            _model.Tables.Values.FirstOrDefault(t => t.Schema == schema && (t.Indexes.ContainsKey(name) || t.PrimaryKey?.Name == name));

        // PostgreSQL's name for an unnamed constraint or index; a long one it shortens its own way, which is not modelled.
        private static string GeneratedName(string table, IReadOnlyList<string> columns, string suffix)
        {
            var name = columns.Count == 0 ? $"{table}_{suffix}" : $"{table}_{string.Join("_", columns)}_{suffix}";
            return System.Text.Encoding.UTF8.GetByteCount(name) <= MaxIdentifierLength
                ? name
                : throw new NotFollowedException($"PostgreSQL shortens the generated name {name} in a way DriftHooks does not follow");
        }

        private void CreateIndex(bool unique)
        {
            _cursor.Accept("concurrently");
            var ifNotExists = _cursor.Accept("if", "not", "exists");
            string? name = null;
            if (!_cursor.PeekWord("on"))
            {
                name = _cursor.Identifier();
            }

            _cursor.Expect("on");
            _cursor.Accept("only");
            var table = Table(_cursor.QualifiedName(), ifExists: false)!;
            var method = _cursor.Accept("using") ? _cursor.Identifier().ToLowerInvariant() : "btree";
            _cursor.ExpectSymbol("(");
            var parts = new List<string>();
            var columns = new List<string>();
            var imprecise = false;
            do
            {
                var (part, column, exact) = IndexElement();
                parts.Add(part);
                columns.Add(column ?? "expr");
                imprecise |= !exact;
            }
            while (_cursor.AcceptSymbol(","));

            _cursor.ExpectSymbol(")");
            imprecise |= SkipIndexParameters();
            if (_cursor.Accept("nulls", "not", "distinct") || _cursor.Accept("nulls", "distinct"))
            {
                imprecise = true;
            }

            imprecise |= SkipIndexParameters();
            if (_cursor.Accept("where"))
            {
                _cursor.SkipUntil(_ => false);
                imprecise = true;
            }

            if (!_cursor.AtEnd)
            {
                throw new NotFollowedException($"'{_cursor.Peek()!.Value.Text}' after the index columns is not known");
            }

            name ??= GeneratedName(table.Name, columns, "idx");
            if (ifNotExists && IndexOwner(table.Schema, name) is not null)
            {
                return;
            }

            AddIndex(table, name, unique, $"{method} ({string.Join(", ", parts)})", imprecise);
        }

        // column [COLLATE c] [opclass [(params)]] [ASC | DESC] [NULLS FIRST | LAST], or an expression.
        private (string Part, string? Column, bool Exact) IndexElement()
        {
            var exact = true;
            string part;
            string? column = null;
            if (_cursor.PeekSymbol("(") || _cursor.PeekSymbol("(", 1) || _cursor.Peek()?.IsIdentifier != true)
            {
                var (start, end) = _cursor.SkipUntil(t => t.IsSymbol(",") || t.Kind == SqlTokenKind.Word && t.Text is "asc" or "desc" or "nulls" or "collate");
                part = _cursor.Source(script, start, end).ToLowerInvariant();
                exact = false;
            }
            else
            {
                column = _cursor.Identifier();
                part = column;
            }

            if (_cursor.Accept("collate"))
            {
                _cursor.QualifiedName();
                exact = false;
            }

            if (_cursor.Peek() is { IsIdentifier: true } opclass && opclass.Text is not ("asc" or "desc" or "nulls"))
            {
                var (_, ops) = _cursor.QualifiedName();
                part += " " + ops;
                if (_cursor.PeekSymbol("("))
                {
                    _cursor.SkipGroup();
                    exact = false;
                }
            }

            if (_cursor.Accept("desc"))
            {
                part += " DESC";
            }
            else
            {
                _cursor.Accept("asc");
            }

            if (_cursor.Accept("nulls"))
            {
                _cursor.Next();
                exact = false;
            }

            return (part, column, exact);
        }

        private void CreateType()
        {
            var (schemaName, name) = _cursor.QualifiedName();
            var schema = schemaName ?? "public";
            if (!_cursor.Accept("as", "enum"))
            {
                return; // composite, range or base types: Prisma's schema has none on PostgreSQL
            }

            var key = DatabaseModel.Qualify(schema, name);
            if (_model.Enums.ContainsKey(key))
            {
                throw new NotFollowedException($"type {key} exists already here");
            }

            var (start, end) = _cursor.SkipGroup();
            var values = _cursor.Range(start, end).Where(t => t.Kind == SqlTokenKind.String).Select(t => t.Text).ToList();
            _model.Enums[key] = new DbEnum(schema, name, values);
        }

        // ---- ALTER ----

        private void Alter()
        {
            var kind = _cursor.Next();
            switch (kind.Text)
            {
                case "table":
                    AlterTable();
                    return;
                case "index":
                    AlterIndex();
                    return;
                case "type":
                    AlterType();
                    return;
                case "extension" or "function" or "procedure" or "routine":
                    return;
                case "schema":
                    _cursor.Identifier();
                    if (_cursor.PeekWord("rename"))
                    {
                        throw new NotFollowedException("renaming a schema is not followed");
                    }

                    return;
                case "foreign":
                    throw new NotFollowedException("foreign tables are not modelled");
                default:
                    if (kind.Kind == SqlTokenKind.Word && UnmodelledObjects.Contains(kind.Text))
                    {
                        return;
                    }

                    throw new NotFollowedException($"ALTER {kind.Text.ToUpperInvariant()} is not known");
            }
        }

        private void AlterTable()
        {
            if (_cursor.PeekWord("all"))
            {
                return; // ALTER TABLE ALL IN TABLESPACE … SET TABLESPACE
            }

            var ifExists = _cursor.Accept("if", "exists");
            _cursor.Accept("only");
            var table = Table(_cursor.QualifiedName(), ifExists);
            _cursor.AcceptSymbol("*");
            if (table is null)
            {
                return;
            }

            do
            {
                table = AlterTableAction(table);
            }
            while (_cursor.AcceptSymbol(","));

            if (!_cursor.AtEnd)
            {
                throw new NotFollowedException($"'{_cursor.Peek()!.Value.Text}' in ALTER TABLE is not known");
            }
        }

        /// <returns>The table as it is after the action (a rename replaces it).</returns>
        private DbTable AlterTableAction(DbTable table)
        {
            if (_cursor.Accept("add"))
            {
                if (IsTableConstraint())
                {
                    TableConstraint(table);
                    return table;
                }

                _cursor.Accept("column");
                var ifNotExists = _cursor.Accept("if", "not", "exists");
                AddColumn(table, ifNotExists);
                ApplyPendingNotNull();
                return table;
            }

            if (_cursor.Accept("drop", "constraint"))
            {
                var ifExists = _cursor.Accept("if", "exists");
                var name = _cursor.Identifier();
                var cascade = DropBehaviour();
                DropConstraint(table, name, ifExists, cascade);
                return table;
            }

            if (_cursor.Accept("drop"))
            {
                _cursor.Accept("column");
                var ifExists = _cursor.Accept("if", "exists");
                var name = _cursor.Identifier();
                var cascade = DropBehaviour();
                DropColumn(table, name, ifExists, cascade);
                return table;
            }

            if (_cursor.Accept("alter", "constraint"))
            {
                _cursor.Identifier();
                while (SkipDeferrable())
                {
                }

                return table;
            }

            if (_cursor.Accept("alter"))
            {
                _cursor.Accept("column");
                AlterColumn(table, _cursor.Identifier());
                return table;
            }

            if (_cursor.Accept("rename", "constraint"))
            {
                var from = _cursor.Identifier();
                _cursor.Expect("to");
                RenameConstraint(table, from, _cursor.Identifier());
                return table;
            }

            if (_cursor.Accept("rename", "to"))
            {
                return MoveTable(table, table.Schema, _cursor.Identifier());
            }

            if (_cursor.Accept("rename"))
            {
                _cursor.Accept("column");
                var from = _cursor.Identifier();
                _cursor.Expect("to");
                RenameColumn(table, from, _cursor.Identifier());
                return table;
            }

            if (_cursor.Accept("set", "schema"))
            {
                return MoveTable(table, _cursor.Identifier(), table.Name);
            }

            if (_cursor.Accept("validate", "constraint") || _cursor.Accept("owner", "to") || _cursor.Accept("cluster", "on")
                || _cursor.Accept("set", "tablespace") || _cursor.Accept("set", "access", "method"))
            {
                _cursor.Identifier();
                return table;
            }

            if (_cursor.Accept("enable") || _cursor.Accept("disable"))
            {
                _cursor.SkipUntil(t => t.IsSymbol(","));
                return table;
            }

            if (_cursor.Accept("force", "row", "level", "security") || _cursor.Accept("no", "force", "row", "level", "security")
                || _cursor.Accept("set", "without", "cluster") || _cursor.Accept("set", "without", "oids")
                || _cursor.Accept("set", "logged") || _cursor.Accept("set", "unlogged"))
            {
                return table;
            }

            if (_cursor.Accept("set") || _cursor.Accept("reset"))
            {
                _cursor.SkipGroup(); // storage parameters
                return table;
            }

            if (_cursor.Accept("replica", "identity"))
            {
                _cursor.SkipUntil(t => t.IsSymbol(","));
                return table;
            }

            if (_cursor.Accept("attach", "partition") || _cursor.Accept("detach", "partition"))
            {
                _cursor.SkipUntil(t => t.IsSymbol(","));
                return table;
            }

            throw new NotFollowedException($"ALTER TABLE … {_cursor.Peek()?.Text.ToUpperInvariant()} is not followed");
        }

        private bool DropBehaviour()
        {
            if (_cursor.Accept("cascade"))
            {
                return true;
            }

            _cursor.Accept("restrict");
            return false;
        }

        private void ApplyPendingNotNull()
        {
            foreach (var (table, column) in _pendingNotNull)
            {
                if (table.Columns.TryGetValue(column, out var existing))
                {
                    table.Columns[column] = existing with { IsNullable = false };
                }
                else
                {
                    throw new NotFollowedException($"the primary key names column {column}, which {table.QualifiedName} does not have");
                }
            }

            _pendingNotNull.Clear();
        }

        private void AlterColumn(DbTable table, string name)
        {
            var column = table.Columns.GetValueOrDefault(name)
                ?? throw new NotFollowedException($"column {table.QualifiedName}.{name} does not exist here");
            var key = DdlReplay.Key(table.QualifiedName, name);
            if (_cursor.Accept("set", "data", "type") || _cursor.Accept("type"))
            {
                var type = SqlColumnValues.ReadType(_cursor, _model);
                if (_cursor.Accept("collate"))
                {
                    _cursor.QualifiedName();
                }

                if (_cursor.Accept("using"))
                {
                    _cursor.SkipUntil(t => t.IsSymbol(","));
                }

                var @default = type.IsSerial ? "autoincrement()" : column.Default;
                if (!type.IsSerial && column.Default is not null && (column.Type != type.Type || column.IsArray != type.IsArray))
                {
                    // PostgreSQL keeps the default, cast to the new type: its canonical form may change with it.
                    replay.ImpreciseDefaults.Add(key);
                }

                table.Columns[name] = column with { Type = type.Type, IsArray = type.IsArray, Default = @default };
            }
            else if (_cursor.Accept("set", "default"))
            {
                var type = new SqlColumnType(column.Type, column.IsArray, false);
                table.Columns[name] = column with { Default = ReadDefault(type, t => t.IsSymbol(",")) };
                replay.ImpreciseDefaults.Remove(key);
            }
            else if (_cursor.Accept("drop", "default"))
            {
                table.Columns[name] = column with { Default = null };
                replay.ImpreciseDefaults.Remove(key);
            }
            else if (_cursor.Accept("set", "not", "null"))
            {
                table.Columns[name] = column with { IsNullable = false };
            }
            else if (_cursor.Accept("drop", "not", "null"))
            {
                if (table.PrimaryKey is { } pk && pk.Columns.Split(", ").Contains(name))
                {
                    throw new NotFollowedException($"column {name} is in the primary key, PostgreSQL keeps it NOT NULL");
                }

                table.Columns[name] = column with { IsNullable = true };
            }
            else if (_cursor.Accept("add", "generated"))
            {
                Generated(column.IsNullable);
                table.Columns[name] = column with { IsNullable = false, Default = SqlColumnValues.IdentityDefault };
                replay.ImpreciseDefaults.Add(key);
            }
            else if (_cursor.Accept("drop", "identity"))
            {
                _cursor.Accept("if", "exists");
                if (column.Default == SqlColumnValues.IdentityDefault)
                {
                    table.Columns[name] = column with { Default = null };
                }
            }
            else if (_cursor.Accept("drop", "expression"))
            {
                _cursor.Accept("if", "exists");
            }
            else if (_cursor.Accept("set", "statistics") || _cursor.Accept("set", "storage") || _cursor.Accept("set", "compression"))
            {
                _cursor.Next();
            }
            else if ((_cursor.Accept("set") || _cursor.Accept("reset")) && _cursor.PeekSymbol("("))
            {
                _cursor.SkipGroup();
            }
            else
            {
                throw new NotFollowedException($"ALTER COLUMN … {_cursor.Peek()?.Text.ToUpperInvariant()} is not followed");
            }
        }

        private void DropColumn(DbTable table, string name, bool ifExists, bool cascade)
        {
            if (!table.Columns.Remove(name))
            {
                if (ifExists)
                {
                    return;
                }

                throw new NotFollowedException($"column {table.QualifiedName}.{name} does not exist here");
            }

            // PostgreSQL drops the indexes and constraints on the column with it; a foreign key elsewhere that
            // depends on one of its unique indexes goes only with CASCADE.
            foreach (var index in table.Indexes.Values.Where(i => Columns(i.Definition).Contains(name)).ToList())
            {
                table.Indexes.Remove(index.Name);
            }

            if (table.PrimaryKey is { } pk && pk.Columns.Split(", ").Contains(name))
            {
                table.PrimaryKey = null;
            }

            foreach (var fk in table.ForeignKeys.Values.Where(f => f.Columns.Split(", ").Contains(name)).ToList())
            {
                table.ForeignKeys.Remove(fk.Name);
            }

            DropReferences(t => t == table.QualifiedName, name, cascade);
        }

        private void DropReferences(Func<string, bool> referenced, string? column, bool cascade)
        {
            foreach (var other in _model.Tables.Values)
            {
                foreach (var fk in other.ForeignKeys.Values.Where(f => referenced(f.ReferencedTable) && (column is null || f.ReferencedColumns.Split(", ").Contains(column))).ToList())
                {
                    if (!cascade)
                    {
                        throw new NotFollowedException($"foreign key {fk.Name} depends on it, so PostgreSQL would refuse without CASCADE");
                    }

                    other.ForeignKeys.Remove(fk.Name);
                }
            }
        }

        private void DropConstraint(DbTable table, string name, bool ifExists, bool cascade)
        {
            if (table.PrimaryKey is { } pk && pk.Name == name)
            {
                // Foreign keys that reference the key's columns depend on its index: they go only with CASCADE.
                foreach (var other in _model.Tables.Values)
                {
                    foreach (var fk in other.ForeignKeys.Values.Where(f => f.ReferencedTable == table.QualifiedName && f.ReferencedColumns == pk.Columns).ToList())
                    {
                        if (!cascade)
                        {
                            throw new NotFollowedException($"foreign key {fk.Name} depends on {name}, so PostgreSQL would refuse without CASCADE");
                        }

                        other.ForeignKeys.Remove(fk.Name);
                    }
                }

                table.PrimaryKey = null;
            }
            else if (table.ForeignKeys.Remove(name))
            {
            }
            else if (table.Indexes.TryGetValue(name, out var index) && index.IsUnique)
            {
                table.Indexes.Remove(name);
            }
            else if (!replay.CheckConstraints.Remove(DdlReplay.Key(table.QualifiedName, name)) && !ifExists)
            {
                // A check constraint the history made is not modelled; another name means the model is off.
                throw new NotFollowedException($"constraint {name} on {table.QualifiedName} is not known here");
            }
        }

        private void RenameConstraint(DbTable table, string from, string to)
        {
            if (table.PrimaryKey?.Name == from)
            {
                table.PrimaryKey = table.PrimaryKey with { Name = to };
            }
            else if (table.ForeignKeys.Remove(from, out var fk))
            {
                table.ForeignKeys[to] = fk with { Name = to };
            }
            else if (table.Indexes.Remove(from, out var index))
            {
                table.Indexes[to] = index with { Name = to };
                MoveImprecise(table.QualifiedName, from, table.QualifiedName, to);
            }
            else
            {
                throw new NotFollowedException($"constraint {from} on {table.QualifiedName} is not known here");
            }
        }

        private void MoveImprecise(string fromTable, string from, string toTable, string to)
        {
            if (replay.ImpreciseIndexes.Remove(DdlReplay.Key(fromTable, from)))
            {
                replay.ImpreciseIndexes.Add(DdlReplay.Key(toTable, to));
            }
        }

        private void RenameColumn(DbTable table, string from, string to)
        {
            var column = table.Columns.GetValueOrDefault(from) ?? throw new NotFollowedException($"column {table.QualifiedName}.{from} does not exist here");
            if (table.Columns.ContainsKey(to))
            {
                throw new NotFollowedException($"column {table.QualifiedName}.{to} exists already here");
            }

            table.Columns.Remove(from);
            table.Columns[to] = column with { Name = to };
            foreach (var index in table.Indexes.Values.ToList())
            {
                table.Indexes[index.Name] = index with { Definition = RenameInDefinition(index.Definition, from, to) };
            }

            if (table.PrimaryKey is { } pk)
            {
                table.PrimaryKey = pk with { Columns = RenameInList(pk.Columns, from, to) };
            }

            foreach (var fk in table.ForeignKeys.Values.ToList())
            {
                table.ForeignKeys[fk.Name] = fk with { Columns = RenameInList(fk.Columns, from, to) };
            }

            foreach (var other in _model.Tables.Values)
            {
                foreach (var fk in other.ForeignKeys.Values.Where(f => f.ReferencedTable == table.QualifiedName).ToList())
                {
                    other.ForeignKeys[fk.Name] = fk with { ReferencedColumns = RenameInList(fk.ReferencedColumns, from, to) };
                }
            }

            if (replay.ImpreciseDefaults.Remove(DdlReplay.Key(table.QualifiedName, from)))
            {
                replay.ImpreciseDefaults.Add(DdlReplay.Key(table.QualifiedName, to));
            }
        }

        private DbTable MoveTable(DbTable table, string schema, string name)
        {
            var key = DatabaseModel.Qualify(schema, name);
            if (_model.Tables.ContainsKey(key))
            {
                throw new NotFollowedException($"table {key} exists already here");
            }

            var moved = table.CopyAs(schema, name);
            _model.Tables.Remove(table.QualifiedName);
            _model.Tables[key] = moved;
            foreach (var other in _model.Tables.Values)
            {
                foreach (var fk in other.ForeignKeys.Values.Where(f => f.ReferencedTable == table.QualifiedName).ToList())
                {
                    other.ForeignKeys[fk.Name] = fk with { ReferencedTable = key };
                }
            }

            foreach (var set in new[] { replay.ImpreciseIndexes, replay.ImpreciseDefaults })
            {
                foreach (var entry in set.Where(e => e.StartsWith(table.QualifiedName + "|", StringComparison.Ordinal)).ToList())
                {
                    set.Remove(entry);
                    set.Add(key + entry[table.QualifiedName.Length..]);
                }
            }

            return moved;
        }

        private void AlterIndex()
        {
            if (_cursor.PeekWord("all"))
            {
                return;
            }

            var ifExists = _cursor.Accept("if", "exists");
            var (schemaName, name) = _cursor.QualifiedName();
            if (!_cursor.Accept("rename", "to"))
            {
                if (_cursor.PeekWord("set") && _cursor.PeekWord("schema", 1))
                {
                    throw new NotFollowedException("moving an index to another schema is not followed");
                }

                return; // SET (…), SET TABLESPACE, ALTER COLUMN … SET STATISTICS, ATTACH PARTITION: nothing modelled
            }

            var to = _cursor.Identifier();
            var schema = schemaName ?? "public";
            var table = IndexOwner(schema, name);
            if (table is null)
            {
                if (ifExists)
                {
                    return;
                }

                throw new NotFollowedException($"index {name} does not exist here");
            }

            if (IndexOwner(schema, to) is not null)
            {
                throw new NotFollowedException($"an index named {to} exists already here");
            }

            if (table.PrimaryKey?.Name == name)
            {
                table.PrimaryKey = table.PrimaryKey with { Name = to };
                return;
            }

            table.Indexes.Remove(name, out var index);
            table.Indexes[to] = index! with { Name = to };
            MoveImprecise(table.QualifiedName, name, table.QualifiedName, to);
        }

        private void AlterType()
        {
            var (schemaName, name) = _cursor.QualifiedName();
            var schema = schemaName ?? "public";
            var key = DatabaseModel.Qualify(schema, name);
            if (!_model.Enums.TryGetValue(key, out var @enum))
            {
                if (_cursor.PeekWord("add") && _cursor.PeekWord("value", 1) || _cursor.PeekWord("rename"))
                {
                    throw new NotFollowedException($"type {key} is not an enum known here");
                }

                return; // a composite or base type: not modelled
            }

            if (_cursor.Accept("add", "value"))
            {
                var ifNotExists = _cursor.Accept("if", "not", "exists");
                var value = _cursor.Next();
                if (value.Kind != SqlTokenKind.String)
                {
                    throw new NotFollowedException("ADD VALUE without a string");
                }

                if (@enum.Values.Contains(value.Text))
                {
                    if (ifNotExists)
                    {
                        return;
                    }

                    throw new NotFollowedException($"enum {key} has value '{value.Text}' already here");
                }

                // BEFORE/AFTER only orders the value; Prisma's differ does not compare the order.
                _model.Enums[key] = @enum with { Values = [.. @enum.Values, value.Text] };
            }
            else if (_cursor.Accept("rename", "value"))
            {
                var from = _cursor.Next().Text;
                _cursor.Expect("to");
                var to = _cursor.Next().Text;
                if (!@enum.Values.Contains(from))
                {
                    throw new NotFollowedException($"enum {key} has no value '{from}' here");
                }

                _model.Enums[key] = @enum with { Values = [.. @enum.Values.Select(v => v == from ? to : v)] };
                var typeName = $"enum {schema}.{name}";
                foreach (var table in _model.Tables.Values)
                {
                    foreach (var column in table.Columns.Values.Where(c => c.Type == typeName && c.Default is not null).ToList())
                    {
                        table.Columns[column.Name] = column with { Default = column.Default!.Replace("'" + from + "'", "'" + to + "'", StringComparison.Ordinal) };
                    }
                }
            }
            else if (_cursor.Accept("rename", "to"))
            {
                MoveEnum(@enum, schema, _cursor.Identifier());
            }
            else if (_cursor.Accept("set", "schema"))
            {
                MoveEnum(@enum, _cursor.Identifier(), name);
            }
            else if (!_cursor.Accept("owner", "to"))
            {
                throw new NotFollowedException($"ALTER TYPE … {_cursor.Peek()?.Text.ToUpperInvariant()} is not followed");
            }
        }

        private void MoveEnum(DbEnum @enum, string schema, string name)
        {
            var key = DatabaseModel.Qualify(schema, name);
            if (_model.Enums.ContainsKey(key))
            {
                throw new NotFollowedException($"type {key} exists already here");
            }

            _model.Enums.Remove(@enum.QualifiedName);
            _model.Enums[key] = @enum with { Schema = schema, Name = name };
            var from = $"enum {@enum.Schema}.{@enum.Name}";
            var to = $"enum {schema}.{name}";
            foreach (var table in _model.Tables.Values)
            {
                foreach (var column in table.Columns.Values.Where(c => c.Type == from).ToList())
                {
                    table.Columns[column.Name] = column with { Type = to };
                }
            }
        }

        // ---- DROP ----

        private void Drop()
        {
            var kind = _cursor.Next();
            switch (kind.Text)
            {
                case "table":
                    DropEach((schema, name, ifExists, cascade) =>
                    {
                        var table = Table((schema, name), ifExists);
                        if (table is not null)
                        {
                            _model.Tables.Remove(table.QualifiedName);
                            DropReferences(t => t == table.QualifiedName, null, cascade);
                        }
                    });
                    return;
                case "index":
                    _cursor.Accept("concurrently");
                    DropEach((schema, name, ifExists, _) =>
                    {
                        var table = IndexOwner(schema ?? "public", name);
                        if (table is null || table.PrimaryKey?.Name == name)
                        {
                            if (!ifExists)
                            {
                                throw new NotFollowedException($"index {name} does not exist here");
                            }

                            return;
                        }

                        table.Indexes.Remove(name);
                    });
                    return;
                case "type":
                    DropEach((schema, name, ifExists, cascade) => DropType(DatabaseModel.Qualify(schema ?? "public", name), ifExists, cascade));
                    return;
                case "extension":
                    DropEach((_, name, ifExists, _) =>
                    {
                        if (!_model.Extensions.Remove(name) && !ifExists)
                        {
                            throw new NotFollowedException($"extension {name} is not known here");
                        }
                    });
                    return;
                case "schema":
                    DropEach((_, name, _, cascade) =>
                    {
                        if (_model.Tables.Values.Any(t => t.Schema == name) || _model.Enums.Values.Any(e => e.Schema == name))
                        {
                            if (!cascade)
                            {
                                throw new NotFollowedException($"schema {name} is not empty, so PostgreSQL would refuse without CASCADE");
                            }

                            foreach (var table in _model.Tables.Values.Where(t => t.Schema == name).ToList())
                            {
                                _model.Tables.Remove(table.QualifiedName);
                                DropReferences(t => t == table.QualifiedName, null, true);
                            }

                            foreach (var @enum in _model.Enums.Values.Where(e => e.Schema == name).ToList())
                            {
                                DropType(@enum.QualifiedName, false, true);
                            }
                        }
                    });
                    return;
                case "owned":
                    throw new NotFollowedException("DROP OWNED drops objects not visible here");
                case "sequence" or "domain" when statement.Tokens[^1].IsWord("cascade"):
                    throw new NotFollowedException($"DROP {kind.Text.ToUpperInvariant()} … CASCADE drops the defaults or columns that use it");
                default:
                    if (kind.Kind == SqlTokenKind.Word && UnmodelledObjects.Contains(kind.Text))
                    {
                        return;
                    }

                    throw new NotFollowedException($"DROP {kind.Text.ToUpperInvariant()} is not known");
            }
        }

        private void DropType(string key, bool ifExists, bool cascade)
        {
            if (!_model.Enums.Remove(key, out var @enum))
            {
                if (!ifExists)
                {
                    throw new NotFollowedException($"type {key} is not an enum known here");
                }

                return;
            }

            var typeName = $"enum {@enum.Schema}.{@enum.Name}";
            foreach (var table in _model.Tables.Values)
            {
                foreach (var column in table.Columns.Values.Where(c => c.Type == typeName).ToList())
                {
                    if (!cascade)
                    {
                        throw new NotFollowedException($"column {table.QualifiedName}.{column.Name} uses type {key}, so PostgreSQL would refuse without CASCADE");
                    }

                    DropColumn(table, column.Name, false, true);
                }
            }
        }

        private void DropEach(Action<string?, string, bool, bool> drop)
        {
            var ifExists = _cursor.Accept("if", "exists");
            var names = new List<(string? Schema, string Name)>();
            do
            {
                names.Add(_cursor.QualifiedName());
            }
            while (_cursor.AcceptSymbol(","));

            var cascade = DropBehaviour();
            if (!_cursor.AtEnd)
            {
                throw new NotFollowedException($"'{_cursor.Peek()!.Value.Text}' in DROP is not known");
            }

            foreach (var (schema, name) in names)
            {
                drop(schema, name, ifExists, cascade);
            }
        }

        private DbTable? Table((string? Schema, string Name) name, bool ifExists)
        {
            var key = DatabaseModel.Qualify(name.Schema ?? "public", name.Name);
            if (_model.Tables.TryGetValue(key, out var table))
            {
                return table;
            }

            return ifExists ? null : throw new NotFollowedException($"table {key} does not exist here");
        }

        /// <summary>The column names of an index definition such as <c>btree (a, b DESC)</c>.</summary>
        private static IEnumerable<string> Columns(string definition) =>
            Inner(definition).Split(", ").Select(p => p.Split(' ', '(')[0]);

        private static string Inner(string definition)
        {
            var open = definition.IndexOf('(', StringComparison.Ordinal);
            var close = definition.LastIndexOf(')');
            return open < 0 || close < open ? string.Empty : definition[(open + 1)..close];
        }

        private static string RenameInDefinition(string definition, string from, string to)
        {
            var open = definition.IndexOf('(', StringComparison.Ordinal);
            var close = definition.LastIndexOf(')');
            return open < 0 || close < open
                ? definition
                : definition[..(open + 1)] + RenameInList(definition[(open + 1)..close], from, to) + definition[close..];
        }

        private static string RenameInList(string list, string from, string to) =>
            string.Join(", ", list.Split(", ").Select(part =>
                part == from ? to
                : part.StartsWith(from + " ", StringComparison.Ordinal) || part.StartsWith(from + "(", StringComparison.Ordinal) ? to + part[from.Length..]
                : part));
    }
}
