namespace DriftHooks.Core.Prisma.Schema;

/// <summary>A top-level block. Datasource and generator blocks carry <see cref="Properties"/> (<c>key = value</c>) instead of fields.</summary>
internal sealed record PrismaBlock(
    PrismaBlockKind Kind,
    string Name,
    IReadOnlyList<PrismaField> Fields,
    IReadOnlyList<PrismaAttribute> Attributes,
    IReadOnlyList<PrismaArgument> Properties,
    string Path,
    int Line)
{
    public PrismaValue? Property(string name)
    {
        for (var k = 0; k < Properties.Count; k++)
        {
            if (Properties[k].Name == name)
            {
                return Properties[k].Value;
            }
        }

        return null;
    }
}
