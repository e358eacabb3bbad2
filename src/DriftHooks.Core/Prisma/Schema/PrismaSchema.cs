namespace DriftHooks.Core.Prisma.Schema;

/// <summary>The blocks of every file of one schema, in source order.</summary>
internal sealed record PrismaSchema(IReadOnlyList<PrismaBlock> Blocks);
