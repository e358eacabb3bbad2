using System.Globalization;
using System.Text.RegularExpressions;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// Every refusal's printed fix, followed literally in a real repository with a bare origin (and a real PostgreSQL as
/// production where pre-push reads one), then the same command run again: it must pass. A fix that cannot be run as
/// printed, or that leads into another refusal, fails here. The README's table "When DriftHooks refuses" lists these.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class FixFollowedTests
{
    private const string UserModel = "model User {\n  id Int @id @default(autoincrement())\n}\n";
    private const string UserWithName = "model User {\n  id   Int     @id @default(autoincrement())\n  name String?\n}\n";
    private const string AddName = "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n";
    private const string UserWithIndexedName = "model User {\n  id   Int     @id @default(autoincrement())\n  name String?\n\n  @@index([name])\n}\n";
    private const string IndexName = "CREATE INDEX \"User_name_idx\" ON \"User\"(\"name\");\n";
    private const string Init = "prisma/migrations/20240101000000_init";

    /// <summary>main with a Prisma project, pushed to a bare origin through the installed hooks (no production configured).</summary>
    private static (TestRepository Repo, TestRepository Origin) Pushed()
    {
        var repo = new TestRepository();
        var origin = new TestRepository(init: false);
        origin.MustGit("init", "-q", "--bare");
        repo.WritePrismaProject(UserModel);
        repo.CommitAllWithoutHooks();
        repo.MustGit("remote", "add", "origin", origin.Root);
        Assert.That(repo.Install().ExitCode, Is.Zero);
        repo.Environment["GIT_EDITOR"] = "true"; // the user's editor, saved as it opens
        repo.MustGit("push", "-q", "-u", "origin", "main");
        return (repo, origin);
    }

    // Prisma's migrate dev needs engines this machine cannot download; the test writes what it writes: a folder named
    // with the current UTC time and the given name, holding the SQL of the schema change (empty with --create-only when
    // the schema is unchanged, as Prisma's create-only writes then).
    internal static Action<Match> MigrateDev(TestRepository repo, string sql) => step =>
    {
        var name = step.Groups["name"].Value;
        var folder = $"prisma/migrations/{DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}_{name}";
        repo.Write(folder + "/migration.sql", step.Value.Contains("--create-only", StringComparison.Ordinal) ? "-- This is an empty migration.\n" : sql);
    };

    internal const string MigrateDevStep = @"npx prisma migrate dev (?:--create-only )?--name (?<name>\w+)";

    internal static Action<Match> CommitAndPush(TestRepository repo) => _ =>
    {
        var commit = repo.Commit();
        Assert.That(commit.ExitCode, Is.Zero, "committing the fix is refused: " + commit);
        var push = repo.Git("push", "-q", "origin", "HEAD");
        Assert.That(push.ExitCode, Is.Zero, "pushing the fix is refused: " + push);
    };

    private static void AssertPasses(ProcessResult result, string what) => Assert.That(result.ExitCode, Is.Zero, $"{what} after following the fix: {result}");

    [Test]
    public void DH101_a_schema_change_without_migration_passes_once_the_printed_migration_is_made_and_staged()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        PrintedFix.Of(repo, refused, "DH101").Doing(MigrateDevStep, MigrateDev(repo, AddName)).Follow();
        AssertPasses(repo.Commit(), "git commit");
    }

    [Test]
    public void DH102_an_edit_of_the_migration_the_last_unpushed_commit_added_passes_as_the_printed_amend()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", AddName);
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().ExitCode, Is.Zero);

        // The schema gains an index, and the migration not yet pushed is edited to create it.
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithIndexedName);
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", AddName + IndexName);
        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        var fix = PrintedFix.Of(repo, refused, "DH102");
        Assert.That(fix.Text, Does.StartWith("git commit --amend"));
        fix.Follow();
        Assert.That(repo.MustGit("status", "--porcelain"), Is.Empty, "the edit is committed");
        Assert.That(repo.MustGit("rev-list", "--count", "main..feature").Trim(), Is.EqualTo("1"), "folded into the commit that added the migration");
        AssertPasses(repo.Drifthooks("check"), "drifthooks check");
    }

    [Test]
    public void DH102_an_edit_of_a_migration_an_older_unpushed_commit_added_is_folded_into_it_as_printed()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", AddName);
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().ExitCode, Is.Zero);
        repo.Write("notes.md", "notes\n");
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().ExitCode, Is.Zero);

        var edited = AddName + IndexName;
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithIndexedName);
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", edited);
        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        var fix = PrintedFix.Of(repo, refused, "DH102");
        Assert.That(fix.Text, Does.Contain("--fixup="));
        fix.Follow();
        Assert.That(repo.MustGit("status", "--porcelain"), Is.Empty);
        Assert.That(repo.MustGit("rev-list", "--count", "main..feature").Trim(), Is.EqualTo("2"), "the fixup is folded in");
        Assert.That(repo.MustGit("show", "feature~1:prisma/migrations/20240201000000_add_name/migration.sql"), Is.EqualTo(edited), "the commit that added it carries the edit");
        AssertPasses(repo.Drifthooks("check"), "drifthooks check");
    }

    [Test]
    public void DH102_an_edit_of_a_pushed_migration_passes_as_the_printed_new_migration()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        var edit = "CREATE INDEX \"User_id_idx\" ON \"User\"(\"id\");\n";
        repo.Write(Init + "/migration.sql", repo.Read(Init + "/migration.sql") + edit);
        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        var fix = PrintedFix.Of(repo, refused, "DH102");
        Assert.That(fix.Text, Does.Contain("--source=origin/main"));
        fix.Fill("<change>", "add_user_id_index")
            .Doing(MigrateDevStep, MigrateDev(repo, ""))
            .Doing("move your edit into that new migration", _ =>
            {
                var created = Directory.GetDirectories(Path.Combine(repo.Root, "prisma/migrations"), "*_add_user_id_index").Single();
                File.WriteAllText(Path.Combine(created, "migration.sql"), edit);
            })
            .Follow();
        AssertPasses(repo.Commit(), "git commit");
    }

    [Test]
    public void DH102_in_check_a_no_verify_edit_of_a_pushed_migration_is_put_back_as_printed_and_check_passes()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write(Init + "/migration.sql", repo.Read(Init + "/migration.sql") + "-- tweaked\n");
        repo.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Tweak init");
        repo.MustGit("push", "-q", "--no-verify", "-u", "origin", "feature");
        var refused = repo.Drifthooks("check");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        PrintedFix.Of(repo, refused, "DH102")
            .Fill("<change>", "tweak")
            .Doing(MigrateDevStep, MigrateDev(repo, ""))
            .Doing("move your edit into that new migration", _ =>
            {
                var created = Directory.GetDirectories(Path.Combine(repo.Root, "prisma/migrations"), "*_tweak").Single();
                File.WriteAllText(Path.Combine(created, "migration.sql"), "-- tweaked\n");
            })
            .Doing("commit and push", CommitAndPush(repo))
            .Follow();
        AssertPasses(repo.Drifthooks("check"), "drifthooks check");
    }

    [Test]
    public void DH101_in_check_a_no_verify_schema_change_passes_once_the_printed_migration_is_added_and_pushed()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Add name");
        repo.MustGit("push", "-q", "--no-verify", "-u", "origin", "feature");
        var refused = repo.Drifthooks("check");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        PrintedFix.Of(repo, refused, "DH101")
            .Doing(MigrateDevStep, MigrateDev(repo, AddName))
            .Doing("commit and push", CommitAndPush(repo))
            .Follow();
        var check = repo.Drifthooks("check");
        AssertPasses(check, "drifthooks check");
        Assert.That(check.Output, Does.Contain("2 commits"), "the --no-verify commit is still in the range");
    }

    [Test]
    public void DH103_a_deleted_committed_migration_passes_once_restored_as_printed()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.MustGit("rm", "-q", "-r", Init);
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        PrintedFix.Of(repo, refused, "DH103").Follow();
        Assert.That(repo.MustGit("status", "--porcelain"), Is.Empty, "nothing left to commit: the deletion is undone");
        AssertPasses(repo.Commit("--allow-empty"), "git commit");
    }

    [Test]
    public void DH104_a_renamed_pushed_migration_passes_once_moved_back_as_printed()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.MustGit("mv", Init, "prisma/migrations/20240101000000_initial");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        PrintedFix.Of(repo, refused, "DH104").Follow();
        AssertPasses(repo.Commit("--allow-empty"), "git commit");
    }

    [Test]
    public void DH105_an_unstaged_migration_passes_once_added_as_printed()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", AddName);
        repo.MustGit("add", "prisma/schema.prisma");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        PrintedFix.Of(repo, refused, "DH105").Follow();
        AssertPasses(repo.Commit(), "git commit");
    }

    [Test]
    public void DH106_a_deleted_lock_file_passes_once_restored_as_printed()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.MustGit("rm", "-q", "prisma/migrations/migration_lock.toml");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        PrintedFix.Of(repo, refused, "DH106").Follow();
        AssertPasses(repo.Commit("--allow-empty"), "git commit");
    }

    [Test]
    public void DH107_a_switched_lock_provider_passes_once_restored_as_printed()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.Write("prisma/migrations/migration_lock.toml", "provider = \"mysql\"\n");
        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        PrintedFix.Of(repo, refused, "DH107").Follow();
        AssertPasses(repo.Commit("--allow-empty"), "git commit");
    }

    [Test]
    public void DH109_an_older_new_migration_passes_once_renamed_as_printed()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("prisma/migrations/20231201000000_add_name/migration.sql", AddName);
        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        PrintedFix.Of(repo, refused, "DH109").Follow();
        AssertPasses(repo.Commit(), "git commit");
    }

    [Test]
    public void DH110_a_migration_staged_without_its_schema_edit_passes_once_the_schema_is_added_as_printed()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", AddName);
        repo.MustGit("add", "prisma/migrations");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        PrintedFix.Of(repo, refused, "DH110").Follow();
        AssertPasses(repo.Commit(), "git commit");
    }

    /// <summary>
    /// A feature branch made before main's newest migration, rebased onto main: its migration now sorts before one
    /// main already has (and, with pre-push, one production applied).
    /// </summary>
    private static void RebasedFeature(TestRepository repo, Func<string, Task>? deploy = null, bool pushedBefore = false)
    {
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write("prisma/migrations/20240105000000_feature/migration.sql", "CREATE TABLE \"Feature\" (\"id\" INTEGER NOT NULL);\n");
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().ExitCode, Is.Zero);
        if (pushedBefore)
        {
            var push = repo.Git("push", "-q", "-u", "origin", "feature");
            Assert.That(push.ExitCode, Is.Zero, push.ToString());
        }
        repo.MustGit("switch", "-q", "main");
        repo.Write("prisma/migrations/20240110000000_main/migration.sql", "CREATE TABLE \"Main\" (\"id\" INTEGER NOT NULL);\n");
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().ExitCode, Is.Zero);
        deploy?.Invoke("20240110000000_main").GetAwaiter().GetResult();
        Assert.That(repo.Git("push", "-q", "origin", "main").ExitCode, Is.Zero);
        repo.MustGit("switch", "-q", "feature");
        repo.MustGit("rebase", "-q", "main");
    }

    [Test]
    public async Task DH205_a_rebased_feature_migration_renamed_as_pre_push_prints_passes_pre_commit_and_the_push()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 1, applied: 1);
        var repo = scenario.Repository;
        repo.Environment["GIT_EDITOR"] = "true";
        Assert.That(scenario.Push().ExitCode, Is.Zero);
        RebasedFeature(repo, name => scenario.ApplyAsync((name, "CREATE TABLE \"Main\" (\"id\" INTEGER NOT NULL);\n")));

        var refused = repo.Git("push", "origin", "feature");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        PrintedFix.Of(repo, refused, "DH205").Doing("commit and push again", CommitAndPush(repo)).Follow();
        AssertPasses(repo.Git("push", "origin", "feature"), "git push");
    }

    [Test]
    public async Task DH205_on_a_feature_branch_pushed_before_its_rebase_the_printed_rename_passes_pre_commit_and_the_push()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 1, applied: 1);
        var repo = scenario.Repository;
        repo.Environment["GIT_EDITOR"] = "true";
        Assert.That(scenario.Push().ExitCode, Is.Zero);
        RebasedFeature(repo, name => scenario.ApplyAsync((name, "CREATE TABLE \"Main\" (\"id\" INTEGER NOT NULL);\n")), pushedBefore: true);

        // A rebased branch is pushed with --force-with-lease; origin/feature has the migration under its old name.
        var refused = repo.Git("push", "--force-with-lease", "origin", "feature");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        var fix = PrintedFix.Of(repo, refused, "DH205");
        Assert.That(fix.Text, Does.StartWith("git mv prisma/migrations/20240105000000_feature "));
        fix.Doing("commit and push again", _ =>
        {
            var commit = repo.Commit();
            Assert.That(commit.ExitCode, Is.Zero, "pre-commit refuses the printed rename: " + commit);
        }).Follow();
        AssertPasses(repo.Git("push", "--force-with-lease", "origin", "feature"), "git push --force-with-lease");
    }

    [Test]
    public async Task DH202_an_applied_migration_edited_with_no_verify_passes_the_push_once_restored_and_moved_as_printed()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        var repo = scenario.Repository;
        Assert.That(scenario.Push().ExitCode, Is.Zero);
        var edit = "CREATE INDEX \"T2_id_idx\" ON \"T2\"(\"id\");\n";
        repo.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2) + edit);
        repo.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Index T2");
        var refused = scenario.Push();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());

        PrintedFix.Of(repo, refused, "DH202")
            .Fill("<change>", "index_t2")
            .Doing(MigrateDevStep, MigrateDev(repo, ""))
            .Doing("move the edit into that new migration", _ =>
            {
                var created = Directory.GetDirectories(Path.Combine(repo.Root, "prisma/migrations"), "*_index_t2").Single();
                File.WriteAllText(Path.Combine(created, "migration.sql"), edit);
            })
            .Doing("commit and push again", CommitAndPush(repo))
            .Follow();
        AssertPasses(scenario.Push(), "git push");
        Assert.That(repo.MustGit("show", $"origin/main:prisma/migrations/{PushScenario.Name(2)}/migration.sql"), Is.EqualTo(PushScenario.Script(2)), "production's version is what main holds");
    }

    [Test]
    public void DH109_in_check_a_rebased_feature_migration_renamed_as_printed_passes_pre_commit_and_check()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        RebasedFeature(repo);

        var refused = repo.Drifthooks("check");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        PrintedFix.Of(repo, refused, "DH109").Doing("commit and push", CommitAndPush(repo)).Follow();
        AssertPasses(repo.Drifthooks("check"), "drifthooks check");
    }

    [Test]
    public void DH109_in_check_a_feature_branch_pushed_before_its_rebase_is_renamed_as_printed_and_check_passes()
    {
        var (repo, origin) = Pushed();
        using var _ = repo;
        using var __ = origin;
        RebasedFeature(repo, pushedBefore: true);

        var refused = repo.Drifthooks("check");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        PrintedFix.Of(repo, refused, "DH109").Doing("commit and push", _ =>
        {
            var commit = repo.Commit();
            Assert.That(commit.ExitCode, Is.Zero, "pre-commit refuses the printed rename: " + commit);
            var push = repo.Git("push", "-q", "--force-with-lease", "origin", "HEAD");
            Assert.That(push.ExitCode, Is.Zero, "pushing the rebased, renamed branch is refused: " + push);
        }).Follow();
        AssertPasses(repo.Drifthooks("check"), "drifthooks check");
    }
}
