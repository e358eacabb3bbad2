namespace DriftHooks.Core.Prisma.Schema;

/// <summary>What a <see cref="SchemaChange"/> is about.</summary>
internal enum SchemaObjectKind
{
    Model,
    Enum,
    View,
    CompositeType,
    Datasource,
    Extension,

    /// <summary>The join table Prisma creates for an implicit many-to-many relation.</summary>
    RelationTable,
}
