using DriftHooks.Core.Catalog;
using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.DataRisks;

/// <summary>
/// The walk itself (see <see cref="DataRiskWalk"/>): one statement at a time, what the push does to each table so far
/// (<see cref="TableState"/>), and the questions and unchecked statements it collects. This part knows tables (created,
/// dropped, renamed, their rows changed) and dispatches each statement; its other parts know columns
/// (<c>DataRiskWalker.Columns.cs</c>), type changes (<c>.Types.cs</c>), constraints and unique indexes
/// (<c>.Constraints.cs</c>) and backfills (<c>.Backfills.cs</c>).
/// </summary>
internal sealed partial class DataRiskWalker(DatabaseCatalog catalog, string defaultSchema, bool inputValidity, bool assumeFilled)
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

    public void Run(IEnumerable<(string Migration, SqlScript Script)> pending)
    {
        foreach (var (migration, script) in pending)
        {
            _migration = migration;
            _script = script.Text;
            foreach (var statement in script.Statements)
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

                DdlInterpreter.Apply(_replay, migration, statement, _script, _ddlFunctions);
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

    void Ask(DataRiskKind kind, TableState table, IReadOnlyList<string> columns, string what, string sql, string? listing = null) =>
        Questions.Add(new DataQuestion(
            kind, _migration, _statement.Line, Display(table, table.ProductionName!), columns, what, sql, listing, (table.ProductionSchema!, table.ProductionName!)));

    void CannotTell(string what, string why) => Unchecked.Add(new DataUnchecked(_migration, _statement.Line, what, why));

    /// <summary>Why the rows of <paramref name="table"/> cannot be known here, or null when they can.</summary>
    string? Unknowable(TableState table) =>
        table.DataChangedAt is { } at ? $"the push changes its rows before ({at})"
        : _anythingChangedAt is { } any ? $"an earlier statement may change any table ({any})"
        : null;

    /// <summary>The table holds no row at this point of the push: created by it and not filled since.</summary>
    static bool EmptyHere(TableState table) => table.Created && table.DataChangedAt is null;

    /// <summary>
    /// Whether production is to be asked about <paramref name="table"/>'s rows for <paramref name="what"/>: not when the
    /// table is empty at this point (no row can be in the way), nor when its rows cannot be known (recorded as unchecked).
    /// </summary>
    bool RowsToAsk(TableState table, string what)
    {
        if (EmptyHere(table))
        {
            return false;
        }

        if (Unknowable(table) is { } why)
        {
            CannotTell(what, why);
            return false;
        }

        return true;
    }

    /// <summary>The states of <paramref name="columns"/>; null, recorded as unchecked, when one is not known here.</summary>
    List<ColumnState>? KnownColumns(TableState table, IEnumerable<string> columns, string what)
    {
        var states = new List<ColumnState>();
        foreach (var name in columns)
        {
            if (Column(table, name) is not { } column)
            {
                CannotTell(what, $"column {name} is not known here");
                return null;
            }

            states.Add(column);
        }

        return states;
    }

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
                Ask(DataRiskKind.DataLoss, table, [], $"drops the table {name.Name}", Count(table.Quoted, null));
            }

            _tables[key] = null;
        }
        while (_cursor.AcceptSymbol(","));
    }

    static string Count(string from, string? where) =>
        $"SELECT count(*) FROM (SELECT 1 FROM {from}{(where is null ? "" : " WHERE " + where)} LIMIT {DataRiskWalk.Cap + 1}) AS in_the_way";

    static string Quote(string name) => "\"" + name + "\"";

    static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
