namespace DriftHooks.Core.Prisma.Schema;

/// <summary>One database-relevant difference, e.g. (Model, "User", "column `nickname` added").</summary>
internal sealed record SchemaChange(SchemaObjectKind Kind, string Name, string Description);
