using System.Text.RegularExpressions;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;

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
        ArgumentNullException.ThrowIfNull(migrations);
        return Replay(start, migrations.Select(m => (m.Migration, new SqlScript(m.Script))));
    }

    public static DdlReplay Replay(DatabaseModel start, IEnumerable<(string Migration, SqlScript Script)> migrations)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(migrations);
        var replay = new DdlReplay(start.Clone());
        var ddlFunctions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (migration, script) in migrations)
        {
            foreach (var statement in script.Statements)
            {
                Apply(replay, migration, statement, script.Text, ddlFunctions);
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
            var reader = new Reader(replay, statement, script, ddlFunctions);
            reader.Execute();
            if (reader.Missing is { } reason)
            {
                replay.Unfollowed.Add(new UnfollowedStatement(migration, statement.Line, statement.Text, reason));
            }
        }
        catch (NotFollowedException e)
        {
            replay.Unfollowed.Add(new UnfollowedStatement(migration, statement.Line, statement.Text, e.Message));
        }
    }

    [GeneratedRegex(@"\b(alter|create|drop|rename|execute|truncate)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DdlWords();

    // One statement read around one cursor; what each statement family knows lives beside this file:
    // DdlInterpreter.Tables (tables, columns), .Constraints (keys, checks), .Indexes, .Types (enums).
    private sealed partial class Reader(DdlReplay replay, SqlStatement statement, string script, HashSet<string> ddlFunctions)
    {
        private readonly SqlCursor _cursor = new(statement);
        private readonly DatabaseModel _model = replay.Model;

        /// <summary>
        /// Why the statement is not followed when it names a table, index or enum the model does not hold: said here,
        /// not thrown, and the reader returns at once, nothing changed. DH513's walk at commit replays each new
        /// migration from an empty model, so nearly every statement lands here, and a thrown exception (the stack
        /// unwound) cost more than the rest of the statement's replay.
        /// </summary>
        public string? Missing { get; private set; }

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
                    CreateTemporaryTable();
                    return;
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

        private bool DropBehaviour()
        {
            if (_cursor.Accept("cascade"))
            {
                return true;
            }

            _cursor.Accept("restrict");
            return false;
        }

        private void Drop()
        {
            var kind = _cursor.Next();
            switch (kind.Text)
            {
                case "table":
                    DropEach(DropTable);
                    return;
                case "index":
                    _cursor.Accept("concurrently");
                    DropEach(DropIndex);
                    return;
                case "type":
                    DropEach((schema, name, ifExists, cascade) => DropType(DatabaseModel.Qualify(schema ?? "public", name), ifExists, cascade));
                    return;
                case "extension":
                    DropEach(DropExtension);
                    return;
                case "schema":
                    DropEach(DropSchema);
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

        private void DropTable(string? schema, string name, bool ifExists, bool cascade)
        {
            if (IsTemporary((schema, name)))
            {
                replay.TemporaryTables.Remove(name);
                return;
            }

            var table = Table((schema, name), ifExists);
            if (table is not null)
            {
                _model.Tables.Remove(table.QualifiedName);
                DropReferences(t => t == table.QualifiedName, null, cascade);
            }
        }

        private void DropIndex(string? schema, string name, bool ifExists, bool cascade)
        {
            var table = IndexOwner(schema ?? "public", name);
            if (table is null || table.PrimaryKey?.Name == name)
            {
                if (!ifExists)
                {
                    Missing = $"index {name} does not exist here";
                }

                return;
            }

            table.Indexes.Remove(name);
        }

        private void DropExtension(string? schema, string name, bool ifExists, bool cascade)
        {
            if (!_model.Extensions.Remove(name) && !ifExists)
            {
                throw new NotFollowedException($"extension {name} is not known here");
            }
        }

        private void DropSchema(string? schema, string name, bool ifExists, bool cascade)
        {
            if (!_model.Tables.Values.Any(t => t.Schema == name) && !_model.Enums.Values.Any(e => e.Schema == name))
            {
                return;
            }

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
                if (Missing is not null)
                {
                    return;
                }
            }
        }

        private DbTable? Table((string? Schema, string Name) name, bool ifExists)
        {
            var key = DatabaseModel.Qualify(name.Schema ?? "public", name.Name);
            if (_model.Tables.TryGetValue(key, out var table))
            {
                return table;
            }

            if (!ifExists)
            {
                Missing = $"table {key} does not exist here";
            }

            return null;
        }
    }
}
