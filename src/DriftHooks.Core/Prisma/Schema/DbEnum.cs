namespace DriftHooks.Core.Prisma.Schema;

/// <summary>A PostgreSQL enum type and its values (database names, after <c>@map</c>).</summary>
internal sealed record DbEnum(string Schema, string Name, IReadOnlyList<string> Values)
{
    public string QualifiedName => DatabaseModel.Qualify(Schema, Name);
}
