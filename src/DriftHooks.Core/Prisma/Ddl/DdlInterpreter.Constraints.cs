using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Prisma.Ddl;

internal static partial class DdlInterpreter
{
    // Primary keys, foreign keys, unique and check constraints: declared in a table or added, dropped, renamed later.
    private sealed partial class Reader
    {
        private void TableConstraint(DbTable table)
        {
            string? name = null;
            if (_cursor.Accept("constraint"))
            {
                name = _cursor.Identifier();
            }

            if (_cursor.Accept("primary", "key", "using", "index"))
            {
                var index = ConstraintIndex(table);
                SetPrimaryKey(table, name ?? index.Name, [.. Columns(index.Definition)]);
            }
            else if (_cursor.Accept("unique", "using", "index"))
            {
                var index = ConstraintIndex(table);
                AddIndex(table, name ?? index.Name, true, index.Definition, replay.ImpreciseIndexes.Remove(DdlReplay.Key(table.QualifiedName, index.Name)));
            }
            else if (_cursor.Accept("primary", "key"))
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

        // ADD PRIMARY KEY / UNIQUE USING INDEX: the unique index becomes the constraint's, renamed to the constraint's name.
        private DbIndex ConstraintIndex(DbTable table)
        {
            var name = _cursor.Identifier();
            if (!table.Indexes.Remove(name, out var index) || !index.IsUnique)
            {
                throw new NotFollowedException($"unique index {name} does not exist here on {table.QualifiedName}");
            }

            return index;
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

        private bool SkipDeferrable() =>
            _cursor.Accept("not", "deferrable") || _cursor.Accept("deferrable")
            || _cursor.Accept("initially", "deferred") || _cursor.Accept("initially", "immediate")
            || _cursor.Accept("not", "valid") || _cursor.Accept("no", "inherit");

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

        // PostgreSQL's name for an unnamed constraint or index; a long one it shortens its own way, which is not modelled.
        private static string GeneratedName(string table, IReadOnlyList<string> columns, string suffix)
        {
            var name = columns.Count == 0 ? $"{table}_{suffix}" : $"{table}_{string.Join("_", columns)}_{suffix}";
            return System.Text.Encoding.UTF8.GetByteCount(name) <= MaxIdentifierLength
                ? name
                : throw new NotFollowedException($"PostgreSQL shortens the generated name {name} in a way DriftHooks does not follow");
        }
    }
}
