namespace DriftHooks.Core.Prisma.Schema;

/// <summary>A foreign key; <see cref="ReferencedTable"/> is schema-qualified.</summary>
internal sealed record DbForeignKey(
    string Name,
    string Columns,
    string ReferencedTable,
    string ReferencedColumns,
    string OnDelete,
    string OnUpdate);
