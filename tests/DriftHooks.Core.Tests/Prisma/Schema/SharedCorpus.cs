using DriftHooks.Core.Tests.Support;

namespace DriftHooks.Core.Tests.Prisma.Schema;

/// <summary>The labelled schema pairs of the shared corpus.</summary>
internal static class SharedCorpus
{
    public static string SchemaPairs => Path.Combine(SharedFolder.Corpus, "schema-pairs");
}
