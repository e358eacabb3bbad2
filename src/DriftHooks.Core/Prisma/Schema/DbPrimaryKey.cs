namespace DriftHooks.Core.Prisma.Schema;

internal sealed record DbPrimaryKey(string Name, string Columns);
