namespace DriftHooks.Core.Prisma.Schema;

internal enum PrismaValueKind
{
    String,
    Number,

    /// <summary>A bare name such as <c>Desc</c>, <c>true</c> or <c>Cascade</c>.</summary>
    Constant,

    /// <summary>A call such as <c>now()</c> or a field reference with arguments such as <c>title(sort: Desc)</c>.</summary>
    Function,
    Array,
}
