namespace DriftHooks.Core.Tests.Prisma.Schema;

/// <summary>Finds <c>../shared</c> beside the repository by walking up from the test assembly.</summary>
internal static class SharedCorpus
{
    public static string SchemaPairs { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "schema-pairs");
            if (File.Exists(Path.Combine(candidate, "labels.txt")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/corpus/schema-pairs not found above " + AppContext.BaseDirectory);
    }
}
