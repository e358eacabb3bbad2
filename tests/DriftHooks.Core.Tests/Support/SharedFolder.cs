namespace DriftHooks.Core.Tests.Support;

/// <summary>
/// The shared data folder beside the repository's checkout (<c>../shared</c>: corpus, prisma-oracle), found by
/// walking up from the test assembly, so tests run wherever the checkout lives.
/// </summary>
public static class SharedFolder
{
    private static readonly Lazy<string> Folder = new(Find);

    public static string Root => Folder.Value;

    public static string Corpus => Path.Combine(Root, "corpus");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "corpus")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The shared folder (shared/corpus beside the checkout) was not found above " + AppContext.BaseDirectory);
    }
}
