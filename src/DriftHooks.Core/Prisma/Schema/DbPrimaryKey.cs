namespace DriftHooks.Core.Prisma.Schema;

public sealed record DbPrimaryKey(string Name, string Columns);
