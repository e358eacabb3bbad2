namespace DriftHooks.Core.Prisma.Schema;

/// <summary>A table: from a model, or the join table of an implicit many-to-many relation.</summary>
public sealed class DbTable(string schema, string name, SchemaObjectKind kind)
{
    public string Schema { get; } = schema;

    public string Name { get; } = name;

    public SchemaObjectKind Kind { get; } = kind;

    public Dictionary<string, DbColumn> Columns { get; } = new(StringComparer.Ordinal);

    public DbPrimaryKey? PrimaryKey { get; set; }

    public Dictionary<string, DbIndex> Indexes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DbForeignKey> ForeignKeys { get; } = new(StringComparer.Ordinal);

    public string QualifiedName => DatabaseModel.Qualify(Schema, Name);
}
