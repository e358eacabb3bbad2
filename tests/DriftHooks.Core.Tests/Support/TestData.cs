namespace DriftHooks.Core.Tests.Support;

/// <summary>
/// The repository's own test data (<c>tests/data</c>, from umami, MIT: see its README), found by walking up from the
/// test assembly to the checkout, so that the suite passes in a clone with nothing beside it.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The checkout's top folder, where <c>DriftHooks.sln</c> is.</summary>
    public static string Repository => Root.Value;

    /// <summary>112 labelled real edits of umami's schema: <c>&lt;id&gt;.before.prisma</c>, <c>&lt;id&gt;.after.prisma</c>, <c>labels.txt</c>.</summary>
    public static string SchemaPairs => Path.Combine(Root.Value, "tests", "data", "schema-pairs");

    /// <summary>umami's <c>schema.prisma</c> and <c>migrations/</c> (19 numbered migrations).</summary>
    public static string Umami => Path.Combine(Root.Value, "tests", "data", "umami");

    /// <summary>Schema forms with Prisma's recorded verdict: <c>&lt;case&gt;.prisma</c>, <c>&lt;case&gt;.sql</c> (what Prisma creates), <c>verdicts.txt</c>.</summary>
    public static string PrismaGrammar => Path.Combine(Root.Value, "tests", "data", "prisma-grammar");

    /// <summary>Real schemas of permissively licensed projects with Prisma's <c>validate</c> verdict (<c>verdicts.txt</c>; sources in README.md).</summary>
    public static string Corpus => Path.Combine(Root.Value, "tests", "data", "corpus");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DriftHooks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("DriftHooks.sln (and its tests/data) not found above " + AppContext.BaseDirectory);
    }
}
