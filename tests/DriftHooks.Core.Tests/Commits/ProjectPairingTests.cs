using DriftHooks.Core.Commits;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Commits;

/// <summary>Which place each project is compared with, on trees built from paths.</summary>
public class ProjectPairingTests
{
    private static readonly PrismaProject Flat = new("prisma/schema.prisma", false, "prisma/migrations");
    private static readonly PrismaProject Folder = new("prisma/schema", true, "prisma/migrations");
    private static readonly PrismaProject Package = new("apps/api/prisma/schema.prisma", false, "apps/api/prisma/migrations");

    private static IndexTree Tree(params string[] paths) =>
        new(paths.Select((p, i) => new IndexEntry(p, 0x81A4, (i + 1).ToString("x40", System.Globalization.CultureInfo.InvariantCulture), 0, false, false)), _ => []);

    [Test]
    public void A_project_that_stays_is_compared_with_itself()
    {
        var tree = Tree("prisma/schema.prisma", "prisma/migrations/1_init/migration.sql");
        Assert.That(ProjectPairing.Pair([Flat], tree, tree), Is.EqualTo(new[] { (Flat, Flat) }));
    }

    [Test]
    public void A_schema_moved_into_a_folder_is_compared_with_where_it_was_known_or_not()
    {
        var before = Tree("prisma/schema.prisma", "prisma/migrations/1_init/migration.sql");
        var after = Tree("prisma/schema/schema.prisma", "prisma/migrations/1_init/migration.sql");
        Assert.That(ProjectPairing.Pair([Folder, Flat], before, after), Is.EqualTo(new[] { (Folder, Flat) }));
        Assert.That(ProjectPairing.Pair([Folder], before, after), Is.EqualTo(new[] { (Folder, Flat) }), "found at Prisma's default place");
        Assert.That(ProjectPairing.Pair([Folder], Tree("prisma/migrations/1_init/migration.sql"), after), Is.EqualTo(new[] { (Folder, Folder) }), "a new schema");
    }

    [Test]
    public void A_project_moved_whole_is_matched_by_its_migration_names()
    {
        var before = Tree("prisma/schema.prisma", "prisma/migrations/1_init/migration.sql", "prisma/migrations/2_more/migration.sql");
        var after = Tree("apps/api/prisma/schema.prisma", "apps/api/prisma/migrations/1_init/migration.sql", "apps/api/prisma/migrations/2_more/migration.sql");
        Assert.That(ProjectPairing.Pair([Package, Flat], before, after), Is.EqualTo(new[] { (Package, Flat) }));

        // A project deleted while an unrelated one is added: no name in common, two judgements.
        var unrelated = Tree("apps/api/prisma/schema.prisma", "apps/api/prisma/migrations/9_other/migration.sql");
        Assert.That(ProjectPairing.Pair([Package, Flat], before, unrelated), Is.EquivalentTo(new[] { (Package, Package), (Flat, Flat) }));
    }
}
