namespace DriftHooks.Core.Prisma.Schema;

/// <summary>One database-relevant difference, e.g. (Model, "User", "column `nickname` added").</summary>
public sealed record SchemaChange(SchemaObjectKind Kind, string Name, string Description);
