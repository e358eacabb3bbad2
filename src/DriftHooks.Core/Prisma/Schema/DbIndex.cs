namespace DriftHooks.Core.Prisma.Schema;

/// <summary>An index (unique or not); <see cref="Definition"/> renders method, columns, sort orders and operator classes.</summary>
internal sealed record DbIndex(string Name, bool IsUnique, string Definition);
