using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Prisma.Ddl;

internal static partial class DdlInterpreter
{
    // Enum types: CREATE/ALTER/DROP TYPE and the columns that use them.
    private sealed partial class Reader
    {
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

        private void AlterType()
        {
            var (schemaName, name) = _cursor.QualifiedName();
            var schema = schemaName ?? "public";
            var key = DatabaseModel.Qualify(schema, name);
            if (!_model.Enums.TryGetValue(key, out var @enum))
            {
                if (_cursor.PeekWord("add") && _cursor.PeekWord("value", 1) || _cursor.PeekWord("rename"))
                {
                    Missing = $"type {key} is not an enum known here";
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

        private void DropType(string key, bool ifExists, bool cascade)
        {
            if (!_model.Enums.Remove(key, out var @enum))
            {
                if (!ifExists)
                {
                    Missing = $"type {key} is not an enum known here";
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
    }
}
