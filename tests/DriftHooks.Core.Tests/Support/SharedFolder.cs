using NUnit.Framework;

namespace DriftHooks.Core.Tests.Support;

/// <summary>
/// The optional shared data folder beside the repository's checkout (<c>../shared</c>: the documenso corpus, the
/// real Prisma CLI of prisma-oracle), found by walking up from the test assembly. A clone with nothing beside it has
/// none: a test that needs it is skipped, saying so (what every test needs is in <see cref="TestData"/>).
/// </summary>
public static class SharedFolder
{
    private static readonly Lazy<string?> Folder = new(Find);

    /// <summary>The shared folder, or null when there is none above the test assembly.</summary>
    public static string? Found => Folder.Value;

    /// <summary>The shared folder; skips the calling test when it is absent.</summary>
    public static string Root => Found ?? Skip();

    /// <summary>A corpus project of the shared folder (<c>corpus/documenso</c>…); skips the calling test when it is absent.</summary>
    public static string Corpus => Path.Combine(Root, "corpus");

    private static string Skip()
    {
        Assert.Ignore("Needs the shared folder (shared/corpus with the documenso history, shared/prisma-oracle) beside the checkout; none was found above " + AppContext.BaseDirectory);
        return null!;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "corpus")))
            {
                return candidate;
            }
        }

        return null;
    }
}
