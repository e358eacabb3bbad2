using DriftHooks.Core.Prisma.Schema;

namespace DriftHooks.Core.Tests.Prisma.Schema;

internal static class PrismaSchemaParserTestsHelper
{
    public static DatabaseModel Build(params SchemaSource[] sources) =>
        DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(sources));
}
