namespace DriftHooks.Core.Prisma.Schema;

internal enum PrismaBlockKind
{
    Model,
    Enum,
    View,

    /// <summary>A composite <c>type</c> block (MongoDB only).</summary>
    Type,
    Datasource,
    Generator,
}
