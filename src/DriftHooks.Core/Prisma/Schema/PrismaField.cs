namespace DriftHooks.Core.Prisma.Schema;

/// <summary>
/// A model, view or type field, or an enum value (then <see cref="Type"/> is empty). For
/// <c>Unsupported("tsvector")</c>, <see cref="Type"/> is <c>Unsupported</c> and <see cref="UnsupportedType"/> holds the text.
/// </summary>
internal sealed record PrismaField(
    string Name,
    string Type,
    bool IsOptional,
    bool IsList,
    string? UnsupportedType,
    IReadOnlyList<PrismaAttribute> Attributes,
    int Line)
{
    // Asked many times per field while building the model: a loop, not a capturing lambda and a boxed enumerator.
    public PrismaAttribute? Attribute(string name)
    {
        for (var k = 0; k < Attributes.Count; k++)
        {
            if (Attributes[k].Name == name)
            {
                return Attributes[k];
            }
        }

        return null;
    }
}
