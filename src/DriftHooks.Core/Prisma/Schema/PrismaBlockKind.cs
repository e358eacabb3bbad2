namespace DriftHooks.Core.Prisma.Schema;

public enum PrismaBlockKind
{
    Model,
    Enum,
    View,

    /// <summary>A composite <c>type</c> block (MongoDB only).</summary>
    Type,
    Datasource,
    Generator,
}
