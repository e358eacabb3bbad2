using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Prisma.Ddl;

internal static partial class DdlInterpreter
{
    // CREATE/ALTER TABLE and their columns: what a table holds and how a statement changes it.
    private sealed partial class Reader
    {
        // Gone at the end of the session and never part of the schema, but named by later statements of the session
        // (langfuse's prices migration fills one, reads it and drops it): remembered so that those statements pass.
        private void CreateTemporaryTable()
        {
            _cursor.Accept("if", "not", "exists");
            replay.TemporaryTables.Add(_cursor.QualifiedName().Name);
        }

        // A temporary table hides a table of the same name for an unqualified name, as PostgreSQL's pg_temp comes first.
        private bool IsTemporary((string? Schema, string Name) name) =>
            name.Schema is null or "pg_temp" && replay.TemporaryTables.Contains(name.Name);

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

        private void AlterTable()
        {
            if (_cursor.PeekWord("all"))
            {
                return; // ALTER TABLE ALL IN TABLESPACE … SET TABLESPACE
            }

            var ifExists = _cursor.Accept("if", "exists");
            _cursor.Accept("only");
            var name = _cursor.QualifiedName();
            if (IsTemporary(name))
            {
                return;
            }

            var table = Table(name, ifExists);
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
                AddToTable(table);
            }
            else if (_cursor.Accept("drop"))
            {
                DropFromTable(table);
            }
            else if (_cursor.Accept("alter"))
            {
                AlterInTable(table);
            }
            else if (_cursor.Accept("rename"))
            {
                return RenameInTable(table);
            }
            else if (_cursor.Accept("set", "schema"))
            {
                return MoveTable(table, _cursor.Identifier(), table.Name);
            }
            else if (!SkipTableSetting())
            {
                throw new NotFollowedException($"ALTER TABLE … {_cursor.Peek()?.Text.ToUpperInvariant()} is not followed");
            }

            return table;
        }

        // ADD [CONSTRAINT …] or ADD [COLUMN] [IF NOT EXISTS] …
        private void AddToTable(DbTable table)
        {
            if (IsTableConstraint())
            {
                TableConstraint(table);
                return;
            }

            _cursor.Accept("column");
            var ifNotExists = _cursor.Accept("if", "not", "exists");
            AddColumn(table, ifNotExists);
            ApplyPendingNotNull();
        }

        // DROP CONSTRAINT … or DROP [COLUMN] …, each [IF EXISTS] name [CASCADE | RESTRICT].
        private void DropFromTable(DbTable table)
        {
            var constraint = _cursor.Accept("constraint");
            if (!constraint)
            {
                _cursor.Accept("column");
            }

            var ifExists = _cursor.Accept("if", "exists");
            var name = _cursor.Identifier();
            var cascade = DropBehaviour();
            if (constraint)
            {
                DropConstraint(table, name, ifExists, cascade);
            }
            else
            {
                DropColumn(table, name, ifExists, cascade);
            }
        }

        // ALTER CONSTRAINT … [NOT] DEFERRABLE … (nothing modelled) or ALTER [COLUMN] …
        private void AlterInTable(DbTable table)
        {
            if (_cursor.Accept("constraint"))
            {
                _cursor.Identifier();
                while (SkipDeferrable())
                {
                }

                return;
            }

            _cursor.Accept("column");
            AlterColumn(table, _cursor.Identifier());
        }

        // RENAME CONSTRAINT a TO b, RENAME TO t, or RENAME [COLUMN] a TO b.
        private DbTable RenameInTable(DbTable table)
        {
            if (_cursor.Accept("constraint"))
            {
                var constraint = _cursor.Identifier();
                _cursor.Expect("to");
                RenameConstraint(table, constraint, _cursor.Identifier());
                return table;
            }

            if (_cursor.Accept("to"))
            {
                return MoveTable(table, table.Schema, _cursor.Identifier());
            }

            _cursor.Accept("column");
            var from = _cursor.Identifier();
            _cursor.Expect("to");
            RenameColumn(table, from, _cursor.Identifier());
            return table;
        }

        // Ownership, storage, triggers, row security, replication and partitions: nothing the model holds.
        private bool SkipTableSetting()
        {
            if (_cursor.Accept("validate", "constraint") || _cursor.Accept("owner", "to") || _cursor.Accept("cluster", "on")
                || _cursor.Accept("set", "tablespace") || _cursor.Accept("set", "access", "method"))
            {
                _cursor.Identifier();
                return true;
            }

            if (_cursor.Accept("enable") || _cursor.Accept("disable") || _cursor.Accept("replica", "identity")
                || _cursor.Accept("attach", "partition") || _cursor.Accept("detach", "partition"))
            {
                _cursor.SkipUntil(t => t.IsSymbol(","));
                return true;
            }

            if (_cursor.Accept("force", "row", "level", "security") || _cursor.Accept("no", "force", "row", "level", "security")
                || _cursor.Accept("set", "without", "cluster") || _cursor.Accept("set", "without", "oids")
                || _cursor.Accept("set", "logged") || _cursor.Accept("set", "unlogged"))
            {
                return true;
            }

            if (_cursor.Accept("set") || _cursor.Accept("reset"))
            {
                _cursor.SkipGroup(); // storage parameters
                return true;
            }

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
                SetColumnType(table, name, column, key);
            }
            else if (!AlterDefault(table, name, column, key) && !AlterNullability(table, name, column) && !AlterIdentity(table, name, column, key) && !SkipColumnOption())
            {
                throw new NotFollowedException($"ALTER COLUMN … {_cursor.Peek()?.Text.ToUpperInvariant()} is not followed");
            }
        }

        /// <summary>ALTER COLUMN … TYPE: PostgreSQL keeps the default (cast to the new type), except a serial's own.</summary>
        private void SetColumnType(DbTable table, string name, DbColumn column, string key)
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

        /// <summary>SET DEFAULT or DROP DEFAULT; false (nothing read) for anything else.</summary>
        private bool AlterDefault(DbTable table, string name, DbColumn column, string key)
        {
            if (_cursor.Accept("set", "default"))
            {
                var type = new SqlColumnType(column.Type, column.IsArray, false);
                table.Columns[name] = column with { Default = ReadDefault(type, t => t.IsSymbol(",")) };
            }
            else if (_cursor.Accept("drop", "default"))
            {
                table.Columns[name] = column with { Default = null };
            }
            else
            {
                return false;
            }

            replay.ImpreciseDefaults.Remove(key);
            return true;
        }

        /// <summary>SET NOT NULL or DROP NOT NULL (which PostgreSQL refuses on a primary key's column); false for anything else.</summary>
        private bool AlterNullability(DbTable table, string name, DbColumn column)
        {
            if (_cursor.Accept("set", "not", "null"))
            {
                table.Columns[name] = column with { IsNullable = false };
                return true;
            }

            if (!_cursor.Accept("drop", "not", "null"))
            {
                return false;
            }

            if (table.PrimaryKey is { } pk && pk.Columns.Split(", ").Contains(name))
            {
                throw new NotFollowedException($"column {name} is in the primary key, PostgreSQL keeps it NOT NULL");
            }

            table.Columns[name] = column with { IsNullable = true };
            return true;
        }

        /// <summary>ADD GENERATED … AS IDENTITY, DROP IDENTITY, DROP EXPRESSION; false for anything else.</summary>
        private bool AlterIdentity(DbTable table, string name, DbColumn column, string key)
        {
            if (_cursor.Accept("add", "generated"))
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
            else
            {
                return false;
            }

            return true;
        }

        /// <summary>What the model does not hold (statistics, storage, compression, attribute options), read past; false for anything else.</summary>
        private bool SkipColumnOption()
        {
            if (_cursor.Accept("set", "statistics") || _cursor.Accept("set", "storage") || _cursor.Accept("set", "compression"))
            {
                _cursor.Next();
                return true;
            }

            if ((_cursor.Accept("set") || _cursor.Accept("reset")) && _cursor.PeekSymbol("("))
            {
                _cursor.SkipGroup();
                return true;
            }

            return false;
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
    }
}
