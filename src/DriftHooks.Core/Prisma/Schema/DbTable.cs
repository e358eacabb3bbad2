namespace DriftHooks.Core.Prisma.Schema;

/// <summary>A table: from a model, or the join table of an implicit many-to-many relation.</summary>
internal sealed class DbTable(string schema, string name, SchemaObjectKind kind)
{
    public string Schema { get; } = schema;

    public string Name { get; } = name;

    public SchemaObjectKind Kind { get; } = kind;

    public Dictionary<string, DbColumn> Columns { get; } = new(StringComparer.Ordinal);

    public DbPrimaryKey? PrimaryKey { get; set; }

    public Dictionary<string, DbIndex> Indexes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DbForeignKey> ForeignKeys { get; } = new(StringComparer.Ordinal);

    public string QualifiedName => DatabaseModel.Qualify(Schema, Name);

    /// <summary>A copy of this table (columns, keys, indexes) under another schema and name, as a rename leaves it.</summary>
    public DbTable CopyAs(string newSchema, string newName)
    {
        var copy = new DbTable(newSchema, newName, Kind) { PrimaryKey = PrimaryKey };
        foreach (var (key, value) in Columns)
        {
            copy.Columns[key] = value;
        }

        foreach (var (key, value) in Indexes)
        {
            copy.Indexes[key] = value;
        }

        foreach (var (key, value) in ForeignKeys)
        {
            copy.ForeignKeys[key] = value;
        }

        return copy;
    }
}
