using System.Globalization;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Git;

/// <summary><see cref="GitIndexReader.ScanForProjects"/> reads exactly what <see cref="GitIndexReader.Scan"/> reads with the locator's filters.</summary>
public class ProjectScanTests
{
    private static readonly string[] Files =
    [
        "package.json",
        "prisma/schema.prisma",
        "prisma/migrations/20240101000000_init/migration.sql",
        "prisma/migrations/migration_lock.toml",
        "apps/api/prisma.config.ts",
        "apps/api/prisma/schema/user.prisma",
        "apps/api/src/index.ts",
        "notprisma/file.txt",
        "prisma2/file.txt",
        "src/prisma/client.ts",
        "README.md",
    ];

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Matches_the_scan_with_the_locator_filters(int version)
    {
        using var repo = new TempGitRepository();
        repo.Git("config", "index.version", version.ToString(CultureInfo.InvariantCulture));
        foreach (var file in Files)
        {
            repo.WriteFile(file, file + "\n");
        }

        repo.Git("add", "-A");
        if (version == 3)
        {
            repo.Git("update-index", "--skip-worktree", "README.md");
        }

        repo.Git("commit", "-q", "-m", "files");
        repo.WriteFile("prisma/migrations/20240202000000_next/migration.sql", "select 1;\n");
        repo.Git("add", "-A");

        var expected = GitIndexReader.Scan(repo.IndexPath, PrismaProjectLocator.IsCandidate, PrismaProjectLocator.IsLikelyProjectPath);
        var actual = GitIndexReader.ScanForProjects(repo.IndexPath);

        Assert.That(actual.First, Is.EqualTo(expected.First));
        Assert.That(actual.Second, Is.EqualTo(expected.Second));
        Assert.That(actual.Second, Is.Not.Empty);
        Assert.That(actual.CachedTreeIds, Is.EquivalentTo(expected.CachedTreeIds));
    }
}
