namespace DriftHooks.Core.Prisma.Schema;

/// <summary>A field attribute (<c>@id</c>, <c>@db.VarChar(191)</c>) or block attribute (<c>@@index(...)</c>), named without the <c>@</c>.</summary>
internal sealed record PrismaAttribute(string Name, IReadOnlyList<PrismaArgument> Arguments, int Line)
{
    /// <summary>The argument given by name, or else at this position among the unnamed ones.</summary>
    public PrismaValue? Argument(string name, int position = -1)
    {
        var unnamed = 0;
        PrismaValue? positional = null;
        for (var k = 0; k < Arguments.Count; k++) // indexed: a foreach over the interface would box an enumerator per call
        {
            var argument = Arguments[k];
            if (argument.Name == name)
            {
                return argument.Value;
            }

            if (argument.Name is null && unnamed++ == position)
            {
                positional = argument.Value;
            }
        }

        return positional;
    }
}
