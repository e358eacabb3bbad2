using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Prisma.Ddl;

internal static partial class DdlInterpreter
{
    // Indexes: CREATE INDEX, unique constraints' indexes, ALTER/DROP INDEX, and index definitions as the model writes them.
    private sealed partial class Reader
    {
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
            var owner = _cursor.QualifiedName();
            if (IsTemporary(owner))
            {
                return;
            }

            if (Table(owner, ifExists: false) is not { } table)
            {
                return;
            }

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
                if (!ifExists)
                {
                    Missing = $"index {name} does not exist here";
                }

                return;
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

        private void MoveImprecise(string fromTable, string from, string toTable, string to)
        {
            if (replay.ImpreciseIndexes.Remove(DdlReplay.Key(fromTable, from)))
            {
                replay.ImpreciseIndexes.Add(DdlReplay.Key(toTable, to));
            }
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
