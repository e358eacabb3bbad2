using System.Text;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

/// <summary>The commit rules on plain data: no git, no disk.</summary>
public class CommitRulesTests
{
    private const string Datasource = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n";
    private static readonly PrismaProject Project = new("prisma/schema.prisma", false, "prisma/migrations");

    private readonly Dictionary<string, byte[]> _blobs = [];

    private string Blob(string content)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(content)));
        _blobs[id] = Encoding.UTF8.GetBytes(content);
        return id;
    }

    private ProjectChanges Changes(
        IReadOnlyList<FileChange> changes,
        string? schemaBefore,
        string? schemaAfter,
        Dictionary<string, string?> before,
        Dictionary<string, string?> after,
        params WorkingTreeMigration[] workingTree) =>
        new(
            Project,
            changes,
            before.ToDictionary(p => p.Key, p => new MigrationFolder(p.Key, p.Value)),
            after.ToDictionary(p => p.Key, p => new MigrationFolder(p.Key, p.Value)),
            schemaBefore is null ? [] : [new FileVersion("prisma/schema.prisma", Blob(schemaBefore))],
            schemaAfter is null ? [] : [new FileVersion("prisma/schema.prisma", Blob(schemaAfter))],
            id => _blobs[id],
            () => workingTree);

    private static IReadOnlyList<string> Codes(ProjectChanges changes) =>
        [.. CommitRules.Evaluate(changes, new HashSet<string>()).Select(f => f.Code)];

    [Test]
    public void A_database_change_needs_a_new_migration_with_a_script()
    {
        var before = Datasource + "model A {\n  id Int @id\n}\n";
        var after = Datasource + "model A {\n  id Int @id\n  b String\n}\n";
        var schemaChange = new FileChange("prisma/schema.prisma", ChangeKind.Modified, Blob(before), Blob(after));
        var existing = new Dictionary<string, string?> { ["1_init"] = "aa" };

        Assert.That(Codes(Changes([schemaChange], before, after, existing, new(existing))), Is.EqualTo(new[] { RuleCodes.SchemaWithoutMigration }));
        var withMigration = new Dictionary<string, string?>(existing) { ["2_add_b"] = "bb" };
        Assert.That(Codes(Changes([schemaChange], before, after, existing, withMigration)), Is.Empty);
        Assert.That(Codes(Changes([schemaChange], before, after, existing, new(existing), new WorkingTreeMigration("2_add_b", true))), Is.EqualTo(new[] { RuleCodes.MigrationNotStaged }));
    }

    [Test]
    public void A_change_that_cannot_reach_the_database_passes()
    {
        var before = Datasource + "model A {\n  id Int @id\n}\n";
        var after = "// docs\n" + Datasource + "model A {\n  /// the key\n  id   Int    @id\n}\n";
        var change = new FileChange("prisma/schema.prisma", ChangeKind.Modified, Blob(before), Blob(after));
        var folders = new Dictionary<string, string?> { ["1_init"] = "aa" };
        Assert.That(Codes(Changes([change], before, after, folders, new(folders))), Is.Empty);
    }

    [Test]
    public void A_renamed_migration_is_recognised_by_its_unchanged_script()
    {
        var changes = new[]
        {
            new FileChange("prisma/migrations/1_init/migration.sql", ChangeKind.Deleted, "aa", null),
            new FileChange("prisma/migrations/1_initial/migration.sql", ChangeKind.Added, null, "aa"),
        };
        var codes = Codes(Changes(changes, null, null, new() { ["1_init"] = "aa" }, new() { ["1_initial"] = "aa" }));
        Assert.That(codes, Does.Contain(RuleCodes.MigrationRenamed).And.Not.Contain(RuleCodes.MigrationDeleted));
    }

    [Test]
    public void Disabled_rules_are_not_reported()
    {
        var changes = new[] { new FileChange("prisma/migrations/0_early/migration.sql", ChangeKind.Added, null, "bb") };
        var input = Changes(changes, null, null, new() { ["1_init"] = "aa" }, new() { ["1_init"] = "aa", ["0_early"] = "bb" });
        Assert.That(Codes(input), Is.EqualTo(new[] { RuleCodes.MigrationOutOfOrder }));
        Assert.That(CommitRules.Evaluate(input, new HashSet<string> { RuleCodes.MigrationOutOfOrder }), Is.Empty);
    }

    [Test]
    public void The_lock_provider_is_read_from_the_file()
    {
        Assert.That(CommitRules.LockProvider(Encoding.UTF8.GetBytes("# comment\nprovider = \"postgresql\"\n")), Is.EqualTo("postgresql"));
        Assert.That(CommitRules.LockProvider(Encoding.UTF8.GetBytes("")), Is.Null);
    }
}
