using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>The native pre-commit hook, installed with <c>drifthooks install</c>, driven by real <c>git commit</c>.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class PreCommitHookTests
{
    private const string UserModel = "model User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n";
    private const string UserWithName = "model User {\n  id    Int     @id @default(autoincrement())\n  email String  @unique\n  name  String?\n}\n";

    private static TestRepository Baseline()
    {
        var repo = new TestRepository();
        repo.WritePrismaProject(UserModel);
        repo.Write("README.md", "hello\n");
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        return repo;
    }

    [Test]
    public void A_commit_touching_no_Prisma_file_passes_silently()
    {
        using var repo = Baseline();
        repo.Write("README.md", "changed\n");
        repo.MustGit("add", "README.md");
        var result = repo.Commit("-q");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.All, Is.Empty);
    }

    [Test]
    public void Schema_change_without_migration_is_refused_with_the_fix()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.MustGit("add", "-A");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH101").And.Contain("User").And.Contain("npx prisma migrate dev --name "));
        Assert.That(repo.Git("rev-list", "--count", "HEAD").Output.Trim(), Is.EqualTo("1"), "nothing was committed");
    }

    [Test]
    public void A_split_index_is_read_with_its_shared_part()
    {
        using var repo = Baseline();
        repo.MustGit("config", "core.splitIndex", "true");
        repo.MustGit("config", "splitIndex.maxPercentChange", "100");
        repo.MustGit("update-index", "--split-index");
        repo.Write("README.md", "changed\n");
        var other = repo.Commit("-a", "-q");
        Assert.That(other.ExitCode, Is.Zero, other.ToString());
        Assert.That(other.All, Is.Empty);

        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.MustGit("add", "prisma/schema.prisma");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH101"));
    }

    [Test]
    public void A_sparse_index_is_checked_where_it_can_change_and_refused_where_it_hides_a_change()
    {
        using var repo = Baseline();
        repo.WritePrismaProject(UserModel, prefix: "apps/other/prisma");
        repo.Write("apps/web/src/a.ts", "a\n");
        repo.CommitAllWithoutHooks("more");
        var beforeWeb = repo.MustGit("rev-parse", "HEAD").Trim();
        repo.Write("apps/web/src/a.ts", "b\n");
        repo.CommitAllWithoutHooks("web");
        repo.MustGit("sparse-checkout", "set", "--cone", "--sparse-index", "prisma");
        Assert.That(repo.MustGit("ls-files", "--sparse", "-s"), Does.Contain("040000").And.Contain("apps/"), "git did not collapse apps/");

        repo.Write("README.md", "changed\n");
        var other = repo.Commit("-a", "-q");
        Assert.That(other.ExitCode, Is.Zero, other.ToString());
        Assert.That(other.All, Is.Empty);

        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        var refused = repo.Commit("-a");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH101").And.Not.Contain("apps/other"));
        repo.MustGit("checkout", "--", "prisma/schema.prisma");

        // Back to the commit before "web": the collapsed apps/ keeps the newer tree, a change the check cannot see into.
        repo.MustGit("reset", "-q", "--soft", beforeWeb);
        var unreadable = repo.Commit("-q");
        Assert.That(unreadable.ExitCode, Is.Not.Zero, unreadable.ToString());
        Assert.That(unreadable.Error, Does.Contain("apps/").And.Contain("differs from HEAD").And.Contain("--no-sparse-index"));
    }

    [Test]
    public void Schema_change_with_its_migration_passes()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", "ALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n");

        // Its twin first: the same schema edit with the migration left unstaged is refused, so the hook does run here.
        repo.MustGit("add", "prisma/schema.prisma");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH105").And.Contain("20240201000000_add_name"));

        repo.MustGit("add", "-A");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(repo.MustGit("show", "--name-only", "--format=", "HEAD"), Does.Contain("20240201000000_add_name/migration.sql"));
    }

    [Test]
    public void Schema_change_that_cannot_reach_the_database_passes()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", "// a comment\n" + TestRepository.Datasource + "generator client {\n  provider = \"prisma-client-js\"\n}\n\n/// documented\nmodel User {\n  email String @unique\n  id    Int    @id @default(autoincrement())\n}\n");
        repo.MustGit("add", "-A");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Zero, result.ToString());

        // Its twin: an edit of the same file that does reach the database is refused, so the pass above was judged.
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH101"));
    }

    [Test]
    public void Commit_all_uses_the_temporary_index_git_hands_the_hook()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        var result = repo.Commit("-a");
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH101"));

        var onlyPath = repo.Commit("prisma/schema.prisma");
        Assert.That(onlyPath.ExitCode, Is.Not.Zero, onlyPath.ToString());
        Assert.That(onlyPath.Error, Does.Contain("DH101"));
    }

    [Test]
    public void An_amend_is_judged_as_the_commit_it_replaces_HEAD_with()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName.Replace("name ", "nme  ", StringComparison.Ordinal));
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", "ALTER TABLE \"User\" ADD COLUMN \"nme\" TEXT;\n");
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit("-q").ExitCode, Is.Zero);

        // The typo fixed in the schema and in the migration of the commit not yet pushed: one commit again, with its migration.
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", "ALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n");
        var plain = repo.Git("commit", "-a", "-m", "again");
        Assert.That(plain.ExitCode, Is.EqualTo(1), "as a new commit it edits a committed migration");
        Assert.That(plain.Error, Does.Contain("DH102"));
        var amend = repo.Git("commit", "-a", "-q", "--amend", "--no-edit");
        Assert.That(amend.ExitCode, Is.Zero, amend.ToString());
        Assert.That(repo.MustGit("rev-list", "--count", "HEAD").Trim(), Is.EqualTo("2"));

        // An amend still may not touch what HEAD's parent committed; the fix names where it is published. Through an alias too.
        repo.MustGit("config", "alias.fixup-last", "commit --amend --no-edit");
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        var older = repo.Git("fixup-last", "-a");
        Assert.That(older.ExitCode, Is.EqualTo(1), older.ToString());
        Assert.That(older.Error, Does.Contain("DH102").And.Contain("20240101000000_init").And.Contain("--source=main "));
        repo.MustGit("checkout", "--", "prisma/migrations/20240101000000_init/migration.sql");

        // Once HEAD is pushed, others may have applied its migration: an amend may not edit it any more.
        using var remote = new TestRepository(init: false);
        remote.MustGit("init", "-q", "--bare");
        repo.MustGit("remote", "add", "origin", remote.Root);
        repo.MustGit("push", "-q", "--no-verify", "origin", "HEAD:main");
        repo.MustGit("fetch", "-q", "origin");
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", "ALTER TABLE \"User\" ADD COLUMN \"name\" VARCHAR(100);\n");
        var pushed = repo.Git("fixup-last", "-a");
        Assert.That(pushed.ExitCode, Is.EqualTo(1), pushed.ToString());
        Assert.That(pushed.Error, Does.Contain("DH102").And.Contain("20240201000000_add_name").And.Contain("--source=origin/main "));
        repo.MustGit("pack-refs", "--all");
        Assert.That(repo.Git("fixup-last", "-a").ExitCode, Is.EqualTo(1), "a packed remote-tracking ref counts too");
    }

    [Test]
    public void Editing_a_committed_migration_is_refused()
    {
        using var repo = Baseline();
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\nCREATE TABLE \"User\" (\"id\" SERIAL NOT NULL);\n");
        var result = repo.Commit("-a");
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("DH102").And.Contain("20240101000000_init"));
    }

    [Test]
    public void Adding_a_file_beside_a_committed_migration_sql_passes_since_Prisma_s_checksum_covers_migration_sql_alone()
    {
        using var repo = Baseline();
        repo.Write("prisma/migrations/20240101000000_init/notes.md", "notes\n");
        repo.MustGit("add", "-A");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.All, Does.Not.Contain("DH102"));
    }

    [Test]
    public void Deleting_a_committed_migration_is_refused()
    {
        using var repo = Baseline();
        repo.MustGit("rm", "-q", "-r", "prisma/migrations/20240101000000_init");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("DH103").And.Contain("git restore"));
    }

    [Test]
    public void Deleting_the_whole_Prisma_project_is_refused_and_remembered_until_it_is_gone_from_HEAD()
    {
        // The very first commit after install: the projects were remembered by the install itself.
        using var repo = Baseline();
        repo.MustGit("rm", "-q", "-r", "prisma");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH103").And.Contain("20240101000000_init").And.Contain("DH106"));
        Assert.That(repo.Commit().ExitCode, Is.Not.Zero, "a retry is refused again");

        repo.Environment["DRIFTHOOKS_OVERRIDE"] = "project moved to another repository, agreed in ADR-7";
        Assert.That(repo.Commit().ExitCode, Is.Zero);
        repo.Environment.Remove("DRIFTHOOKS_OVERRIDE");
        repo.Write("README.md", "after\n");
        var after = repo.Commit("-a", "-q");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.All, Is.Empty);
    }

    [Test]
    public void A_merge_git_concludes_by_itself_is_checked_by_pre_merge_commit()
    {
        using var repo = Baseline();
        repo.Write(".git/hooks/pre-merge-commit.drifthooks-chained", "#!/bin/sh\necho \"chained merge hook ran as $(basename \"$0\")\" >&2\n");
        File.SetUnixFileMode(Path.Combine(repo.GitDir, "hooks", "pre-merge-commit.drifthooks-chained"), (UnixFileMode)0b111_101_101);

        // A feature branch writes a migration; main meanwhile commits a newer one. Each is fine on its own branch.
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write("prisma/migrations/20240201000000_feature/migration.sql", "SELECT 1;\n");
        repo.CommitAllWithoutHooks("feature migration");
        repo.MustGit("switch", "-q", "main");
        repo.Write("prisma/migrations/20240301000000_main/migration.sql", "SELECT 2;\n");
        repo.CommitAllWithoutHooks("main migration");

        // No conflict, so git commits the merge itself: pre-commit never runs, pre-merge-commit does.
        var merge = repo.Git("merge", "--no-ff", "-m", "Merge feature", "feature");
        Assert.That(merge.ExitCode, Is.Not.Zero, merge.ToString());
        Assert.That(merge.Error, Does.Contain("DH109").And.Contain("20240201000000_feature").And.Contain("DriftHooks pre-merge-commit"));
        Assert.That(merge.Error, Does.Contain("chained merge hook ran as pre-merge-commit"));
        Assert.That(repo.MustGit("rev-list", "--count", "HEAD").Trim(), Is.EqualTo("2"), "no merge commit: base and main's migration");
        repo.MustGit("merge", "--abort");

        // Merging main into the feature branch brings a newer migration: fine.
        repo.MustGit("switch", "-q", "feature");
        var update = repo.Git("merge", "--no-ff", "-m", "Merge main", "main");
        Assert.That(update.ExitCode, Is.Zero, update.ToString());
    }

    /// <summary>
    /// A feature branch whose migration was made after one that reached main first (common when two people work at
    /// once), checked out on the feature; with <paramref name="readme"/>, both branches also edit README.md apart.
    /// </summary>
    private static TestRepository FeatureBehindAnOlderMainMigration(string? readme)
    {
        var repo = Baseline();
        foreach (var (branch, create, migration) in new[] { ("feature", true, "20240301000000_feature"), ("main", false, "20240215000000_main") })
        {
            repo.MustGit(create ? ["switch", "-q", "-c", branch] : ["switch", "-q", branch]);
            repo.Write($"prisma/migrations/{migration}/migration.sql", $"SELECT '{branch}';\n");
            if (readme is not null)
            {
                repo.Write("README.md", $"{branch}: {readme}\n");
            }

            repo.CommitAllWithoutHooks($"{branch} migration");
        }

        repo.MustGit("switch", "-q", "feature");
        return repo;
    }

    [Test]
    public void Merging_the_mainline_into_a_feature_brings_its_older_migrations_without_a_finding()
    {
        using var repo = FeatureBehindAnOlderMainMigration(readme: null);
        var update = repo.Git("merge", "--no-ff", "-m", "Merge main", "main");
        Assert.That(update.ExitCode, Is.Zero, update.ToString());
        Assert.That(update.Error, Does.Not.Contain("DH109"));
        var check = repo.Drifthooks("check", "--base", "main");
        Assert.That(check.ExitCode, Is.Zero, check.ToString());

        // The feature merged back into main is judged as before: its migration sorts after main's, so it passes too.
        repo.MustGit("switch", "-q", "main");
        var back = repo.Git("merge", "--no-ff", "-m", "Merge feature", "feature");
        Assert.That(back.ExitCode, Is.Zero, back.ToString());
    }

    [Test]
    public void A_conflicted_merge_of_the_mainline_concluded_with_git_commit_is_judged_the_same()
    {
        using var repo = FeatureBehindAnOlderMainMigration(readme: "on each branch");
        Assert.That(repo.Git("merge", "main").ExitCode, Is.Not.Zero, "README.md conflicts");
        repo.Write("README.md", "both\n");
        repo.MustGit("add", "README.md");
        var concluded = repo.Git("commit", "--no-edit");
        Assert.That(concluded.ExitCode, Is.Zero, concluded.ToString());
    }

    [Test]
    public void Renaming_a_committed_migration_is_refused()
    {
        using var repo = Baseline();
        repo.MustGit("mv", "prisma/migrations/20240101000000_init", "prisma/migrations/20240101000000_initial");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("DH104").And.Contain("20240101000000_initial"));
    }

    [Test]
    public void A_new_migration_left_unstaged_is_named_with_git_add()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("prisma/migrations/20240201000000_add name/migration.sql", "ALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n");
        repo.MustGit("add", "prisma/schema.prisma");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("DH105").And.Contain("git add 'prisma/migrations/20240201000000_add name'"));
    }

    [Test]
    public void A_new_migration_committed_without_its_schema_edit_is_refused()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", "ALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n");

        repo.MustGit("add", "prisma/migrations");
        var staged = repo.Commit();
        Assert.That(staged.ExitCode, Is.EqualTo(1), staged.ToString());
        Assert.That(staged.Error, Does.Contain("DH110").And.Contain("20240201000000_add_name").And.Contain("git add prisma/schema.prisma"));

        // git commit <paths> hands the hook a temporary index holding only the migration.
        var onlyPath = repo.Commit("prisma/migrations");
        Assert.That(onlyPath.ExitCode, Is.EqualTo(1), onlyPath.ToString());
        Assert.That(onlyPath.Error, Does.Contain("DH110"));

        repo.MustGit("add", "prisma/schema.prisma");
        var both = repo.Commit();
        Assert.That(both.ExitCode, Is.Zero, both.ToString());
    }

    [Test]
    public void A_new_migration_written_as_UTF16_or_left_with_conflict_markers_is_refused()
    {
        using var repo = Baseline();
        var sql = "ALTER TABLE \"User\" ADD COLUMN \"nickname\" TEXT;\r\n";
        repo.WriteBytes("prisma/migrations/20240201000000_custom/migration.sql", [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(sql)]);
        repo.MustGit("add", "-A");
        var utf16 = repo.Commit();
        Assert.That(utf16.ExitCode, Is.EqualTo(1), utf16.ToString());
        Assert.That(utf16.Error, Does.Contain("DH111").And.Contain("UTF-16"));

        repo.Write("prisma/migrations/20240201000000_custom/migration.sql", "<<<<<<< HEAD\n" + sql + "=======\n>>>>>>> topic\n");
        repo.MustGit("add", "-A");
        var conflicted = repo.Commit();
        Assert.That(conflicted.ExitCode, Is.EqualTo(1), conflicted.ToString());
        Assert.That(conflicted.Error, Does.Contain("DH112").And.Contain("line 1"));

        repo.Write("prisma/migrations/20240201000000_custom/migration.sql", sql);
        repo.MustGit("add", "-A");
        var fixedUp = repo.Commit();
        Assert.That(fixedUp.ExitCode, Is.Zero, fixedUp.ToString());
    }

    [Test]
    public void A_new_migration_staged_without_its_script_is_refused()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("prisma/migrations/20240201000000_add_name/README.md", "x\n");
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", "ALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n");
        repo.MustGit("add", "prisma/schema.prisma", "prisma/migrations/20240201000000_add_name/README.md");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("DH105").And.Contain("migration.sql"));
    }

    [Test]
    public void A_new_migration_folder_without_a_script_is_malformed()
    {
        using var repo = Baseline();
        repo.Write("prisma/migrations/20240201000000_empty/notes.txt", "x\n");
        repo.MustGit("add", "-A");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("DH108"));
    }

    [Test]
    public void A_new_migration_that_sorts_before_the_newest_is_refused()
    {
        using var repo = Baseline();
        repo.Write("prisma/migrations/20230101000000_old/migration.sql", "SELECT 1;\n");
        repo.MustGit("add", "-A");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("DH109").And.Contain("git mv"));
    }

    [Test]
    public void Rules_can_be_switched_off_in_drifthooks_json_and_malformed_configuration_is_a_usage_error()
    {
        using var repo = Baseline();
        repo.Write("prisma/migrations/20230101000000_old/migration.sql", "SELECT 1;\n");
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().Error, Does.Contain("DH109"));

        repo.Write("drifthooks.json", "{ \"Rules\": { \"DH109\": false } }\n");
        repo.MustGit("add", "-A");
        var passed = repo.Commit();
        Assert.That(passed.ExitCode, Is.Zero, passed.ToString());

        repo.Write("drifthooks.json", "{ \"Rules\": { \"DH109\": maybe } }\n");
        repo.MustGit("add", "-A");
        var broken = repo.Run(Path.Combine(repo.GitDir, "hooks", "pre-commit"), []);
        Assert.That(broken.ExitCode, Is.EqualTo(2), broken.ToString());
        Assert.That(broken.Error, Does.Contain("drifthooks.json").And.Not.Contain("   at "));
    }

    [Test]
    public void Deleting_or_changing_the_migration_lock_is_refused()
    {
        using var repo = Baseline();
        repo.Write("prisma/migrations/migration_lock.toml", "provider = \"mysql\"\n");
        var changed = repo.Commit("-a");
        Assert.That(changed.ExitCode, Is.Not.Zero);
        Assert.That(changed.Error, Does.Contain("DH107").And.Contain("mysql"));

        repo.MustGit("rm", "-q", "-f", "prisma/migrations/migration_lock.toml");
        var deleted = repo.Commit();
        Assert.That(deleted.ExitCode, Is.Not.Zero);
        Assert.That(deleted.Error, Does.Contain("DH106"));
    }

    [Test]
    public void Override_with_a_reason_passes_and_is_audited()
    {
        using var repo = Baseline();
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        repo.Environment["DRIFTHOOKS_OVERRIDE"] = "hotfix OPS-123 approved by lead";
        var result = repo.Commit("-a");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("OVERRIDDEN").And.Contain("DH102"));
        var audit = File.ReadAllText(Path.Combine(repo.GitDir, "drifthooks", "audit.log"));
        Assert.That(audit, Does.Contain("override").And.Contain("hotfix OPS-123 approved by lead").And.Contain("\"branch\":\"main\"").And.Contain("author@example.com").And.Contain("DH102"));
    }

    [Test]
    public void A_rule_switched_off_by_this_machine_passes_as_a_recorded_override_and_by_the_committed_file_as_policy()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.MustGit("add", "-A");
        repo.Environment["DRIFTHOOKS__RULES__DH101"] = "false";
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("warning DH101").And.Contain("let through").And.Contain("DRIFTHOOKS__RULES__DH101"));
        var audit = File.ReadAllText(Path.Combine(repo.GitDir, "drifthooks", "audit.log"));
        Assert.That(audit, Does.Contain("rule-off").And.Contain("DRIFTHOOKS__RULES__DH101").And.Contain("DH101"));

        // The team's committed switch is policy: no warning, nothing recorded.
        repo.Environment.Remove("DRIFTHOOKS__RULES__DH101");
        repo.Write("drifthooks.json", "{ \"Rules\": { \"DH101\": false } }\n");
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName + "model Post {\n  id Int @id\n}\n");
        repo.MustGit("add", "-A");
        var before = File.ReadAllText(Path.Combine(repo.GitDir, "drifthooks", "audit.log"));
        var policy = repo.Commit();
        Assert.That(policy.ExitCode, Is.Zero, policy.ToString());
        Assert.That(policy.All, Does.Not.Contain("DH101"));
        Assert.That(File.ReadAllText(Path.Combine(repo.GitDir, "drifthooks", "audit.log")), Is.EqualTo(before));
    }

    [TestCase("1")]
    [TestCase("true")]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("skip")]
    public void Override_without_a_real_reason_is_refused(string value)
    {
        using var repo = Baseline();
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        repo.Environment["DRIFTHOOKS_OVERRIDE"] = value;
        var result = repo.Commit("-a");
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error, Does.Contain("not a reason").And.Contain("DRIFTHOOKS_OVERRIDE=\""));
    }

    [Test]
    public void The_first_commit_is_compared_with_nothing()
    {
        using var repo = new TestRepository();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserModel);
        repo.MustGit("add", "-A");
        var withoutMigration = repo.Commit();
        Assert.That(withoutMigration.ExitCode, Is.Not.Zero, withoutMigration.ToString());
        Assert.That(withoutMigration.Error, Does.Contain("DH101"));

        repo.WritePrismaProject(UserModel);
        repo.MustGit("add", "-A");
        var partial = repo.Commit(); // the fixture's init migration creates User without its email column
        Assert.That(partial.Error, Does.Contain("DH115").And.Contain("model User: column email missing from the staged migrations"), partial.ToString());

        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- CreateTable\nCREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"email\" TEXT NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n\n-- CreateIndex\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n");
        repo.MustGit("add", "-A");
        var withMigration = repo.Commit();
        Assert.That(withMigration.ExitCode, Is.Zero, withMigration.ToString());
    }

    [Test]
    public void A_multi_file_schema_is_read_as_one()
    {
        using var repo = new TestRepository();
        repo.Write("package.json", "{ \"name\": \"app\", \"prisma\": { \"schema\": \"prisma/schema\" } }\n");
        repo.Write("prisma/schema/main.prisma", TestRepository.Datasource);
        repo.Write("prisma/schema/user.prisma", UserModel);
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "SELECT 1;\n");
        repo.Write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        repo.CommitAllWithoutHooks();
        repo.Install();

        // Moving a model between files changes nothing.
        repo.Write("prisma/schema/main.prisma", TestRepository.Datasource + UserModel);
        repo.Delete("prisma/schema/user.prisma");
        repo.MustGit("add", "-A");
        var moved = repo.Commit();
        Assert.That(moved.ExitCode, Is.Zero, moved.ToString());

        repo.Write("prisma/schema/post.prisma", "model Post {\n  id Int @id\n}\n");
        repo.MustGit("add", "-A");
        var added = repo.Commit();
        Assert.That(added.ExitCode, Is.Not.Zero, added.ToString());
        Assert.That(added.Error, Does.Contain("DH101").And.Contain("Post"));
    }

    [Test]
    public void A_schema_moved_into_a_multi_file_folder_is_compared_with_itself()
    {
        using var repo = Baseline();
        repo.MustGit("mv", "prisma/schema.prisma", "prisma/schema.tmp");
        Directory.CreateDirectory(Path.Combine(repo.Root, "prisma/schema"));
        repo.MustGit("mv", "prisma/schema.tmp", "prisma/schema/schema.prisma");
        var moved = repo.Commit("-q");
        Assert.That(moved.ExitCode, Is.Zero, moved.ToString());
        Assert.That(moved.All, Is.Empty);

        // Split into files and, in one go, a real change: judged as the change alone.
        repo.Write("prisma/schema/schema.prisma", TestRepository.Datasource);
        repo.Write("prisma/schema/user.prisma", UserWithName);
        repo.MustGit("add", "-A");
        var changed = repo.Commit();
        Assert.That(changed.ExitCode, Is.EqualTo(1), changed.ToString());
        Assert.That(changed.Error, Does.Contain("DH101").And.Contain("column `name` added").And.Not.Contain("table created"));
    }

    [Test]
    public void A_schema_moved_from_its_default_place_is_found_there_without_memory()
    {
        using var repo = Baseline();
        var memory = Path.Combine(repo.GitDir, "drifthooks", "projects");
        Assert.That(File.Exists(memory), Is.True, "install remembers the projects");
        File.Delete(memory);
        repo.MustGit("mv", "prisma/schema.prisma", "prisma/schema.tmp");
        Directory.CreateDirectory(Path.Combine(repo.Root, "prisma/schema"));
        repo.MustGit("mv", "prisma/schema.tmp", "prisma/schema/schema.prisma");
        var moved = repo.Commit("-q");
        Assert.That(moved.ExitCode, Is.Zero, moved.ToString());

        // drifthooks check in CI judges the move the same way.
        var check = repo.Drifthooks("check", "--base", "HEAD~1");
        Assert.That(check.ExitCode, Is.Zero, check.ToString());
    }

    [Test]
    public void A_project_moved_into_a_monorepo_package_is_judged_as_the_same_project()
    {
        using var repo = Baseline();
        repo.Write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        repo.Write("prisma/migrations/20240201000000_second/migration.sql", "SELECT 1;\n");
        repo.CommitAllWithoutHooks("second");
        Directory.CreateDirectory(Path.Combine(repo.Root, "apps/api"));

        // Moved, and one committed migration edited on the way: only the edit is refused, under its new path.
        repo.MustGit("mv", "prisma", "apps/api/prisma");
        repo.Write("apps/api/prisma/migrations/20240201000000_second/migration.sql", "SELECT 2;\n");
        repo.MustGit("add", "-A");
        var edited = repo.Commit();
        Assert.That(edited.ExitCode, Is.EqualTo(1), edited.ToString());
        Assert.That(edited.Error, Does.Contain("DH102").And.Contain("apps/api/prisma/migrations/20240201000000_second"));
        Assert.That(edited.Error, Does.Not.Contain("DH103").And.Not.Contain("DH106").And.Not.Contain("DH101"));

        repo.MustGit("checkout", "HEAD", "--", "prisma/migrations/20240201000000_second/migration.sql");
        repo.MustGit("mv", "-f", "prisma/migrations/20240201000000_second/migration.sql", "apps/api/prisma/migrations/20240201000000_second/migration.sql");
        var moved = repo.Commit("-q");
        Assert.That(moved.ExitCode, Is.Zero, moved.ToString());
        Assert.That(moved.All, Is.Empty);

        var check = repo.Drifthooks("check", "--base", "HEAD~1");
        Assert.That(check.ExitCode, Is.Zero, check.ToString());
    }

    [Test]
    public void The_package_json_schema_path_is_honoured()
    {
        using var repo = new TestRepository();
        repo.Write("package.json", "{ \"name\": \"app\", \"prisma\": { \"schema\": \"db/app.prisma\" } }\n");
        repo.Write("db/app.prisma", TestRepository.Datasource + UserModel);
        repo.Write("db/migrations/20240101000000_init/migration.sql", "SELECT 1;\n");
        repo.Write("db/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        repo.CommitAllWithoutHooks();
        repo.Install();
        repo.Write("db/app.prisma", TestRepository.Datasource + UserWithName);
        var result = repo.Commit("-a");
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH101").And.Contain("db/app.prisma"));
    }

    [Test]
    public void A_prisma_config_ts_schema_entry_is_honoured()
    {
        using var repo = new TestRepository();
        repo.Write("prisma.config.ts", "import { defineConfig, env } from 'prisma/config'\nexport default defineConfig({\n  schema: 'database/schema.prisma',\n  migrations: { path: 'database/history' },\n  datasource: { url: env('DATABASE_URL') },\n})\n");
        repo.Write("database/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n\n" + UserModel);
        repo.Write("database/history/20240101000000_init/migration.sql", "SELECT 1;\n");
        repo.CommitAllWithoutHooks();
        repo.Install();
        repo.Write("database/history/20240101000000_init/migration.sql", "SELECT 2;\n");
        var result = repo.Commit("-a");
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH102").And.Contain("database/history/20240101000000_init"));
    }

    [Test]
    public void Line_endings_alone_change_nothing_but_a_CRLF_edit_is_judged()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", (TestRepository.Datasource + UserModel).Replace("\n", "\r\n"));
        var crlf = repo.Commit("-a");
        Assert.That(crlf.ExitCode, Is.Zero, crlf.ToString());

        repo.Write("prisma/schema.prisma", (TestRepository.Datasource + UserWithName).Replace("\n", "\r\n"));
        var edit = repo.Commit("-a");
        Assert.That(edit.ExitCode, Is.Not.Zero, edit.ToString());
        Assert.That(edit.Error, Does.Contain("DH101"));
    }

    [Test]
    public void A_schema_that_cannot_be_read_is_an_error_never_a_pass()
    {
        using var repo = Baseline();
        repo.WriteBytes("prisma/schema.prisma", [.. System.Text.Encoding.UTF8.GetBytes(TestRepository.Datasource + "model User {\n  id Int @id\n  name String // caf"), 0xE9, (byte)'\n', (byte)'}', (byte)'\n']);
        var latin1 = repo.Commit("-a");
        Assert.That(latin1.ExitCode, Is.Not.Zero, latin1.ToString());
        Assert.That(latin1.Error, Does.Contain("DH100").And.Contain("UTF-8"));

        repo.Write("prisma/schema.prisma", TestRepository.Datasource + "model User {\n  id Int @id\n");
        var broken = repo.Commit("-a");
        Assert.That(broken.ExitCode, Is.Not.Zero, broken.ToString());
        Assert.That(broken.Error, Does.Contain("DH100"));
    }

    [Test]
    public void A_schema_committed_broken_with_no_verify_does_not_block_the_commit_that_fixes_it()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserModel.Replace("}\n", "", StringComparison.Ordinal));
        repo.MustGit("commit", "-q", "-a", "--no-verify", "-m", "broken");

        // This commit cannot repair what it is compared with: warned, not refused.
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserModel);
        var repair = repo.Commit("-a");
        Assert.That(repair.ExitCode, Is.Zero, repair.ToString());
        Assert.That(repair.Error, Does.Contain("warning DH100").And.Contain("as committed before this commit cannot be read (prisma/schema.prisma:").And.Contain("let through unchecked"));
    }

    [Test]
    public void Every_project_of_a_monorepo_is_checked()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(UserModel, "apps/api/prisma");
        repo.WritePrismaProject(UserModel, "apps/admin/prisma");
        repo.CommitAllWithoutHooks();
        repo.Install();
        repo.Write("apps/admin/prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("apps/api/prisma/migrations/20240201000000_unrelated/migration.sql", "SELECT 1;\n");
        repo.MustGit("add", "-A");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH101").And.Contain("apps/admin/prisma/schema.prisma").And.Contain("--schema apps/admin/prisma/schema.prisma"));
        Assert.That(result.Error, Does.Not.Contain("apps/api/prisma/schema.prisma"));
    }

    [Test]
    public void Detached_head_and_linked_worktrees_are_checked()
    {
        using var repo = Baseline();
        repo.MustGit("checkout", "-q", "--detach");
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        var detached = repo.Commit("-a");
        Assert.That(detached.ExitCode, Is.Not.Zero, detached.ToString());
        repo.MustGit("checkout", "-q", "--", "prisma/schema.prisma");

        var worktree = repo.Root + "-wt";
        repo.MustGit("worktree", "add", "-q", worktree, "-b", "feature");
        using var linked = new TestRepository(init: false, root: worktree);
        linked.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        var inWorktree = linked.Commit("-a");
        Assert.That(inWorktree.ExitCode, Is.Not.Zero, inWorktree.ToString());
        Assert.That(inWorktree.Error, Does.Contain("DH101"));
    }
}
