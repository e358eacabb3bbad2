using System.Globalization;
using System.Text;

namespace DriftHooks.Core.Prisma.Schema;

/// <summary>
/// Turns a parsed schema into <see cref="DatabaseModel"/>: the tables, columns, keys, indexes, foreign keys,
/// enums and extensions that Prisma Migrate would create on PostgreSQL, named the way Prisma names them.
/// Rules were checked against <c>prisma migrate diff</c> (Prisma 6.19): views are not migrated, <c>@ignore</c>
/// and <c>@@ignore</c> still keep their columns and tables, composite types are refused on PostgreSQL.
/// </summary>
internal static class DatabaseModelBuilder
{
    // PostgreSQL truncates identifiers to 63 bytes; Prisma shortens its generated names to fit.
    private const int MaxIdentifierLength = 63;

    private static readonly HashSet<string> ScalarTypes =
        ["String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes", "Unsupported"];

    private static readonly HashSet<string> ClientSideDefaults = ["uuid", "cuid", "nanoid", "ulid", "auto"];

    public static DatabaseModel Build(PrismaSchema schema) => Build(schema, anyProvider: false);

    /// <param name="anyProvider">
    /// Model a schema of another provider as if it were PostgreSQL's: good only to tell whether two schemas of that
    /// provider differ in what they would make (tables, columns, keys), never to compare with SQL.
    /// </param>
    public static DatabaseModel Build(PrismaSchema schema, bool anyProvider)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new Builder(schema, anyProvider).Build();
    }

    private sealed record ModelInfo(PrismaBlock Block, string Schema, string Table)
    {
        public Dictionary<string, PrismaField> Fields { get; } = Block.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

        public string QualifiedTable => DatabaseModel.Qualify(Schema, Table);

        public static string Column(PrismaField field) =>
            field.Attribute("map")?.Argument("name", 0)?.Text ?? field.Name;
    }

    private sealed record EnumInfo(string Schema, string Name, Dictionary<string, string> Values)
    {
        public string TypeName => $"enum {Schema}.{Name}";
    }

    private sealed class Builder(PrismaSchema schema, bool anyProvider)
    {
        private readonly Dictionary<string, ModelInfo> _models = new(StringComparer.Ordinal);
        private readonly Dictionary<string, EnumInfo> _enums = new(StringComparer.Ordinal);
        private readonly HashSet<string> _views = new(StringComparer.Ordinal);
        private readonly DatabaseModel _model = new();
        private bool _foreignKeys = true;

        // Native type attributes are prefixed with the datasource's name: @db.VarChar for `datasource db`.
        private string _nativePrefix = "db.";

        public DatabaseModel Build()
        {
            ReadDatasource();
            Declare();
            foreach (var model in _models.Values)
            {
                AddTable(model);
            }

            foreach (var model in _models.Values)
            {
                AddRelations(model);
            }

            return _model;
        }

        private void ReadDatasource()
        {
            foreach (var block in schema.Blocks.Where(b => b.Kind == PrismaBlockKind.Datasource))
            {
                if (block.Property("provider") is { Kind: PrismaValueKind.String } provider
                    && provider.Text is not ("postgresql" or "postgres") && !anyProvider)
                {
                    throw SchemaParseException.NotPostgres(block.Path, block.Line, provider.Text, $"expected provider \"postgresql\" in datasource `{block.Name}`, found \"{provider.Text}\" (only PostgreSQL schemas are modelled)");
                }

                _nativePrefix = block.Name + ".";

                // relationMode = "prisma" (formerly referentialIntegrity) emulates relations: no foreign keys at all.
                var mode = block.Property("relationMode") ?? block.Property("referentialIntegrity");
                _foreignKeys = mode?.Text != "prisma";
                if (block.Property("extensions") is { Kind: PrismaValueKind.Array } extensions)
                {
                    foreach (var extension in extensions.Items)
                    {
                        var args = extension.Arguments;
                        var name = args.FirstOrDefault(a => a.Name == "map")?.Value.Text ?? extension.Text;
                        var rest = new StringBuilder();
                        PrismaArgument.RenderAll(rest, [.. args.Where(a => a.Name != "map").OrderBy(a => a.Name, StringComparer.Ordinal)]);
                        _model.Extensions[name] = rest.ToString();
                    }
                }
            }
        }

        private void Declare()
        {
            var names = new Dictionary<string, PrismaBlock>(StringComparer.Ordinal);
            foreach (var block in schema.Blocks)
            {
                if (block.Kind is PrismaBlockKind.Datasource or PrismaBlockKind.Generator)
                {
                    continue;
                }

                if (block.Kind == PrismaBlockKind.Type && anyProvider)
                {
                    _views.Add(block.Name); // MongoDB's embedded documents: no table of their own, as a view has none
                    continue;
                }

                if (block.Kind == PrismaBlockKind.Type)
                {
                    throw SchemaParseException.At(block.Path, block.Line, $"expected no composite type on PostgreSQL, found `type {block.Name}` (composite types are MongoDB only)");
                }

                if (!names.TryAdd(block.Name, block))
                {
                    var first = names[block.Name];
                    throw SchemaParseException.At(block.Path, block.Line, $"expected a unique name, found `{block.Name}` already declared at {first.Path}:{first.Line}");
                }

                // Prisma's validator refuses a field or enum value declared twice ("already defined"); so does this model.
                var fields = new Dictionary<string, PrismaField>(StringComparer.Ordinal);
                foreach (var field in block.Fields)
                {
                    if (!fields.TryAdd(field.Name, field))
                    {
                        throw SchemaParseException.At(block.Path, field.Line, $"expected each field once, found `{field.Name}` already defined at line {fields[field.Name].Line} of {block.Kind.ToString().ToLowerInvariant()} `{block.Name}`");
                    }
                }

                var dbName = BlockAttribute(block, "map")?.Argument("name", 0)?.Text ?? block.Name;
                var dbSchema = BlockAttribute(block, "schema")?.Argument("name", 0)?.Text ?? "public";
                switch (block.Kind)
                {
                    case PrismaBlockKind.Model:
                        _models[block.Name] = new ModelInfo(block, dbSchema, dbName);
                        break;
                    case PrismaBlockKind.Enum:
                        var values = new Dictionary<string, string>(StringComparer.Ordinal);
                        foreach (var value in block.Fields)
                        {
                            values[value.Name] = ModelInfo.Column(value);
                        }

                        _enums[block.Name] = new EnumInfo(dbSchema, dbName, values);
                        _model.Enums[DatabaseModel.Qualify(dbSchema, dbName)] =
                            new DbEnum(dbSchema, dbName, [.. values.Values]);
                        break;
                    case PrismaBlockKind.View:
                        // prisma migrate does not create or alter views.
                        _views.Add(block.Name);
                        break;
                }
            }
        }

        private void AddTable(ModelInfo model)
        {
            var table = new DbTable(model.Schema, model.Table, SchemaObjectKind.Model);
            foreach (var field in model.Block.Fields)
            {
                if (ScalarTypes.Contains(field.Type) || _enums.ContainsKey(field.Type))
                {
                    var column = new DbColumn(ModelInfo.Column(field), ColumnType(field), field.IsList, field.IsOptional || field.IsList, Default(field, model));
                    if (!table.Columns.TryAdd(column.Name, column))
                    {
                        throw At(model, field.Line, $"expected a unique column name, found `{column.Name}` twice in model `{model.Block.Name}`");
                    }
                }
                else if (!_models.ContainsKey(field.Type) && !_views.Contains(field.Type))
                {
                    throw At(model, field.Line, $"expected a scalar type, an enum or a model for field `{field.Name}`, found `{field.Type}`");
                }
            }

            foreach (var field in model.Block.Fields)
            {
                if (field.Attribute("id") is { } id)
                {
                    table.PrimaryKey = new DbPrimaryKey(
                        id.Argument("map")?.Text ?? Name(model.Table, "_pkey"),
                        IndexColumn(ModelInfo.Column(field), id.Argument("sort")?.Text, null, id.Argument("length")?.Text));
                }

                if (field.Attribute("unique") is { } unique)
                {
                    var column = ModelInfo.Column(field);
                    var definition = "btree (" + IndexColumn(column, unique.Argument("sort")?.Text, null, unique.Argument("length")?.Text) + ")";
                    AddIndex(model, table, unique, new DbIndex(unique.Argument("map")?.Text ?? Name(model.Table, [column], "_key"), true, definition));
                }
            }

            foreach (var attribute in model.Block.Attributes)
            {
                switch (attribute.Name)
                {
                    case "id":
                        var (pkColumns, pkDefinition) = IndexColumns(model, attribute);
                        table.PrimaryKey = new DbPrimaryKey(attribute.Argument("map")?.Text ?? Name(model.Table, "_pkey"), pkDefinition);
                        _ = pkColumns;
                        break;
                    case "unique":
                        var (uniqueColumns, uniqueDefinition) = IndexColumns(model, attribute);
                        // `name:` only names the client's compound key; `map:` is the database name.
                        AddIndex(model, table, attribute, new DbIndex(
                            attribute.Argument("map")?.Text ?? Name(model.Table, uniqueColumns, "_key"),
                            true,
                            IndexDefinition(attribute, uniqueDefinition)));
                        break;
                    case "index":
                        var (indexColumns, indexDefinition) = IndexColumns(model, attribute);
                        // On @@index, the legacy `name:` was the database name and Prisma still reads it so.
                        AddIndex(model, table, attribute, new DbIndex(
                            attribute.Argument("map")?.Text ?? attribute.Argument("name")?.Text ?? Name(model.Table, indexColumns, "_idx"),
                            false,
                            IndexDefinition(attribute, indexDefinition)));
                        break;
                }
            }

            _model.Tables[table.QualifiedName] = table;
        }

        private void AddRelations(ModelInfo model)
        {
            var table = _model.Tables[model.QualifiedTable];
            foreach (var field in model.Block.Fields)
            {
                if (!_models.TryGetValue(field.Type, out var target))
                {
                    continue;
                }

                var relation = field.Attribute("relation");
                if (relation is not null && FieldList(relation.Argument("fields")) is { } fields)
                {
                    // Resolved under relationMode = "prisma" too: Prisma validates the fields a relation names either way.
                    var foreignKey = ForeignKey(model, field, relation, fields, target);
                    if (_foreignKeys)
                    {
                        table.ForeignKeys[foreignKey.Name] = foreignKey;
                    }
                }
                else if (field.IsList)
                {
                    AddJoinTable(model, field, target, relation?.Argument("name", 0)?.Text);
                }
            }
        }

        private DbForeignKey ForeignKey(ModelInfo model, PrismaField field, PrismaAttribute relation, IReadOnlyList<PrismaValue> fields, ModelInfo target)
        {
            var scalars = fields.Select(item => FieldOf(model, item.Text, relation.Line)).ToList();
            var columns = scalars.Select(ModelInfo.Column).ToList();
            var references = FieldList(relation.Argument("references"))
                ?? throw At(model, relation.Line, $"expected `references: [...]` in @relation of field `{field.Name}`");
            var referenced = references.Select(item => ModelInfo.Column(FieldOf(target, item.Text, relation.Line)));

            // Prisma's defaults: Restrict when the relation is required, SetNull when optional; Cascade on update.
            var required = scalars.Any(s => !s.IsOptional) || !field.IsOptional;
            return new DbForeignKey(
                relation.Argument("map")?.Text ?? Name(model.Table, columns, "_fkey"),
                string.Join(", ", columns),
                target.QualifiedTable,
                string.Join(", ", referenced),
                relation.Argument("onDelete")?.Text ?? (required ? "Restrict" : "SetNull"),
                relation.Argument("onUpdate")?.Text ?? "Cascade");
        }

        private void AddJoinTable(ModelInfo model, PrismaField field, ModelInfo target, string? relationName)
        {
            var opposite = target.Block.Fields.FirstOrDefault(f =>
                !ReferenceEquals(f, field) && f.Type == model.Block.Name
                && f.Attribute("relation")?.Argument("name", 0)?.Text == relationName);
            if (opposite is null || !opposite.IsList || opposite.Attribute("relation")?.Argument("fields") is not null)
            {
                return;
            }

            // Implicit many-to-many: column A points at the model whose name sorts first.
            var (a, b) = string.CompareOrdinal(model.Block.Name, target.Block.Name) <= 0 ? (model, target) : (target, model);
            var name = "_" + (relationName ?? a.Block.Name + "To" + b.Block.Name);
            var joinTable = new DbTable(a.Schema, name, SchemaObjectKind.RelationTable);
            if (_model.Tables.ContainsKey(joinTable.QualifiedName))
            {
                return;
            }

            var idA = SingleId(a, field.Line);
            var idB = SingleId(b, field.Line);
            joinTable.Columns["A"] = new DbColumn("A", ColumnType(idA), false, false, null);
            joinTable.Columns["B"] = new DbColumn("B", ColumnType(idB), false, false, null);
            joinTable.PrimaryKey = new DbPrimaryKey(name + "_AB_pkey", "A, B");
            joinTable.Indexes[name + "_B_index"] = new DbIndex(name + "_B_index", false, "btree (B)");
            if (_foreignKeys)
            {
                joinTable.ForeignKeys[name + "_A_fkey"] = new DbForeignKey(name + "_A_fkey", "A", a.QualifiedTable, ModelInfo.Column(idA), "Cascade", "Cascade");
                joinTable.ForeignKeys[name + "_B_fkey"] = new DbForeignKey(name + "_B_fkey", "B", b.QualifiedTable, ModelInfo.Column(idB), "Cascade", "Cascade");
            }

            _model.Tables[joinTable.QualifiedName] = joinTable;
        }

        private static PrismaField SingleId(ModelInfo model, int line) =>
            model.Block.Fields.FirstOrDefault(f => f.Attribute("id") is not null)
            ?? throw At(model, line, $"expected model `{model.Block.Name}` to have a single @id field for an implicit many-to-many relation");

        private string ColumnType(PrismaField field)
        {
            if (field.UnsupportedType is not null)
            {
                // Prisma's differ cannot compare types it does not support: Unsupported("a") equals Unsupported("b").
                return "unsupported";
            }

            if (_enums.TryGetValue(field.Type, out var enumInfo))
            {
                return enumInfo.TypeName;
            }

            var native = field.Attributes.FirstOrDefault(a => a.Name.StartsWith(_nativePrefix, StringComparison.Ordinal));
            if (native is not null)
            {
                return NativeType(native);
            }

            return field.Type switch
            {
                "String" => "text",
                "Boolean" => "boolean",
                "Int" => "integer",
                "BigInt" => "bigint",
                "Float" => "double precision",
                "Decimal" => "decimal(65,30)",
                "DateTime" => "timestamp(3)",
                "Json" => "jsonb",
                "Bytes" => "bytea",
                _ => field.Type,
            };
        }

        private string NativeType(PrismaAttribute native)
        {
            var name = native.Name[_nativePrefix.Length..];
            var args = string.Join(",", native.Arguments.Select(a => a.Value.Text));
            var type = name switch
            {
                "Text" => "text",
                "VarChar" => "varchar",
                "Char" => "char",
                "Uuid" => "uuid",
                "SmallInt" => "smallint",
                "Integer" => "integer",
                "BigInt" => "bigint",
                "Real" => "real",
                "DoublePrecision" => "double precision",
                "Decimal" => "decimal",
                "Boolean" => "boolean",
                "Timestamp" => "timestamp",
                "Timestamptz" => "timestamptz",
                "Time" => "time",
                "Timetz" => "timetz",
                "Date" => "date",
                "Json" => "json",
                "JsonB" => "jsonb",
                "ByteA" => "bytea",
                "VarBit" => "varbit",
                _ => name.ToLowerInvariant(),
            };

            // Without a precision, PostgreSQL's time types hold microseconds: @db.Timestamptz equals @db.Timestamptz(6).
            if (args.Length == 0 && type is "timestamp" or "timestamptz" or "time" or "timetz")
            {
                args = "6";
            }

            return args.Length == 0 ? type : $"{type}({args})";
        }

        private string? Default(PrismaField field, ModelInfo model)
        {
            var value = field.Attribute("default")?.Argument("value", 0);
            if (value is null)
            {
                return null;
            }

            if (value.Kind == PrismaValueKind.Function)
            {
                return value.Text switch
                {
                    _ when ClientSideDefaults.Contains(value.Text) => null,
                    "autoincrement" => "autoincrement()",
                    "now" => "now()",

                    // Prisma compares generated expressions case-insensitively but otherwise verbatim.
                    // dbgenerated() without an expression only tells the client a default exists.
                    "dbgenerated" => value.Arguments.Count == 0 ? null : "dbgenerated(" + value.Arguments[0].Value.Text.ToLowerInvariant() + ")",
                    _ => value.ToString(),
                };
            }

            if (value.Kind == PrismaValueKind.Array)
            {
                return "[" + string.Join(", ", value.Items.Select(item => Literal(item, field, model))) + "]";
            }

            return Literal(value, field, model);
        }

        private string Literal(PrismaValue value, PrismaField field, ModelInfo model)
        {
            // Prisma takes a Decimal default written as a string (@default("2.00")) as that number: DEFAULT 2.00.
            if (value.Kind == PrismaValueKind.Number || (value.Kind == PrismaValueKind.String && field.Type == "Decimal"))
            {
                var inv = CultureInfo.InvariantCulture;
                switch (field.Type)
                {
                    case "Int" or "BigInt" when long.TryParse(value.Text, NumberStyles.Integer, inv, out var l):
                        return l.ToString(inv);
                    case "Float" when double.TryParse(value.Text, NumberStyles.Float, inv, out var d):
                        return d.ToString("R", inv);
                    case "Decimal" when decimal.TryParse(value.Text, NumberStyles.Float, inv, out var m):
                        var text = m.ToString(inv);
                        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
                }
            }

            if (value.Kind == PrismaValueKind.Constant && _enums.TryGetValue(field.Type, out var enumInfo))
            {
                return enumInfo.Values.TryGetValue(value.Text, out var dbValue)
                    ? "'" + dbValue + "'"
                    : throw At(model, field.Line, $"expected a value of enum `{field.Type}` in @default of `{field.Name}`, found `{value.Text}`");
            }

            if (value.Kind != PrismaValueKind.String)
            {
                return value.ToString();
            }

            // Prisma compares JSON defaults as JSON and DateTime defaults as instants, not as text.
            return field.Type switch
            {
                "Json" => "json " + CanonicalJson.Render(value.Text),
                "DateTime" when DateTimeOffset.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) =>
                    instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                _ => "'" + value.Text + "'",
            };
        }

        private (List<string> Columns, string Definition) IndexColumns(ModelInfo model, PrismaAttribute attribute)
        {
            var list = FieldList(attribute.Argument("fields", 0))
                ?? throw At(model, attribute.Line, $"expected a list of fields in @@{attribute.Name}");
            var columns = new List<string>();
            var parts = new List<string>();
            foreach (var item in list)
            {
                var column = ModelInfo.Column(FieldOf(model, item.Text, attribute.Line));
                columns.Add(column);
                var arguments = new PrismaAttribute(item.Text, item.Arguments, attribute.Line);
                parts.Add(IndexColumn(column, arguments.Argument("sort")?.Text, arguments.Argument("ops")?.ToString(), arguments.Argument("length")?.Text));
            }

            return (columns, string.Join(", ", parts));
        }

        private static string IndexColumn(string column, string? sort, string? ops, string? length)
        {
            var sb = new StringBuilder(column);
            if (length is not null)
            {
                sb.Append('(').Append(length).Append(')');
            }

            if (ops is not null)
            {
                sb.Append(' ').Append(ops);
            }

            if (sort is "Desc")
            {
                sb.Append(" DESC");
            }

            return sb.ToString();
        }

        private static string IndexDefinition(PrismaAttribute attribute, string columns)
        {
            var method = attribute.Argument("type")?.Text.ToLowerInvariant() ?? "btree";
            var where = attribute.Argument("where") is { } w ? " where " + w : string.Empty;
            return $"{method} ({columns}){where}";
        }

        private static void AddIndex(ModelInfo model, DbTable table, PrismaAttribute attribute, DbIndex index)
        {
            if (!table.Indexes.TryAdd(index.Name, index))
            {
                throw At(model, attribute.Line, $"expected a unique index name, found `{index.Name}` twice on table `{table.Name}`");
            }
        }

        // Prisma reads a single field without brackets as a list of one: @@index(orgId), fields: orgId, orgId(sort: Desc).
        private static IReadOnlyList<PrismaValue>? FieldList(PrismaValue? value) => value?.Kind switch
        {
            PrismaValueKind.Array => value.Items,
            PrismaValueKind.Constant or PrismaValueKind.Function => [value],
            _ => null,
        };

        private static PrismaField FieldOf(ModelInfo model, string name, int line) =>
            model.Fields.TryGetValue(name, out var field)
                ? field
                : throw At(model, line, $"expected a field of model `{model.Block.Name}`, found `{name}`");

        private static PrismaAttribute? BlockAttribute(PrismaBlock block, string name) =>
            block.Attributes.FirstOrDefault(a => a.Name == name);

        private static SchemaParseException At(ModelInfo model, int line, string what) =>
            SchemaParseException.At(model.Block.Path, line, what);
    }

    /// <summary>Prisma's generated constraint name: table, columns and suffix, shortened to fit 63 characters.</summary>
    private static string Name(string table, IReadOnlyList<string> columns, string suffix)
    {
        var stem = table + "_" + string.Join("_", columns);
        return Name(stem, suffix);
    }

    private static string Name(string stem, string suffix)
    {
        var room = MaxIdentifierLength - suffix.Length;
        return (stem.Length > room ? stem[..room] : stem) + suffix;
    }
}
