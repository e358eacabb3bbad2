namespace DriftHooks.Core.Prisma.Schema;

/// <summary>A token; <see cref="Text"/> holds the unescaped value for strings.</summary>
internal readonly record struct PrismaToken(PrismaTokenKind Kind, string Text, int Line)
{
    public string Describe() => Kind switch
    {
        PrismaTokenKind.End => "end of file",
        PrismaTokenKind.NewLine => "end of line",
        PrismaTokenKind.String => $"string \"{Text}\"",
        _ => $"`{Text}`",
    };
}
