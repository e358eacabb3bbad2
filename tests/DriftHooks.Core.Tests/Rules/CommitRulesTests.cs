using System.Text;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Rules;
using DriftHooks.Core.SqlText;
using DriftHooks.Core.Tests.Prisma.Ddl;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

/// <summary>The commit rules on plain data: no git, no disk.</summary>
public class CommitRulesTests
{
    private const string Datasource = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n";
    private static readonly PrismaProject Project = new("prisma/schema.prisma", false, "prisma/migrations");

    private readonly Dictionary<string, byte[]> _blobs = [];
    private IReadOnlyList<SchemaSource>? _workingTreeSchema;

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
            // Ids no test registered stand for plain, well-formed scripts.
            id => _blobs.TryGetValue(id, out var bytes) ? bytes : Encoding.UTF8.GetBytes($"-- script {id}\n"),
            () => workingTree,
            () => _workingTreeSchema);

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
        var withMigration = new Dictionary<string, string?>(existing) { ["2_add_b"] = Blob("ALTER TABLE \"A\" ADD COLUMN \"b\" TEXT NOT NULL;\n") };
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

    // What git knows of a committed migration, as plain data: published at a place (with its script), or only here.
    private static CommitBase Known(PublishedMigration? published, AddingCommit? added = null, string revision = "HEAD", string thenCommit = "") => new()
    {
        Revision = revision,
        ThenCommit = thenCommit,
        Published = _ => published,
        AddedBy = _ => added,
    };

    private static readonly FileChange[] Renamed =
    [
        new("prisma/migrations/1_init/migration.sql", ChangeKind.Deleted, "aa", null),
        new("prisma/migrations/1_initial/migration.sql", ChangeKind.Added, null, "aa"),
    ];

    [Test]
    public void A_rename_of_a_migration_only_this_branch_has_passes_and_one_a_remote_has_is_refused_naming_it()
    {
        var renamed = Changes(Renamed, null, null, new() { ["1_init"] = "aa" }, new() { ["1_initial"] = "aa" });
        Assert.That(CommitRules.Evaluate(renamed with { Base = Known(null) }, new HashSet<string>()), Is.Empty, "the fix of its order after a rebase");

        var refused = CommitRules.Evaluate(renamed with { Base = Known(new PublishedMigration("origin/main", "aa", OnMainline: true)) }, new HashSet<string>()).Single();
        Assert.That(refused.Code, Is.EqualTo(RuleCodes.MigrationRenamed));
        Assert.That(refused.Message, Does.Contain("origin/main has it"));
        Assert.That(refused.Fix, Does.StartWith("git mv prisma/migrations/1_initial prisma/migrations/1_init "));
    }

    [Test]
    public void A_rename_of_a_migration_only_this_branch_pushed_passes_and_one_another_branch_has_is_refused()
    {
        var renamed = Changes(Renamed, null, null, new() { ["1_init"] = "aa" }, new() { ["1_initial"] = "aa" });
        Assert.That(CommitRules.Evaluate(renamed with { Base = Known(new PublishedMigration("origin/feature", "aa", OnMainline: false, OnlyThisBranch: true)) }, new HashSet<string>()), Is.Empty, "a rebased feature branch is pushed again anyway");

        var refused = CommitRules.Evaluate(renamed with { Base = Known(new PublishedMigration("origin/colleague", "aa", OnMainline: false)) }, new HashSet<string>()).Single();
        Assert.That(refused.Code, Is.EqualTo(RuleCodes.MigrationRenamed));
        Assert.That(refused.Message, Does.Contain("origin/colleague has it"));
    }

    [Test]
    public void An_edit_of_a_migration_only_this_branch_has_is_folded_into_the_commit_that_added_it()
    {
        var edit = new[] { new FileChange("prisma/migrations/2_b/migration.sql", ChangeKind.Modified, "bb", "cc") };
        var changes = Changes(edit, null, null, new() { ["1_init"] = "aa", ["2_b"] = "bb" }, new() { ["1_init"] = "aa", ["2_b"] = "cc" });
        const string Sha = "0123456789abcdef0123456789abcdef01234567";

        var head = CommitRules.Evaluate(changes with { Base = Known(null, new AddingCommit(Sha, IsReplaceable: true)) }, new HashSet<string>()).Single();
        Assert.That(head.Code, Is.EqualTo(RuleCodes.MigrationEdited));
        Assert.That(head.Fix, Does.StartWith("git commit --amend "));

        var older = CommitRules.Evaluate(changes with { Base = Known(null, new AddingCommit(Sha, IsReplaceable: false)) }, new HashSet<string>()).Single();
        Assert.That(older.Fix, Does.StartWith("git commit --no-verify --fixup=0123456, then").And.Contain("rebase -i --autosquash --autostash 0123456~1"));
    }

    [Test]
    public void An_edit_of_a_published_migration_needs_a_new_one_and_putting_the_published_version_back_passes()
    {
        var published = new PublishedMigration("origin/main", "bb", OnMainline: true);
        var edit = new[] { new FileChange("prisma/migrations/2_b/migration.sql", ChangeKind.Modified, "bb", "cc") };
        var edited = Changes(edit, null, null, new() { ["1_init"] = "aa", ["2_b"] = "bb" }, new() { ["1_init"] = "aa", ["2_b"] = "cc" });
        var finding = CommitRules.Evaluate(edited with { Base = Known(published) }, new HashSet<string>()).Single();
        Assert.That(finding.Code, Is.EqualTo(RuleCodes.MigrationEdited));
        Assert.That(finding.Fix, Does.Contain("--create-only").And.Contain("git restore --staged --worktree --source=origin/main -- prisma/migrations/2_b"));

        // Prisma's migrate dev refuses while an applied migration differs ("modified after it was applied"): the edit
        // is kept aside and the applied version put back before the new migration is created.
        var keep = finding.Fix!.IndexOf("cp prisma/migrations/2_b/migration.sql <change>.sql", StringComparison.Ordinal);
        var restore = finding.Fix.IndexOf("git restore", StringComparison.Ordinal);
        var create = finding.Fix.IndexOf("npx prisma migrate dev --create-only", StringComparison.Ordinal);
        Assert.That(keep, Is.Zero, finding.Fix);
        Assert.That(restore, Is.GreaterThan(keep).And.LessThan(create), finding.Fix);

        // HEAD holds an edit a --no-verify commit made; the index puts back what origin/main has: a repair.
        var repair = new[] { new FileChange("prisma/migrations/2_b/migration.sql", ChangeKind.Modified, "cc", "bb") };
        var restored = Changes(repair, null, null, new() { ["1_init"] = "aa", ["2_b"] = "cc" }, new() { ["1_init"] = "aa", ["2_b"] = "bb" });
        Assert.That(CommitRules.Evaluate(restored with { Base = Known(published) }, new HashSet<string>()), Is.Empty);
    }

    // documenso a94b829e: the parent's schema had `documentPassword String?`, which no migration ever made; the commit
    // renames it to `password` and adds the migration that makes `password`. Prisma's migrate diff --from-migrations
    // says the commit's migrations produce its schema: the commit is right, its parent was not.
    [Test]
    public void A_commit_that_repairs_its_parent_s_schema_is_judged_by_what_its_migrations_produce()
    {
        const string Table = "CREATE TABLE \"DocumentMeta\" (\"id\" TEXT NOT NULL, \"subject\" TEXT, CONSTRAINT \"DocumentMeta_pkey\" PRIMARY KEY (\"id\"));\n";
        var before = Datasource + "model DocumentMeta {\n  id      String  @id\n  subject String?\n  documentPassword String?\n}\n";
        var after = Datasource + "model DocumentMeta {\n  id      String  @id\n  subject String?\n  password String?\n}\n";
        var schemaChange = new FileChange("prisma/schema.prisma", ChangeKind.Modified, Blob(before), Blob(after));
        var committed = new Dictionary<string, string?> { ["20240101000000_init"] = Blob(Table) };
        var withPassword = new Dictionary<string, string?>(committed) { ["20240115031508_add_password_to_document_meta"] = Blob("-- AlterTable\nALTER TABLE \"DocumentMeta\" ADD COLUMN     \"password\" TEXT;\n") };

        var findings = CommitRules.Evaluate(Changes([schemaChange], before, after, committed, withPassword), new HashSet<string>());
        Assert.That(findings.Select(f => (f.Code, f.Severity)), Is.EqualTo(new[] { (RuleCodes.MigrationsMissSchema, Severity.Note) }));
        Assert.That(findings[0].Message, Does.Contain("did not match its own migrations"));

        // The same migration under a schema that wants the column NOT NULL is refused: neither way produces that.
        var kept = Datasource + "model DocumentMeta {\n  id      String  @id\n  subject String?\n  password String\n}\n";
        var keptChange = new FileChange("prisma/schema.prisma", ChangeKind.Modified, Blob(before), Blob(kept));
        Assert.That(Codes(Changes([keptChange], before, kept, committed, withPassword)), Is.EqualTo(new[] { RuleCodes.MigrationsMissSchema }));
        Assert.That(CommitRules.Evaluate(Changes([keptChange], before, kept, committed, withPassword), new HashSet<string>()).Single().Severity, Is.EqualTo(Severity.Error));

        // A schema edit with no migration that puts the schema back to what the committed migrations build needs none.
        var repaired = Datasource + "model DocumentMeta {\n  id      String  @id\n  subject String?\n}\n";
        var repair = new FileChange("prisma/schema.prisma", ChangeKind.Modified, Blob(before), Blob(repaired));
        Assert.That(CommitRules.Evaluate(Changes([repair], before, repaired, committed, new(committed)), new HashSet<string>()).Select(f => f.Severity), Is.EqualTo(new[] { Severity.Note }));
    }

    // langfuse 52c261b4: the parent's schema lacked @default(now()) on a column its migration had made with DEFAULT
    // CURRENT_TIMESTAMP; the commit adds it beside a new table and its migration. An earlier migration fills a temporary
    // table, reads it and drops it: the replay from empty has to follow that to see that the commit is right (Prisma's
    // migrate diff --from-migrations: exit 2 at the parent, 0 at the commit).
    [Test]
    public void A_commit_repairing_its_parent_is_let_through_past_a_temporary_table_in_an_earlier_migration()
    {
        const string Slack = "CREATE TABLE \"slack\" (\"id\" TEXT NOT NULL, \"updated_at\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, CONSTRAINT \"slack_pkey\" PRIMARY KEY (\"id\"));\n";
        const string Prices = """
            CREATE TABLE "prices" ("id" TEXT NOT NULL, "price" DECIMAL(65,30) NOT NULL, CONSTRAINT "prices_pkey" PRIMARY KEY ("id"));
            CREATE TEMPORARY TABLE temp_prices AS
            SELECT id, 1 AS price FROM slack;
            INSERT INTO prices (id, price) SELECT id, price FROM temp_prices ON CONFLICT (id) DO NOTHING;
            DROP TABLE temp_prices;
            """;
        const string Models = "model Slack {\n  id        String   @id\n  updatedAt DateTime {0}@updatedAt @map(\"updated_at\")\n  @@map(\"slack\")\n}\n\n"
            + "model Price {\n  id    String  @id\n  price Decimal\n  @@map(\"prices\")\n}\n";
        var before = Datasource + Models.Replace("{0}", string.Empty, StringComparison.Ordinal);
        var after = Datasource + Models.Replace("{0}", "@default(now()) ", StringComparison.Ordinal) + "\nmodel Pending {\n  id String @id\n  @@map(\"pending\")\n}\n";
        var schemaChange = new FileChange("prisma/schema.prisma", ChangeKind.Modified, Blob(before), Blob(after));
        var committed = new Dictionary<string, string?> { ["1_slack"] = Blob(Slack), ["2_prices"] = Blob(Prices) };
        var staged = new Dictionary<string, string?>(committed) { ["3_pending"] = Blob("CREATE TABLE \"pending\" (\"id\" TEXT NOT NULL, CONSTRAINT \"pending_pkey\" PRIMARY KEY (\"id\"));\n") };

        var findings = CommitRules.Evaluate(Changes([schemaChange], before, after, committed, staged), new HashSet<string>());
        Assert.That(findings.Select(f => (f.Code, f.Severity)), Is.EqualTo(new[] { (RuleCodes.MigrationsMissSchema, Severity.Note) }));
        Assert.That(findings[0].Message, Does.Contain("did not match its own migrations"));

        // Dropping a table no statement made is still not followed, so the commit is judged against its parent: refused.
        var lostCommitted = new Dictionary<string, string?>(committed) { ["2_prices"] = Blob(Prices.Replace("CREATE TEMPORARY TABLE temp_prices AS", "SELECT 1;", StringComparison.Ordinal)) };
        var lostStaged = new Dictionary<string, string?>(lostCommitted) { ["3_pending"] = staged["3_pending"] };
        var refused = CommitRules.Evaluate(Changes([schemaChange], before, after, lostCommitted, lostStaged), new HashSet<string>());
        Assert.That(refused.Where(f => f.Severity == Severity.Error).Select(f => f.Code), Is.EqualTo(new[] { RuleCodes.MigrationsMissSchema }));
    }

    [Test]
    public void Files_beside_a_committed_migration_sql_may_change_since_Prisma_s_checksum_covers_migration_sql_alone()
    {
        var folders = new Dictionary<string, string?> { ["1_init"] = "aa", ["2_b"] = "bb" };
        var beside = new[]
        {
            new FileChange("prisma/migrations/2_b/data-migration.ts", ChangeKind.Modified, "d1", "d2"),
            new FileChange("prisma/migrations/2_b/backfill.sql", ChangeKind.Added, null, "d3"),
            new FileChange("prisma/migrations/1_init/README.md", ChangeKind.Deleted, "d4", null),
        };
        Assert.That(Codes(Changes(beside, null, null, folders, new(folders))), Is.Empty);

        // The same commit editing migration.sql too is refused, naming every file it changes in the folder.
        var withScript = beside.Append(new FileChange("prisma/migrations/2_b/migration.sql", ChangeKind.Modified, "bb", "cc")).ToArray();
        var edited = CommitRules.Evaluate(Changes(withScript, null, null, folders, new() { ["1_init"] = "aa", ["2_b"] = "cc" }), new HashSet<string>()).Single();
        Assert.That(edited.Code, Is.EqualTo(RuleCodes.MigrationEdited));
        Assert.That(edited.Message, Does.Contain("data-migration.ts (").And.Contain("migration.sql ("));
    }

    [Test]
    public void An_edited_migration_carrying_the_schema_change_is_one_finding_DH102_not_DH101_beside_it()
    {
        var before = Datasource + "model A {\n  id Int @id\n}\n";
        var after = Datasource + "model A {\n  id Int @id\n  b String\n}\n";
        var changes = new[]
        {
            new FileChange("prisma/schema.prisma", ChangeKind.Modified, Blob(before), Blob(after)),
            new FileChange("prisma/migrations/2_b/migration.sql", ChangeKind.Modified, "bb", "cc"),
        };
        var edited = Changes(changes, before, after, new() { ["1_init"] = "aa", ["2_b"] = "bb" }, new() { ["1_init"] = "aa", ["2_b"] = "cc" });
        var findings = CommitRules.Evaluate(edited with { Base = Known(null, new AddingCommit("0123456789abcdef0123456789abcdef01234567", IsReplaceable: true)) }, new HashSet<string>());
        Assert.That(findings.Select(f => f.Code), Is.EqualTo(new[] { RuleCodes.MigrationEdited }), "git commit --amend alone fixes both");

        // Without the migration edit, the schema change on its own still needs its migration.
        var schemaOnly = Changes([changes[0]], before, after, new() { ["1_init"] = "aa", ["2_b"] = "bb" }, new() { ["1_init"] = "aa", ["2_b"] = "bb" });
        Assert.That(Codes(schemaOnly), Is.EqualTo(new[] { RuleCodes.SchemaWithoutMigration }));
    }

    [Test]
    public void A_range_fix_names_the_base_and_ends_with_commit_and_push()
    {
        var delete = new[] { new FileChange("prisma/migrations/2_b/migration.sql", ChangeKind.Deleted, "bb", null) };
        var changes = Changes(delete, null, null, new() { ["1_init"] = "aa", ["2_b"] = "bb" }, new() { ["1_init"] = "aa" });
        var finding = CommitRules.Evaluate(
            changes with { Base = Known(new PublishedMigration("abc1234", "bb", OnMainline: true), revision: "abc1234", thenCommit: ", then commit and push") },
            new HashSet<string>()).Single();
        Assert.That(finding.Fix, Is.EqualTo("git restore --staged --worktree --source=abc1234 -- prisma/migrations/2_b, then commit and push"));
    }

    [Test]
    public void An_older_migration_the_mainline_already_has_is_not_out_of_order_as_a_merge_brings_it()
    {
        var merged = new[] { new FileChange("prisma/migrations/2_main/migration.sql", ChangeKind.Added, null, "bb") };
        var changes = Changes(merged, null, null, new() { ["1_init"] = "aa", ["3_feature"] = "cc" }, new() { ["1_init"] = "aa", ["2_main"] = "bb", ["3_feature"] = "cc" });
        Assert.That(Codes(changes with { Base = Known(new PublishedMigration("origin/main", "bb", OnMainline: true)) }), Is.Empty);
        Assert.That(Codes(changes with { Base = Known(new PublishedMigration("origin/feature", "bb", OnMainline: false)) }), Is.EqualTo(new[] { RuleCodes.MigrationOutOfOrder }), "pushed elsewhere is not the mainline");
        Assert.That(Codes(changes with { Base = Known(null) }), Is.EqualTo(new[] { RuleCodes.MigrationOutOfOrder }));
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
        Assert.That(PrismaDatasource.LockProvider(Encoding.UTF8.GetBytes("# comment\nprovider = \"postgresql\"\n")), Is.EqualTo("postgresql"));
        Assert.That(PrismaDatasource.LockProvider(Encoding.UTF8.GetBytes("")), Is.Null);
    }

    [Test]
    public void A_new_migration_staged_without_the_schema_edit_it_came_from_is_refused()
    {
        var schema = Datasource + "model A {\n  id Int @id\n}\n";
        var edited = Datasource + "model A {\n  id Int @id\n  b  String\n}\n";
        var script = Blob("ALTER TABLE \"A\" ADD COLUMN \"b\" TEXT NOT NULL;\n");
        var migration = new FileChange("prisma/migrations/2_add_b/migration.sql", ChangeKind.Added, null, script);
        var before = new Dictionary<string, string?> { ["1_init"] = "aa" };
        var after = new Dictionary<string, string?> { ["1_init"] = "aa", ["2_add_b"] = script };
        ProjectChanges MigrationOnly() => Changes([migration], schema, schema, before, after);

        _workingTreeSchema = [new SchemaSource("prisma/schema.prisma", edited)];
        var findings = CommitRules.Evaluate(MigrationOnly(), new HashSet<string>());
        Assert.That(findings.Select(f => f.Code), Is.EqualTo(new[] { RuleCodes.MigrationWithoutSchema }));
        Assert.That(findings[0].Message, Does.Contain("2_add_b").And.Contain("model A"));
        Assert.That(findings[0].Fix, Does.StartWith("git add prisma/schema.prisma"));

        _workingTreeSchema = [new SchemaSource("prisma/schema.prisma", "// note\n" + schema)];
        Assert.That(Codes(MigrationOnly()), Is.Empty, "a working-tree edit that reaches no table is not the migration's source");
        _workingTreeSchema = [new SchemaSource("prisma/schema.prisma", schema + "model B {\n")];
        Assert.That(Codes(MigrationOnly()), Is.Empty, "a schema still being typed is no finding");
        _workingTreeSchema = null;
        Assert.That(Codes(MigrationOnly()), Is.Empty, "no working tree (a commit range)");

        // The schema edit staged too: the ordinary, passing commit, whatever else the working tree holds.
        _workingTreeSchema = [new SchemaSource("prisma/schema.prisma", edited + "model C {\n  id Int @id\n}\n")];
        var schemaChange = new FileChange("prisma/schema.prisma", ChangeKind.Modified, Blob(schema), Blob(edited));
        Assert.That(Codes(Changes([schemaChange, migration], schema, edited, before, after)), Is.Empty);
    }

    [Test]
    public void A_new_script_that_is_not_UTF8_is_refused_and_UTF16_is_named()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("CREATE TABLE \"A\" ();\n")).ToArray();
        var latin1 = Encoding.Latin1.GetBytes("-- café\nCREATE TABLE \"A\" ();\n");
        foreach (var (bytes, expected) in new[] { (utf16, "UTF-16"), (latin1, "byte offset 6") })
        {
            var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(bytes));
            _blobs[id] = bytes;
            var change = new FileChange("prisma/migrations/2_b/migration.sql", ChangeKind.Added, null, id);
            var findings = CommitRules.Evaluate(Changes([change], null, null, new() { ["1_init"] = "aa" }, new() { ["1_init"] = "aa", ["2_b"] = id }), new HashSet<string>());
            Assert.That(findings.Select(f => f.Code), Is.EqualTo(new[] { RuleCodes.MigrationNotUtf8 }));
            Assert.That(findings[0].Message, Does.Contain(expected));
        }

        var bom = Blob("\uFEFFCREATE TABLE \"A\" ();\n");
        var withBom = new FileChange("prisma/migrations/2_b/migration.sql", ChangeKind.Added, null, bom);
        Assert.That(Codes(Changes([withBom], null, null, new() { ["1_init"] = "aa" }, new() { ["1_init"] = "aa", ["2_b"] = bom })), Is.Empty);
    }

    [Test]
    public void A_new_script_with_merge_conflict_markers_is_refused()
    {
        var conflicted = Blob("CREATE TABLE \"A\" ();\r\n<<<<<<< HEAD\r\nALTER TABLE \"A\" ADD \"b\" INT;\r\n=======\r\nALTER TABLE \"A\" ADD \"c\" INT;\r\n>>>>>>> feature\r\n");
        var change = new FileChange("prisma/migrations/2_b/migration.sql", ChangeKind.Added, null, conflicted);
        var findings = CommitRules.Evaluate(Changes([change], null, null, new() { ["1_init"] = "aa" }, new() { ["1_init"] = "aa", ["2_b"] = conflicted }), new HashSet<string>());
        Assert.That(findings.Select(f => f.Code), Is.EqualTo(new[] { RuleCodes.MigrationConflictMarkers }));
        Assert.That(findings[0].Message, Does.Contain("line 2"));
    }

    [TestCase("<<<<<<< HEAD\nx\n", 1)]
    [TestCase("a\nb\n>>>>>>>\n", 3)]
    [TestCase("a\r\n>>>>>>> topic\r\n", 2)]
    [TestCase("-- <<<<<<< in a comment\nSELECT '>>>>>>>';\n", null)]
    [TestCase("<<<<<<<<< longer\n", null)]
    [TestCase("=======\n", null)]
    [TestCase("", null)]
    public void Conflict_markers_are_found_at_line_starts_only(string text, int? line) =>
        Assert.That(CommitRules.ConflictMarkerLine(text), Is.EqualTo(line));

    [Test]
    public void Staged_migrations_must_produce_the_staged_schema()
    {
        var before = Datasource + "model Post {\n  id Int @id\n}\n\nmodel Tag {\n  id Int @id\n}\n";
        var after = Datasource + "model Post {\n  id    Int    @id\n  title String\n}\n\nmodel Tag {\n  id   Int    @id\n  name String @default(\"x\")\n}\n";
        var judge = JudgeWithMigration(before, after);

        Assert.That(judge("ALTER TABLE \"Post\" ADD COLUMN \"title\" TEXT NOT NULL;\nALTER TABLE \"Tag\" ADD COLUMN \"name\" TEXT NOT NULL DEFAULT 'x';\n"), Is.Empty);
        Assert.That(judge("alter table \"Post\" add column title text not null; alter table \"Tag\" add name text not null default 'x'; -- hand-written\n"), Is.Empty);

        var partial = judge("ALTER TABLE \"Post\" ADD COLUMN \"title\" TEXT NOT NULL;\n");
        Assert.That(partial.Select(f => (f.Code, f.Severity)), Is.EqualTo(new[] { (RuleCodes.MigrationsMissSchema, Severity.Error) }));
        Assert.That(partial[0].Message, Does.Contain("model Tag: column name missing from the staged migrations").And.Not.Contain("Post").And.Contain("2_m"));
        Assert.That(partial[0].Location, Is.EqualTo("prisma/migrations/2_m/migration.sql"));
        Assert.That(partial[0].Fix, Does.StartWith("npx prisma migrate diff --from-migrations prisma/migrations --to-schema-datamodel prisma/schema.prisma --shadow-database-url <throwaway_database_url> --script >> prisma/migrations/2_m/migration.sql (<throwaway_database_url>: an empty database made for this on the shadow server"));
        Assert.That(partial[0].Fix, Does.Contain("npx prisma migrate dev --name add_tag_name "));

        var stale = judge("ALTER TABLE \"Post\" ADD COLUMN \"title\" TEXT NOT NULL;\nALTER TABLE \"Tag\" ADD COLUMN \"name\" TEXT NOT NULL DEFAULT '';\n");
        Assert.That(stale.Select(f => f.Code), Is.EqualTo(new[] { RuleCodes.MigrationsMissSchema }));
        Assert.That(stale[0].Message, Does.Contain("default of Tag.name: migration sets '', schema says 'x'"));

        var extra = judge("ALTER TABLE \"Post\" ADD COLUMN \"title\" TEXT NOT NULL, ADD COLUMN \"body\" TEXT;\nALTER TABLE \"Tag\" ADD COLUMN \"name\" TEXT NOT NULL DEFAULT 'x';\n");
        Assert.That(extra.Single().Message, Does.Contain("model Post: column body left by the staged migrations, not in the schema"));
    }

    [Test]
    public void A_foreign_key_s_actions_are_told_as_such_not_as_its_column_s_nullability()
    {
        // The difference is carried as data (member, aspect): a description that merely says " now " about a column
        // name between backticks once read as "migration leaves it NOT NULL" for a foreign key's ON DELETE.
        const string models = "model User {\n  id    Int    @id\n  posts Post[]\n}\n\nmodel Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id]ACTIONS)\n}\n";
        var judge = JudgeWithMigration(Datasource + models.Replace("ACTIONS", "", StringComparison.Ordinal), Datasource + models.Replace("ACTIONS", ", onDelete: Cascade", StringComparison.Ordinal));

        var findings = judge("ALTER TABLE \"Post\" DROP CONSTRAINT \"Post_authorId_fkey\";\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\") ON DELETE SET NULL ON UPDATE CASCADE;\n");

        Assert.That(findings.Select(f => f.Code), Is.EqualTo(new[] { RuleCodes.MigrationsMissSchema }));
        Assert.That(findings[0].Message, Does.Contain("foreign key on `authorId` now ON DELETE CASCADE ON UPDATE CASCADE").And.Not.Contain("leaves it"));
    }

    [Test]
    public void Where_a_statement_cannot_be_followed_offline_a_note_leaves_it_to_the_exact_check_and_the_name_heuristic_warns()
    {
        var before = Datasource + "model Post {\n  id Int @id\n}\n\nmodel Tag {\n  id Int @id\n}\n";
        var after = Datasource + "model Post {\n  id    Int    @id\n  title String\n}\n\nmodel Tag {\n  id   Int    @id\n  name String\n}\n";
        var judge = JudgeWithMigration(before, after);

        var findings = judge("ALTER TABLE \"Post\" ADD COLUMN \"title\" TEXT NOT NULL;\nDO $$ BEGIN EXECUTE 'SELECT 1'; END $$;\n");
        Assert.That(findings.Select(f => (f.Code, f.Severity)), Is.EqualTo(new[] { (RuleCodes.MigrationsMissSchema, Severity.Note), (RuleCodes.MigrationMissesSchemaChange, Severity.Warning) }));
        Assert.That(findings[0].Message, Does.Contain("DO $$ BEGIN EXECUTE").And.Contain("line 2").And.Contain("cannot tell"));
        Assert.That(findings[1].Message, Does.Contain("model Tag").And.Not.Contain("model Post"));

        // PostgreSQL folds post to lower case: no such table; nothing is refused, and every table is named.
        Assert.That(judge("alter table post add column title text not null;\nalter table tag add column name text not null;\n").Select(f => (f.Code, f.Severity)),
            Is.EqualTo(new[] { (RuleCodes.MigrationsMissSchema, Severity.Note) }));
    }

    private Func<string, IReadOnlyList<Finding>> JudgeWithMigration(string before, string after)
    {
        var schemaChange = new FileChange("prisma/schema.prisma", ChangeKind.Modified, Blob(before), Blob(after));
        return sql =>
        {
            var script = Blob(sql);
            var migration = new FileChange("prisma/migrations/2_m/migration.sql", ChangeKind.Added, null, script);
            return CommitRules.Evaluate(
                Changes([schemaChange, migration], before, after, new() { ["1_init"] = "aa" }, new() { ["1_init"] = "aa", ["2_m"] = script }),
                new HashSet<string>());
        };
    }

    public static IEnumerable<TestCaseData> PairsWithPrismaMigrations() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Rules", "SchemaPairMigrations"), "*.sql")
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileNameWithoutExtension(f)).SetName($"Pair_{Path.GetFileNameWithoutExtension(f)}_with_Prisma_s_migration"));

    [TestCaseSource(nameof(PairsWithPrismaMigrations))]
    public void A_schema_pair_staged_with_the_migration_Prisma_writes_for_it_passes_without_a_word(string id)
    {
        var before = File.ReadAllText(Path.Combine(TestData.SchemaPairs, id + ".before.prisma"));
        var after = File.ReadAllText(Path.Combine(TestData.SchemaPairs, id + ".after.prisma"));
        var script = Blob(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rules", "SchemaPairMigrations", id + ".sql")));
        var changes = new[]
        {
            new FileChange("prisma/schema.prisma", ChangeKind.Modified, Blob(before), Blob(after)),
            new FileChange("prisma/migrations/2_change/migration.sql", ChangeKind.Added, null, script),
        };

        var findings = CommitRules.Evaluate(
            Changes(changes, before, after, new() { ["1_init"] = "aa" }, new() { ["1_init"] = "aa", ["2_change"] = script }),
            new HashSet<string>());
        Assert.That(findings, Is.Empty, string.Join("\n", findings.Select(f => $"{f.Code}: {f.Message}")));

        // Without it, the same edit is refused: the pair does change the database.
        Assert.That(Codes(Changes([changes[0]], before, after, new() { ["1_init"] = "aa" }, new() { ["1_init"] = "aa" })), Is.EqualTo(new[] { RuleCodes.SchemaWithoutMigration }));
    }

    public static IEnumerable<TestCaseData> PairsWithLaterEdits() =>
        from id in SchemaPairs.Ids()
        from edit in Enum.GetValues<SchemaPairs.LaterEdit>()
        select new TestCaseData(id, edit).SetName($"Pair_{id}_staged_with_its_migration_after_a_later_{edit}_is_refused");

    [TestCaseSource(nameof(PairsWithLaterEdits))]
    public void A_schema_edited_after_its_migration_was_made_is_refused_naming_the_edit(string id, SchemaPairs.LaterEdit edit)
    {
        var before = SchemaPairs.Schema(id, "before");
        var (after, _) = SchemaPairs.Edit(SchemaPairs.Schema(id, "after"), edit);
        var findings = JudgeWithMigration(before, after)(SchemaPairs.Migration(id));
        Assert.That(findings.Select(f => (f.Code, f.Severity)), Is.EqualTo(new[] { (RuleCodes.MigrationsMissSchema, Severity.Error) }));
        var expected = edit switch
        {
            SchemaPairs.LaterEdit.NullableColumn => "column drifthooks_later missing from the staged migrations",
            SchemaPairs.LaterEdit.Index => "index drifthooks_later_idx missing from the staged migrations",
            _ => "schema says 'later'",
        };
        Assert.That(findings[0].Message, Does.Contain(expected));
    }

    [TestCaseSource(nameof(PairsWithPrismaMigrations))]
    public void A_schema_pair_staged_with_its_migration_missing_the_last_statement_is_refused(string id)
    {
        var statements = SqlLexer.Statements(SchemaPairs.Migration(id));
        var partial = string.Join(";\n", statements.Take(statements.Count - 1).Select(s => s.Text));
        var findings = JudgeWithMigration(SchemaPairs.Schema(id, "before"), SchemaPairs.Schema(id, "after"))(partial);
        Assert.That(findings.Select(f => (f.Code, f.Severity)), Is.EqualTo(new[] { (RuleCodes.MigrationsMissSchema, Severity.Error) }), statements[^1].Text);
    }

    [TestCase("20240101000000_first 20240301000000_init", "add_users", "prisma/migrations/2", TestName = "A hand-named migration among timestamps")]
    [TestCase("20240101000000_first 20240301000000_init", "99990101000000_far", "prisma/migrations/2", TestName = "A timestamp far in the future")]
    [TestCase("20240101000000_first 20240301000000_init", "2024_between", null, TestName = "A short number that still sorts before later timestamps")]
    [TestCase("20240101000000_first 20240301000000_init", "20240401000000_add_users", null, TestName = "A timestamp among timestamps")]
    [TestCase("0_init", "20240401000000_first", null, TestName = "The first migration after Prisma's 0_init baseline")]
    [TestCase("0_init 20240401000000_first", "20240501000000_second", null, TestName = "Timestamps after the baseline")]
    [TestCase("01_init 02_second", "03_add_users", null, TestName = "A number among numbers, as umami names them")]
    [TestCase("01_init 02_second", "3_add_users", "prisma/migrations/03_add_users", TestName = "A number of another width among numbers")]
    [TestCase("01_init 02_second", "add_users", "prisma/migrations/03_add_users", TestName = "A hand-named migration among numbers")]
    public void A_new_migration_must_be_named_so_that_later_ones_sort_after_it(string committed, string name, string? fixNames)
    {
        var before = committed.Split(' ').ToDictionary(n => n, n => (string?)"aa");
        var after = new Dictionary<string, string?>(before) { [name] = "cc" };
        var change = new FileChange($"prisma/migrations/{name}/migration.sql", ChangeKind.Added, null, "cc");
        var findings = CommitRules.Evaluate(Changes([change], null, null, before, after), new HashSet<string>());
        if (fixNames is null)
        {
            Assert.That(findings, Is.Empty);
            return;
        }

        Assert.That(findings.Select(f => f.Code), Is.EqualTo(new[] { RuleCodes.MigrationOutOfOrder }));
        Assert.That(findings[0].Fix, Does.Contain(fixNames));
        Assert.That(findings[0].Fix, Does.EndWith("_" + string.Concat(name.SkipWhile(char.IsAsciiDigit)).TrimStart('_')), "the descriptive part is kept");
    }
}
