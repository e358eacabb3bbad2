using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// Database-side problems (DH4xx) as a developer meets them on a broken morning: the native <c>drifthooks</c>
/// diagnoses, its printed fix is run literally (<see cref="PrintedFix"/>), and the same command then goes green.
/// Databases hold what their history says: the migration SQL, then the row as Prisma writes it.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class DatabaseFixTests
{
    const string Init = "-- CreateEnum\nCREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');\n\n-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n    \"role\" \"Role\" NOT NULL DEFAULT 'USER',\n\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n";
    const string Post = "-- CreateTable\nCREATE TABLE \"Post\" (\n    \"id\" SERIAL NOT NULL,\n    \"authorId\" INTEGER NOT NULL,\n\n    CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\")\n);\n\n-- AddForeignKey\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\") ON DELETE RESTRICT ON UPDATE CASCADE;\n";
    const string Name = "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n";
    const string Schema = "enum Role {\n  USER\n  ADMIN\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  role  Role   @default(USER)\n  name  String?\n  posts Post[]\n}\n\nmodel Post {\n  id       Int  @id @default(autoincrement())\n  author   User @relation(fields: [authorId], references: [id])\n  authorId Int\n}\n";

    static readonly (string Name, string Sql)[] Migrations =
    [
        ("20240101000000_init", Init),
        ("20240102000000_post", Post),
        ("20240103000000_user_name", Name),
    ];

    [Test]
    public async Task An_emptied_local_history_is_told_apart_refused_by_sync_and_put_back_by_the_printed_restore()
    {
        using var s = await Scenario.CreateAsync();
        Assert.That(s.Repository.Drifthooks("backup").ExitCode, Is.Zero);
        var good = s.LocalBackups().Single();
        await s.Server.ExecuteAsync(s.Local.Name, "DELETE FROM \"_prisma_migrations\"");

        // An empty history is not saved: it would become the newest file and hide the backup that can restore.
        var empty = s.Repository.Drifthooks("backup");
        Assert.That(empty.ExitCode, Is.Zero, empty.ToString());
        Assert.That(empty.Output, Does.Contain("nothing saved"));
        Assert.That(s.LocalBackups(), Is.EqualTo(new[] { good }));

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(1), status.ToString());
        Assert.That(status.Output, Does.Contain("DH416").And.Contain("records no migration").And.Contain("(type public.Role, created by 20240101000000_init)"));
        Assert.That(status.Output, Does.Not.Contain("DH410"), "not 'behind': sync cannot replay onto these tables");
        var fix = PrintedFix.Of(s.Repository, status, "DH416");
        Assert.That(fix.Text, Is.EqualTo("drifthooks restore " + Path.GetRelativePath(s.Repository.Root, good)));

        // Sync refuses before writing anything: no failed row, no backup.
        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        Assert.That(sync.Error, Does.Contain("DH416").And.Contain("nothing was changed"));
        Assert.That(await s.Server.QueryScalarAsync(s.Local.Name, "SELECT count(*) FROM \"_prisma_migrations\""), Is.EqualTo(0L));
        Assert.That(s.LocalBackups(), Is.EqualTo(new[] { good }));

        // The pre-development checklist finds it from the same comparison, with the same fix (the emptied table is no "0 applied, in line").
        var checklist = s.Repository.Drifthooks("doctor");
        Assert.That(checklist.Output, Does.Match(@"\[FAIL\] local database +DH416: ").And.Not.Contain("in line with the working tree"), checklist.ToString());
        Assert.That(checklist.Output, Does.Contain("fix: " + fix.Text + "\n"), checklist.ToString());

        fix.Follow();
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.Output, Does.Contain("verdict: in sync"));
        await s.AssertPrismaAgreesAsync();
    }

    [Test]
    public async Task A_dropped_history_table_without_a_backup_is_recorded_by_the_printed_migrate_resolve_sequence()
    {
        if (PrismaOracle.Unavailable() is { } why)
        {
            Assert.Ignore("needs the real Prisma CLI (../shared/prisma-oracle) to run the printed npx prisma commands: " + why);
        }

        using var s = await Scenario.CreateAsync();
        await s.Server.ExecuteAsync(s.Local.Name, "DROP TABLE \"_prisma_migrations\"");

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(1), status.ToString());
        Assert.That(status.Output, Does.Contain("DH416").And.Contain("has no _prisma_migrations table").And.Not.Contain("DH403"));
        var fix = PrintedFix.Of(s.Repository, status, "DH416");
        Assert.That(fix.Text, Does.StartWith("for m in 20240101000000_init 20240102000000_post 20240103000000_user_name; do npx prisma migrate resolve --applied"));

        fix.WithPrisma(s.Local).Follow();
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        await s.AssertPrismaAgreesAsync();
    }

    [Test]
    public async Task Restoring_an_empty_backup_onto_a_dropped_table_is_refused_and_its_fix_names_the_backup_that_holds_rows()
    {
        using var s = await Scenario.CreateAsync();
        Assert.That(s.Repository.Drifthooks("backup").ExitCode, Is.Zero);
        var good = s.LocalBackups().Single();

        // As an earlier DriftHooks saved it after the table was emptied: newer, and holding nothing.
        var emptyFile = Path.Combine(Path.GetDirectoryName(good)!, "local-29990101T000000Z.json");
        File.WriteAllText(emptyFile, """{ "format": "drifthooks-migration-history-backup", "formatVersion": 1, "database": "local", "url": "postgresql://u@h:5432/db?schema=public", "schema": "public", "createdAt": "2999-01-01T00:00:00.0000000+00:00", "tableExists": true, "rows": [] }""");
        await s.Server.ExecuteAsync(s.Local.Name, "DROP TABLE \"_prisma_migrations\"");

        var restore = s.Repository.Drifthooks("restore", emptyFile, "--yes");
        Assert.That(restore.ExitCode, Is.EqualTo(1), restore.ToString());
        Assert.That(restore.Error, Does.Contain("DH435").And.Contain("no applied migration"));
        var fix = PrintedFix.Of(s.Repository, restore, "DH435");
        Assert.That(fix.Text, Is.EqualTo("drifthooks restore " + Path.GetRelativePath(s.Repository.Root, good)));

        fix.Follow();
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        await s.AssertPrismaAgreesAsync();

        // doctor does not take the empty file for a fresh backup.
        File.Delete(good);
        var doctor = s.Repository.Drifthooks("doctor");
        Assert.That(doctor.Output, Does.Match(@"\[warn\] backup.*no backup holding a migration history"));
    }

    [Test]
    public async Task Status_sends_a_missing_local_database_to_sync_which_creates_it_as_prisma_migrate_dev_would()
    {
        using var s = await Scenario.CreateAsync(applied: 0);
        var missing = "drifthooks_missing_" + Guid.NewGuid().ToString("N")[..8];
        s.Repository.Environment["DATABASE_URL"] = s.Server.PrismaUrl(missing);

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.Zero, "a warning is no drift: " + status);
        Assert.That(status.Output, Does.Contain("warning DH403").And.Contain("does not exist yet").And.Contain("verdict: no drift; 1 warning"));
        var fix = PrintedFix.Of(s.Repository, status, "DH403");
        Assert.That(fix.Text, Is.EqualTo("drifthooks sync"));

        fix.Follow();
        Assert.That(fix.Output, Does.Contain("applied 3 migration(s)"));
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        await s.Server.ExecuteAsync("postgres", $"DROP DATABASE \"{missing}\"");
    }

    [Test]
    public async Task A_failed_local_migration_is_cleared_by_the_printed_rebuild()
    {
        using var s = await Scenario.CreateAsync(applied: 2);
        await PrismaMigrator.InsertFailedAsync(s.Local.PrismaUrl, Migrations[2].Name, DriftHooks.Core.Prisma.MigrationChecksum.Compute(Encoding.UTF8.GetBytes(Migrations[2].Sql)));

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(1), status.ToString());
        Assert.That(status.Output, Does.Contain($"npx prisma migrate resolve --rolled-back {Migrations[2].Name}, then drifthooks sync"), "the data-keeping way is named too");
        await s.AssertPrismaAgreesAsync(upToDate: false);
        var fix = PrintedFix.Of(s.Repository, status, "DH413");
        Assert.That(fix.Text, Is.EqualTo("drifthooks sync --reset"));

        fix.Follow();
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        await s.AssertPrismaAgreesAsync();
    }

    [Test]
    public async Task Documenso_sized_lost_history_names_the_backup_and_lists_a_few_migrations_with_a_count()
    {
        var corpus = Path.Combine(SharedFolder.Corpus, "documenso");
        if (!Directory.Exists(corpus))
        {
            Assert.Ignore($"needs the documenso corpus at {corpus}");
        }

        var server = await PostgresServer.SharedAsync();
        var local = await server.CreateDatabaseAsync();
        using var repository = new TestRepository();
        CopyFolder(corpus, Path.Combine(repository.Root, "prisma"));
        repository.CommitAllWithoutHooks();
        repository.Environment["NEXT_PRIVATE_DATABASE_URL"] = local.PrismaUrl;
        var migrations = PrismaMigrator.Load(Path.Combine(repository.Root, "prisma", "migrations"));
        await PrismaMigrator.ApplyAsync(local.PrismaUrl, migrations);
        Assert.That(repository.Drifthooks("backup").ExitCode, Is.Zero);
        await server.ExecuteAsync(local.Name, "TRUNCATE \"_prisma_migrations\"");

        var status = repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(1), status.ToString());
        var lost = status.Output.Split('\n').Single(l => l.Contains("DH416", StringComparison.Ordinal));
        Assert.That(lost, Does.Contain($"what {migrations.Count} migrations it lacks create").And.Contain($"and {migrations.Count - 5} more").And.Not.Contain(migrations[^1].Name), "five names and a count, not 163");
        Assert.That(lost.Length, Is.LessThan(1200));

        var sync = repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        Assert.That(await server.QueryScalarAsync(local.Name, "SELECT count(*) FROM \"_prisma_migrations\""), Is.EqualTo(0L), "sync wrote no failed row");

        PrintedFix.Of(repository, status, "DH416").Follow();
        var after = repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
    }

    [Test]
    public async Task A_schema_reading_another_variable_is_asked_for_by_that_name_and_the_printed_line_configures_it()
    {
        using var s = await Scenario.CreateAsync();
        s.Repository.Write("prisma/schema.prisma", TestRepository.Datasource.Replace("DATABASE_URL", "NEXT_PRIVATE_DATABASE_URL", StringComparison.Ordinal) + Schema);
        s.Repository.CommitAllWithoutHooks("documenso's variable");

        // DATABASE_URL is set, and not what this project reads: it must be neither used nor asked for.
        s.Repository.Environment["DATABASE_URL"] = $"postgresql://nobody:nothing@127.0.0.1:{PostgresServer.FreePort()}/nowhere";
        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        Assert.That(status.Output, Does.Contain("DH402").And.Contain("NEXT_PRIVATE_DATABASE_URL (the variable prisma/schema.prisma's datasource reads) in the environment or .env or prisma/.env, or Local:Url in .drifthooks.local.json"));
        Assert.That(status.Output, Does.Contain("verdict: nothing compared: the local database and production not configured"));
        var fix = PrintedFix.Of(s.Repository, status, "DH402");
        Assert.That(fix.Text, Is.EqualTo("echo 'NEXT_PRIVATE_DATABASE_URL=\"postgresql://USER:PASSWORD@localhost:5432/DATABASE\"' >> .env"));

        var drift = s.Repository.Drifthooks("drift");
        Assert.That(drift.ExitCode, Is.EqualTo(2), drift.ToString());
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = s.Local.PrismaUrl;
        var noShadow = s.Repository.Drifthooks("drift");
        Assert.That(noShadow.ExitCode, Is.EqualTo(2), noShadow.ToString());
        Assert.That(noShadow.Error, Does.Contain("No server for the shadow database").And.Contain("NEXT_PRIVATE_DATABASE_URL").And.Not.Contain("set DATABASE_URL"));
        s.Repository.Environment.Remove("DRIFTHOOKS_PRODUCTION_URL");

        fix.Fill("postgresql://USER:PASSWORD@localhost:5432/DATABASE", s.Local.PrismaUrl).Follow();
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.Output, Does.Contain("(from NEXT_PRIVATE_DATABASE_URL in .env)").And.Not.Contain("DH402"));
        Assert.That(after.Output, Does.Contain("verdict: in sync; production not compared (not configured)"));
    }

    [Test]
    public async Task A_migration_production_got_from_a_branch_never_pushed_is_named_with_that_branch_and_merging_it_lets_the_push_through()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2);
        s.Repository.MustGit("checkout", "-q", "-b", "hotfix-login");
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(5)}/migration.sql", PushScenario.Script(5));
        s.Repository.CommitAllWithoutHooks("hotfix applied straight to production");
        await s.ApplyAsync((PushScenario.Name(5), PushScenario.Script(5)));
        s.Repository.MustGit("checkout", "-q", "main");

        var push = s.Push();
        Assert.That(push.ExitCode, Is.Not.Zero, push.ToString());
        Assert.That(push.Error, Does.Contain("DH201").And.Contain("on branch hotfix-login"));
        var fix = PrintedFix.Of(s.Repository, push, "DH201");
        Assert.That(fix.Text, Is.EqualTo("git merge hotfix-login"));

        fix.Follow();
        var again = s.Push();
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
    }

    [Test]
    public async Task A_migration_production_got_from_a_branch_this_clone_has_not_fetched_is_fetched_then_merged_as_printed()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2);
        s.Repository.Environment["GIT_EDITOR"] = "true";
        Assert.That(s.Push().ExitCode, Is.Zero);

        // A colleague's clone pushes a hotfix branch and deploys it; this clone has not fetched since.
        using var colleague = new TestRepository(init: false);
        colleague.MustGit("clone", "-q", "-b", "main", s.Remote.Root, ".");
        colleague.MustGit("checkout", "-q", "-b", "hotfix-login");
        colleague.Write($"prisma/migrations/{PushScenario.Name(5)}/migration.sql", PushScenario.Script(5));
        colleague.CommitAllWithoutHooks("hotfix applied straight to production");
        colleague.MustGit("push", "-q", "origin", "hotfix-login");
        await s.ApplyAsync((PushScenario.Name(5), PushScenario.Script(5)));
        s.Repository.Write("notes.md", "notes\n");
        s.Repository.CommitAllWithoutHooks("notes");

        var push = s.Push();
        Assert.That(push.ExitCode, Is.EqualTo(1), push.ToString());
        Assert.That(push.Error, Does.Contain("No branch or commit of this clone holds it"));
        var fetch = PrintedFix.Of(s.Repository, push, "DH201");
        Assert.That(fetch.Text, Does.StartWith("git fetch --all (").And.Contain(PushScenario.Name(5) + "' [row id "));
        fetch.Follow();

        var again = s.Push();
        Assert.That(again.ExitCode, Is.EqualTo(1), again.ToString());
        var merge = PrintedFix.Of(s.Repository, again, "DH201");
        Assert.That(merge.Text, Is.EqualTo("git merge origin/hotfix-login"), "fetched, the branch is named: no loop");
        merge.Follow();
        var green = s.Push();
        Assert.That(green.ExitCode, Is.Zero, green.ToString());
    }

    [Test]
    public async Task Sync_refused_while_production_is_ahead_names_the_branch_that_holds_the_migration_and_its_fix_syncs()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "S");
        var local = await s.Server.CreateDatabaseAsync();
        s.Repository.Environment["DATABASE_URL"] = local.PrismaUrl;
        s.Repository.Environment["GIT_EDITOR"] = "true";
        s.Repository.MustGit("checkout", "-q", "-b", "hotfix-login");
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(5)}/migration.sql", PushScenario.Script(5, "S"));
        s.Repository.CommitAllWithoutHooks("hotfix applied straight to production");
        await s.ApplyAsync((PushScenario.Name(5), PushScenario.Script(5, "S")));
        s.Repository.MustGit("checkout", "-q", "main");

        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        var fix = PrintedFix.Of(s.Repository, sync, "DH430");
        Assert.That(fix.Text, Is.EqualTo("git merge hotfix-login && drifthooks sync"));
        Assert.That(await s.Server.QueryScalarAsync(local.Name, "SELECT count(*) FROM pg_tables WHERE tablename = '_prisma_migrations'"), Is.EqualTo(0L), "nothing was changed");

        fix.Follow();
        Assert.That(fix.Output, Does.Contain("applied 3 migration(s)"));
        var again = s.Repository.Drifthooks("sync");
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
    }

    [Test]
    public async Task Sync_refused_for_an_applied_migration_edited_since_is_green_once_the_printed_move_and_restore_are_followed()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "E");
        var local = await s.Server.CreateDatabaseAsync();
        s.Repository.Environment["DATABASE_URL"] = local.PrismaUrl;
        const string Index = "CREATE INDEX \"E2_id_idx\" ON \"E2\"(\"id\");\n";
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, "E") + Index);
        s.Repository.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Index E2");

        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        var fix = PrintedFix.Of(s.Repository, sync, "DH431");
        var applied = s.Repository.MustGit("rev-parse", "--short=7", "HEAD~1").Trim();
        // The applied version back first: Prisma's migrate dev refuses to run while an applied migration differs from it.
        Assert.That(fix.Text, Does.StartWith($"cp prisma/migrations/{PushScenario.Name(2)}/migration.sql <change>.sql (your edit, kept aside), then git restore --staged --worktree --source=" + applied + " -- "));
        Assert.That(await s.Server.QueryScalarAsync(local.Name, "SELECT count(*) FROM pg_tables WHERE tablename = '_prisma_migrations'"), Is.EqualTo(0L), "nothing was changed");

        FollowTheMoveAndRestore(s.Repository, fix, "index_e2", Index, applied);
        Assert.That(File.ReadAllText(Path.Combine(s.Repository.Root, "prisma", "migrations", PushScenario.Name(2), "migration.sql")), Is.EqualTo(PushScenario.Script(2, "E")), "the version production applied is back");
    }

    /// <summary>
    /// Follows DH431's fix as printed: the edit (<paramref name="edit"/>) moved into a new migration named
    /// <paramref name="change"/>, the applied version restored, then sync applies all three, and syncs green after.
    /// </summary>
    static void FollowTheMoveAndRestore(TestRepository repository, PrintedFix fix, string change, string edit, string appliedAt)
    {
        fix.Fill("<change>", change)
            .Doing(FixFollowedTests.MigrateDevStep, FixFollowedTests.MigrateDev(repository, "", appliedAt))
            .Doing("move your edit into that new migration", _ =>
            {
                // The edit as the user kept it aside: what it adds to the applied version.
                Assert.That(File.ReadAllText(Path.Combine(repository.Root, change + ".sql")), Does.EndWith(edit));
                File.WriteAllText(Directory.GetDirectories(Path.Combine(repository.Root, "prisma", "migrations"), "*_" + change).Single() + "/migration.sql", edit);
            })
            .Follow();
        Assert.That(fix.Output, Does.Contain("applied 3 migration(s)"));
        var again = repository.Drifthooks("sync");
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
    }

    [Test]
    public async Task A_version_git_never_held_that_created_more_than_git_s_stops_the_printed_fix_at_its_drift_step_before_anything_is_recorded()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 1, tables: "V");
        const string Extra = "CREATE INDEX \"V2_extra_idx\" ON \"V2\"(\"id\");\n";
        await s.ApplyAsync((PushScenario.Name(2), PushScenario.Script(2, "V") + Extra)); // deployed from a working tree, the index dropped before the commit
        await s.UseLocalDatabaseAsync();

        var push = s.Push();
        Assert.That(push.ExitCode, Is.EqualTo(1), push.ToString());
        var fix = PrintedFix.Of(s.Repository, push, "DH202");
        Assert.That(fix.Steps()[0], Is.EqualTo("drifthooks drift"));
        var checksum = await s.ProductionServer.QueryScalarAsync(s.Production.Name, "SELECT checksum FROM _prisma_migrations WHERE migration_name = '" + PushScenario.Name(2) + "'");

        var drift = s.Repository.Drifthooks("drift");
        Assert.That(drift.ExitCode, Is.EqualTo(1), drift.ToString());
        Assert.That(drift.Output, Does.Contain("V2_extra_idx"));
        Assert.That(await s.ProductionServer.QueryScalarAsync(s.Production.Name, "SELECT checksum FROM _prisma_migrations WHERE migration_name = '" + PushScenario.Name(2) + "'"), Is.EqualTo(checksum), "nothing recorded");
    }

    [Test]
    public async Task Drift_s_warning_for_an_applied_migration_edited_since_leads_through_status_to_the_fix_that_clears_it()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "W");
        await s.UseLocalDatabaseAsync(); // its server is the shadow server drift replays on
        Assert.That(s.Push().ExitCode, Is.Zero, "main, as production was deployed from it");
        const string Edit = "CREATE INDEX \"W2_id_idx\" ON \"W2\"(\"id\");\n";
        // The schema gains an index, and the SQL for it is put into the migration production applied: committed past the hook.
        s.Repository.Write("prisma/schema.prisma", PushScenario.Schema(2, "W").Replace("model W2 {\n  id Int @id @default(autoincrement())\n", "model W2 {\n  id Int @id @default(autoincrement())\n\n  @@index([id])\n", StringComparison.Ordinal));
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, "W") + Edit);
        s.Repository.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Index W2 in its applied migration");

        var drift = s.Repository.Drifthooks("drift");
        var warned = PrintedFix.Of(s.Repository, drift, "DH331");
        Assert.That(warned.Steps(), Is.EqualTo(new[] { "drifthooks status", "drifthooks drift again" }), warned.Text);

        // The printed next command names the fix that clears it; followed, drift no longer warns.
        var status = s.Repository.Drifthooks("status");
        var fix = PrintedFix.Of(s.Repository, status, "DH202");
        fix.Fill("<change>", "index_w2")
            .Doing(FixFollowedTests.MigrateDevStep, FixFollowedTests.MigrateDev(s.Repository, ""))
            .Doing("move your edit into that new migration", _ => File.WriteAllText(Directory.GetDirectories(Path.Combine(s.Repository.Root, "prisma", "migrations"), "*_index_w2").Single() + "/migration.sql", Edit))
            .Doing("commit and push(?: again)?", FixFollowedTests.CommitAndPush(s.Repository))
            .Follow();
        var again = s.Repository.Drifthooks("drift");
        Assert.That(again.All, Does.Not.Contain("DH331"), again.ToString());
        Assert.That(s.Repository.MustGit("show", $"origin/main:prisma/migrations/{PushScenario.Name(2)}/migration.sql"), Is.EqualTo(PushScenario.Script(2, "W")));
    }

    [Test]
    public async Task A_column_added_by_hand_in_production_is_captured_in_a_migration_then_recorded_as_applied_there_as_printed()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "K");
        await s.UseLocalDatabaseAsync(); // its server is the shadow server drift replays on
        Assert.That(s.Push().ExitCode, Is.Zero);
        const string AddNote = "ALTER TABLE \"K2\" ADD COLUMN \"note\" TEXT;\n";
        await s.ProductionServer.ExecuteAsync(s.Production.Name, AddNote);

        // The capture way ends by recording the migration in production, pointed there with a role that may write its history.
        var drift = s.Repository.Drifthooks("drift");
        Assert.That(drift.ExitCode, Is.EqualTo(1), drift.ToString());
        Assert.That(PrintedFix.Of(s.Repository, drift, "DH303").Text, Does.Contain("then mark it applied in production with DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma migrate resolve --applied <that migration>"));

        // The user captures it: the schema and a migration with production's column, committed through the hooks.
        const string Capture = "20240103000000_capture_note";
        s.Repository.Write("prisma/schema.prisma", PushScenario.Schema(2, "K").Replace("model K2 {\n  id Int @id @default(autoincrement())\n", "model K2 {\n  id Int @id @default(autoincrement())\n  note String?\n", StringComparison.Ordinal));
        s.Repository.Write($"prisma/migrations/{Capture}/migration.sql", AddNote);
        s.Repository.MustGit("add", "-A");
        Assert.That(s.Repository.Commit().ExitCode, Is.Zero);

        RecordsTheCaptureAsPrinted(s, "DH303", Capture, "does");
    }

    [Test]
    public async Task A_default_changed_by_hand_in_production_is_captured_in_a_migration_then_recorded_as_applied_there_as_printed()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "F");
        await s.UseLocalDatabaseAsync(); // its server is the shadow server drift replays on
        const string Status = "20240103000000_status";
        const string AddStatus = "ALTER TABLE \"F2\" ADD COLUMN \"status\" TEXT NOT NULL DEFAULT 'draft';\n";
        string Schema(string status) => PushScenario.Schema(2, "F").Replace(
            "model F2 {\n  id Int @id @default(autoincrement())\n", $"model F2 {{\n  id Int @id @default(autoincrement())\n  status String @default(\"{status}\")\n", StringComparison.Ordinal);
        s.Repository.Write("prisma/schema.prisma", Schema("draft"));
        s.Repository.Write($"prisma/migrations/{Status}/migration.sql", AddStatus);
        s.Repository.MustGit("add", "-A");
        Assert.That(s.Repository.Commit().ExitCode, Is.Zero);
        await s.ApplyAsync((Status, AddStatus));
        Assert.That(s.Push().ExitCode, Is.Zero);
        await s.ProductionServer.ExecuteAsync(s.Production.Name, "ALTER TABLE \"F2\" ALTER COLUMN \"status\" SET DEFAULT 'open';");

        var drift = s.Repository.Drifthooks("drift");
        Assert.That(drift.ExitCode, Is.EqualTo(1), drift.ToString());
        Assert.That(PrintedFix.Of(s.Repository, drift, "DH307").Text, Does.Contain("npx prisma migrate resolve --applied <that migration>"));

        // The user captures production's default: the schema and a migration setting it, committed through the hooks.
        const string Capture = "20240104000000_capture_status_default";
        s.Repository.Write("prisma/schema.prisma", Schema("open"));
        s.Repository.Write($"prisma/migrations/{Capture}/migration.sql", "-- AlterTable\nALTER TABLE \"F2\" ALTER COLUMN \"status\" SET DEFAULT 'open';\n");
        s.Repository.MustGit("add", "-A");
        var commit = s.Repository.Commit();
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());

        var captured = RecordsTheCaptureAsPrinted(s, "DH307", Capture, "sets it");
        Assert.That(captured.All, Does.Not.Contain("expected 'draft'::text, production 'open'::text"), "the drift is not repeated: " + captured);
    }

    /// <summary>
    /// Once the capture migration is committed, drift no longer repeats the drift: production needs the capture recorded,
    /// which the fix does as printed (Prisma's CLI pointed at production); then drift is clean and the push passes.
    /// Returns what drift printed before.
    /// </summary>
    private static ProcessResult RecordsTheCaptureAsPrinted(PushScenario s, string code, string capture, string how)
    {
        var captured = s.Repository.Drifthooks("drift");
        var fix = PrintedFix.Of(s.Repository, captured, code);
        Assert.That(fix.Text, Does.StartWith($"DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma migrate resolve --applied {capture} (DRIFTHOOKS_PRODUCTION_ADMIN_URL: "));
        Assert.That(captured.Output, Does.Contain($"migration {capture}, which production has not recorded, {how}: the change is captured"));
        fix.WithPrisma(s.Production).Follow();

        var clean = s.Repository.Drifthooks("drift");
        Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
        Assert.That(clean.All, Does.Not.Contain(code));
        var push = s.Push();
        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        return captured;
    }

    [Test]
    public async Task Drift_s_warning_for_a_migration_production_applied_that_the_folder_lacks_leads_through_status_to_the_merge_that_clears_it()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "X");
        await s.UseLocalDatabaseAsync(); // its server is the shadow server drift replays on
        s.Repository.Environment["GIT_EDITOR"] = "true";
        s.Repository.MustGit("checkout", "-q", "-b", "hotfix-login");
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(5)}/migration.sql", PushScenario.Script(5, "X"));
        s.Repository.CommitAllWithoutHooks("hotfix applied straight to production");
        await s.ApplyAsync((PushScenario.Name(5), PushScenario.Script(5, "X")));
        s.Repository.MustGit("checkout", "-q", "main");

        var drift = s.Repository.Drifthooks("drift");
        var warned = PrintedFix.Of(s.Repository, drift, "DH330");
        Assert.That(warned.Steps(), Is.EqualTo(new[] { "drifthooks status", "drifthooks drift again" }), warned.Text);

        // The printed next command names the branch and the merge; followed, drift no longer warns.
        var status = s.Repository.Drifthooks("status");
        PrintedFix.Of(s.Repository, status, "DH201").Follow();
        var again = s.Repository.Drifthooks("drift");
        Assert.That(again.All, Does.Not.Contain("DH330"), again.ToString());
        Assert.That(again.ExitCode, Is.Zero, again.ToString());

        // Where the time went is a diagnosis: not in an ordinary run, on standard error with --verbose or DRIFTHOOKS_LOG=debug.
        Assert.That(again.All, Does.Not.Contain(" ms  ").And.Not.Contain("template database"), again.ToString());
        var verbose = s.Repository.Drifthooks("drift", "--verbose");
        Assert.That(verbose.Error, Does.Match(@"\d ms  total"), verbose.ToString());
        Assert.That(verbose.Output, Does.Not.Contain(" ms  "), verbose.ToString());
        s.Repository.Environment["DRIFTHOOKS_LOG"] = "debug";
        var debug = s.Repository.Drifthooks("drift");
        Assert.That(debug.Error, Does.Match(@"\d ms  total"), debug.ToString());
    }

    [Test]
    public async Task Refusing_to_write_production_names_the_variable_the_schema_reads_and_the_file_that_set_it()
    {
        using var s = await Scenario.CreateAsync();
        s.Repository.Write("prisma/schema.prisma", TestRepository.Datasource.Replace("DATABASE_URL", "NEXT_PRIVATE_DATABASE_URL", StringComparison.Ordinal) + Schema);
        s.Repository.CommitAllWithoutHooks("documenso's variable");
        s.Repository.Environment.Remove("DATABASE_URL");

        // The local URL, in .env, names production's own database.
        s.Repository.Write(".env", $"NEXT_PRIVATE_DATABASE_URL=\"{s.Local.PrismaUrl}\"\n");
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = s.Local.PrismaUrl;
        var sync = s.Repository.Drifthooks("sync", "--reset", "--yes");
        Assert.That(sync.ExitCode, Is.EqualTo(4), sync.ToString());
        Assert.That(sync.Error, Does.Contain("This URL is read from NEXT_PRIVATE_DATABASE_URL in .env")
            .And.Contain("point NEXT_PRIVATE_DATABASE_URL (the variable prisma/schema.prisma's datasource reads) in the environment or .env or prisma/.env, or Local:Url in .drifthooks.local.json at a database on a development server")
            .And.Not.Contain("(DATABASE_URL"));
    }

    [Test]
    public async Task Status_without_production_names_the_setting_read_and_its_printed_fix_configures_it()
    {
        using var s = await Scenario.CreateAsync();
        var status = s.Repository.Drifthooks("status");
        Assert.That(status.Output, Does.Contain("DH401").And.Contain("Its URL is read from DRIFTHOOKS_PRODUCTION_URL in the environment (or DRIFTHOOKS__PRODUCTION__URL), or Production:Url in .drifthooks.local.json"));
        var fix = PrintedFix.Of(s.Repository, status, "DH401");
        Assert.That(fix.Text, Does.StartWith("export DRIFTHOOKS_PRODUCTION_URL="));

        // An export lasts as long as the shell: the user runs status in the shell they exported in.
        fix.Fill("postgresql://readonly_user:PASSWORD@host:5432/db?schema=public", s.Local.PrismaUrl).Follow();
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = s.Local.PrismaUrl;
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.Output, Does.Contain("(from environment variable DRIFTHOOKS_PRODUCTION_URL)").And.Not.Contain("DH401"));
    }

    /// <summary>
    /// The local database's everyday problems, one row each: how it is made, the code status reports, and the fix it
    /// must print. The fix is followed literally, then status must be green and Prisma's migrate status agree.
    /// </summary>
    [TestCase("DH410", "drifthooks sync", 0, TestName = "DH410_a_local_database_behind_the_working_tree_is_in_sync_after_the_printed_sync")]
    [TestCase("DH414", "drifthooks sync", 0, TestName = "DH414_a_migration_a_rebase_put_before_applied_ones_is_applied_by_the_printed_sync")]
    [TestCase("DH412", "drifthooks sync --reset", 1, TestName = "DH412_a_migration_edited_after_it_was_applied_locally_is_rebuilt_by_the_printed_reset")]
    [TestCase("DH411", "drifthooks sync --reset", 1, TestName = "DH411_a_migration_applied_from_an_abandoned_branch_is_dropped_by_the_printed_reset")]
    [TestCase("DH415", "rm -r prisma/migrations/20240104000000_draft", 1, TestName = "DH415_a_migration_folder_without_sql_is_gone_after_the_printed_rm")]
    // A database merely behind (DH410, DH414) is a warning: status exits 0 for it, 1 for the errors.
    public async Task A_local_database_problem_goes_green_once_the_printed_fix_is_followed(string code, string printed, int reported)
    {
        using var s = await LocalProblemAsync(code);
        await StatusGreenAfterPrintedFixAsync(s, code, reported, printed);
    }

    // Status reports the code (exiting with reported) and prints the fix; followed literally, status is green without it.
    static async Task StatusGreenAfterPrintedFixAsync(Scenario s, string code, int reported, string printed)
    {
        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(reported), status.ToString());
        var fix = PrintedFix.Of(s.Repository, status, code);
        Assert.That(fix.Text, Is.EqualTo(printed));

        fix.Follow();
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.All, Does.Contain("verdict: in sync").And.Not.Contain(code));
        await s.AssertPrismaAgreesAsync();
    }

    /// <summary>
    /// The working tree out of step with HEAD, as status reports it: a migration made (schema edited, migration written
    /// and applied locally, as prisma migrate dev leaves them) but not committed (DH420, a note), and a committed one
    /// deleted (DH421), by rm or by git rm. The fix is followed literally, its commit through the installed pre-commit;
    /// then status no longer reports it, is in sync, and the working tree is HEAD's.
    /// </summary>
    [TestCase("DH420", "migrate dev", 0, "git add prisma/schema.prisma prisma/migrations && git commit -m 'Add migration 20240104000000_tag'", TestName = "DH420_a_migration_made_but_not_committed_is_committed_with_its_schema_by_the_printed_add_and_commit")]
    [TestCase("DH421", "rm -r", 1, "git restore --staged --worktree --source=HEAD -- prisma/migrations/20240103000000_user_name", TestName = "DH421_a_committed_migration_deleted_from_the_working_tree_is_back_after_the_printed_restore")]
    [TestCase("DH421", "git rm -r -q", 1, "git restore --staged --worktree --source=HEAD -- prisma/migrations/20240103000000_user_name", TestName = "DH421_a_committed_migration_removed_with_git_rm_is_back_after_the_printed_restore")]
    public async Task A_working_tree_out_of_step_with_HEAD_is_in_step_once_the_printed_fix_is_followed(string code, string how, int reported, string printed)
    {
        using var s = await Scenario.CreateAsync();
        Assert.That(s.Repository.Install().ExitCode, Is.Zero);
        if (how == "migrate dev")
        {
            const string Tag = "-- CreateTable\nCREATE TABLE \"Tag\" (\n    \"id\" SERIAL NOT NULL,\n\n    CONSTRAINT \"Tag_pkey\" PRIMARY KEY (\"id\")\n);\n";
            s.Repository.Write("prisma/schema.prisma", TestRepository.Datasource + Schema + "\nmodel Tag {\n  id Int @id @default(autoincrement())\n}\n");
            s.Repository.Write("prisma/migrations/20240104000000_tag/migration.sql", Tag);
            await PrismaMigrator.ApplyAsync(s.Local.PrismaUrl, [new PrismaMigrator.Migration("20240104000000_tag", Encoding.UTF8.GetBytes(Tag))]);
        }
        else
        {
            var delete = s.Repository.Run("bash", ["-c", $"{how} prisma/migrations/{Migrations[2].Name}"]);
            Assert.That(delete.ExitCode, Is.Zero, delete.ToString());
        }

        await StatusGreenAfterPrintedFixAsync(s, code, reported, printed);
        Assert.That(s.Repository.MustGit("status", "--porcelain", "prisma"), Is.Empty, "the working tree is HEAD's");
    }

    /// <summary>
    /// A restore refused because the local schema does not carry what the backed-up history claims: the printed fix
    /// rebuilds from the migrations instead, then status is green and restoring the same backup changes nothing wrong.
    /// </summary>
    [TestCase("DH434", "DROP SCHEMA public CASCADE; CREATE SCHEMA public", "drifthooks sync", TestName = "DH434_restoring_into_a_recreated_empty_database_is_refused_and_the_printed_sync_rebuilds_it")]
    [TestCase("DH433", "DELETE FROM \"_prisma_migrations\"; DROP TABLE \"Post\"", "drifthooks sync --reset --yes", TestName = "DH433_restoring_a_history_whose_table_was_dropped_is_refused_and_the_printed_reset_rebuilds_it")]
    public async Task A_refused_restore_goes_green_once_the_printed_fix_is_followed(string code, string damage, string printed)
    {
        using var s = await Scenario.CreateAsync();
        Assert.That(s.Repository.Drifthooks("backup").ExitCode, Is.Zero);
        var backup = s.LocalBackups().Single();
        await s.Server.ExecuteAsync(s.Local.Name, damage);

        var restore = s.Repository.Drifthooks("restore", backup, "--yes");
        Assert.That(restore.ExitCode, Is.EqualTo(1), restore.ToString());
        var fix = PrintedFix.Of(s.Repository, restore, code);
        Assert.That(Regex.Replace(fix.Text, @"\s*\(.*\)$", ""), Is.EqualTo(printed));

        fix.Follow();
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.Output, Does.Contain("verdict: in sync"));
        Assert.That(await s.Server.QueryScalarAsync(s.Local.Name, "SELECT count(*) FROM pg_tables WHERE tablename = 'Post'"), Is.EqualTo(1L), "the tables are back");
        await s.AssertPrismaAgreesAsync();
    }

    [Test]
    public async Task DH432_a_backup_taken_on_another_branch_is_restored_after_the_printed_checkout_of_that_branch()
    {
        var (s, backup) = await BackupFromAFeatureBranchAsync();
        using var _ = s;

        var restore = s.Repository.Drifthooks("restore", backup, "--yes");
        Assert.That(restore.ExitCode, Is.EqualTo(1), restore.ToString());
        var fix = PrintedFix.Of(s.Repository, restore, "DH432");
        Assert.That(fix.Text, Is.EqualTo("git checkout feature && drifthooks restore " + Path.GetRelativePath(s.Repository.Root, backup)));

        fix.Follow();
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.Output, Does.Contain("verdict: in sync"));
        await s.AssertPrismaAgreesAsync();
    }

    [Test]
    public async Task DH400_a_stopped_local_server_is_named_with_its_address_and_the_file_of_its_url_and_is_green_once_started_again()
    {
        await using var own = await PostgresServer.StartOwnAsync();
        using var s = await Scenario.CreateAsync(server: own);
        s.Repository.Environment.Remove("DATABASE_URL");
        s.Repository.Write(".env", $"DATABASE_URL=\"{s.Local.PrismaUrl}\"\n");
        Assert.That(s.Repository.Drifthooks("status").ExitCode, Is.Zero);
        await own.StopAsync();

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(3), status.ToString());
        var address = $"127.0.0.1:{own.Port}";
        Assert.That(status.Output, Does.Contain("error DH400").And.Contain("the connection was refused").And.Contain("(local database URL from DATABASE_URL in .env)"));
        Assert.That(status.All, Does.Not.Contain(own.SuperPassword));
        var fix = PrintedFix.Of(s.Repository, status, "DH400");
        Assert.That(fix.Text, Does.StartWith($"start the PostgreSQL server on {address} (pg_ctl start -D <its data directory>, docker start <its container>, or your service manager; if it listens on another port, correct the URL in DATABASE_URL in .env)"));
        Assert.That(fix.Text, Does.EndWith(", then drifthooks status"));

        // The user starts the server they stopped, as they started it; the printed status then passes.
        fix.Doing($"start the PostgreSQL server on {Regex.Escape(address)}", _ => own.StartAgainAsync().GetAwaiter().GetResult()).Follow();
        Assert.That(fix.Output, Does.Contain("verdict: in sync"));
    }

    [Test]
    public async Task DH400_a_wrong_local_password_is_told_as_such_without_printing_it_and_green_once_corrected()
    {
        using var s = await Scenario.CreateAsync();
        const string Wrong = "wr0ng:p@ss/w?rd";
        s.Repository.Environment.Remove("DATABASE_URL");
        s.Repository.Write(".env", $"DATABASE_URL=\"{s.Server.PrismaUrl(s.Local.Name, PostgresServer.SuperUser, Wrong)}\"\n");

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(3), status.ToString());
        Assert.That(status.Output, Does.Contain("error DH400").And.Contain($"the server refused the password for user \"{PostgresServer.SuperUser}\" (SQLSTATE 28P01)"));
        Assert.That(status.All, Does.Not.Contain("wr0ng").And.Not.Contain(Uri.EscapeDataString(Wrong)));
        var fix = PrintedFix.Of(s.Repository, status, "DH400");
        Assert.That(fix.Text, Is.EqualTo($"correct the password of user {PostgresServer.SuperUser} in the URL in DATABASE_URL in .env (percent-encode special characters), then drifthooks status"));

        fix.Doing("correct the password of user .*", _ => s.Repository.Write(".env", $"DATABASE_URL=\"{s.Local.PrismaUrl}\"\n")).Follow();
        Assert.That(fix.Output, Does.Contain("verdict: in sync"));
    }

    [Test]
    public async Task DH400_a_local_host_that_does_not_resolve_is_named_and_green_once_the_host_is_corrected_as_printed()
    {
        using var s = await Scenario.CreateAsync();
        s.Repository.Environment.Remove("DATABASE_URL");
        s.Repository.Write(".env", $"DATABASE_URL=\"{s.Local.PrismaUrl.Replace("@127.0.0.1:", "@db.drifthooks.invalid:", StringComparison.Ordinal)}\"\n");

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(3), status.ToString());
        Assert.That(status.Output, Does.Contain("the host name \"db.drifthooks.invalid\" could not be resolved"));
        var fix = PrintedFix.Of(s.Repository, status, "DH400");
        Assert.That(fix.Text, Is.EqualTo("correct the host db.drifthooks.invalid of the URL in DATABASE_URL in .env, or join the network or VPN that resolves it, then drifthooks status"));

        fix.Doing("correct the host .*", _ => s.Repository.Write(".env", $"DATABASE_URL=\"{s.Local.PrismaUrl}\"\n")).Follow();
        Assert.That(fix.Output, Does.Contain("verdict: in sync"));
    }

    [Test]
    public async Task DH400_a_local_server_that_does_not_answer_is_told_apart_from_one_that_refuses()
    {
        using var s = await Scenario.CreateAsync();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        s.Repository.Environment["DATABASE_URL"] = $"postgresql://dev:secret-pw@127.0.0.1:{port}/app?connect_timeout=1";

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(3), status.ToString());
        Assert.That(status.Output, Does.Contain("did not answer within").And.Not.Contain("refused"));
        Assert.That(status.All, Does.Not.Contain("secret-pw"));
        Assert.That(PrintedFix.Of(s.Repository, status, "DH400").Text, Does.StartWith($"make 127.0.0.1:{port} reachable from this machine: it did not answer in time").And.EndWith(", then drifthooks status"));
    }

    [Test]
    public async Task DH400_a_wrong_production_password_in_status_is_told_as_such_and_green_once_the_exported_url_is_corrected()
    {
        using var s = await Scenario.CreateAsync();
        const string Wrong = "n0t-the:p@ssword";
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = s.Server.PrismaUrl(s.Local.Name, PostgresServer.SuperUser, Wrong);

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(3), status.ToString());
        Assert.That(status.Output, Does.Contain($"the server refused the password for user \"{PostgresServer.SuperUser}\" (SQLSTATE 28P01)").And.Contain("(production URL from environment variable DRIFTHOOKS_PRODUCTION_URL)"));
        Assert.That(status.All, Does.Not.Contain("n0t-the").And.Not.Contain(Uri.EscapeDataString(Wrong)));
        var fix = PrintedFix.Of(s.Repository, status, "DH400");
        Assert.That(fix.Text, Is.EqualTo($"correct the password of user {PostgresServer.SuperUser} in the URL in environment variable DRIFTHOOKS_PRODUCTION_URL (percent-encode special characters), then drifthooks status"));

        // An exported variable is corrected by exporting it again, in the shell that runs status.
        fix.Doing("correct the password of user .*", _ => s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = s.Local.PrismaUrl).Follow();
        Assert.That(fix.Output, Does.Contain("verdict: in sync"));
    }

    [Test]
    public async Task DH200_production_down_blocks_the_push_and_each_printed_choice_lets_it_through()
    {
        await using var own = await PostgresServer.StartOwnAsync();
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, productionServer: own);
        await own.StopAsync();

        // The hook itself says why: a resource it needs is unavailable (3), not a verdict on the push.
        var head = s.Repository.MustGit("rev-parse", "HEAD").Trim();
        var hook = s.Repository.Run(Path.Combine(s.Repository.GitDir, "hooks", "pre-push"), ["origin", s.Remote.Root], stdin: $"refs/heads/main {head} refs/heads/main {new string('0', 40)}\n");
        Assert.That(hook.ExitCode, Is.EqualTo(3), hook.ToString());

        var push = s.Push();
        Assert.That(push.ExitCode, Is.Not.Zero, push.ToString());
        Assert.That(push.Error, Does.Contain("error DH200").And.Contain("the connection was refused").And.Contain("(production URL from environment variable DRIFTHOOKS_PRODUCTION_URL)"));
        Assert.That(push.All, Does.Not.Contain(own.SuperPassword));
        var warn = PrintedFix.Of(s.Repository, push, "DH200");
        Assert.That(warn.Text, Is.EqualTo(
            $"make production's server on 127.0.0.1:{own.Port} reachable: nothing answered there (is it up? VPN, firewall; a wrong port is corrected in the URL in environment variable DRIFTHOOKS_PRODUCTION_URL), then git push origin main"
            + "; or let the push through unchecked while production is unreachable: DRIFTHOOKS__PRODUCTION__ONUNREACHABLE=warn git push origin main (to keep it so on this machine: \"Production\": { \"OnUnreachable\": \"warn\" } in .drifthooks.local.json)"));

        // Production still down: the printed setting lets this one push through, with a warning.
        warn.Taking(1).Follow();
        Assert.That(warn.All, Does.Contain("warning DH200"));
        Assert.That(s.Remote.MustGit("rev-parse", "main").Trim(), Is.EqualTo(head));

        // The next push is refused again; the user starts production's server and pushes as printed: a full pass.
        s.Repository.Write("notes.md", "notes\n");
        s.Repository.CommitAllWithoutHooks("notes");
        var again = s.Push();
        Assert.That(again.Error, Does.Contain("error DH200"), again.ToString());
        var reachable = PrintedFix.Of(s.Repository, again, "DH200").Taking(0);
        reachable.Doing("make production's server on .* reachable: nothing answered there", _ => own.StartAgainAsync().GetAwaiter().GetResult()).Follow();
        Assert.That(reachable.All, Does.Not.Contain("DH200"));
        Assert.That(s.Remote.MustGit("rev-parse", "main").Trim(), Is.EqualTo(s.Repository.MustGit("rev-parse", "HEAD").Trim()));
    }

    [Test]
    public async Task DH200_repeats_the_push_as_git_ran_it_and_the_branch_followed_as_printed_gets_its_upstream()
    {
        await using var own = await PostgresServer.StartOwnAsync();
        using var s = await PushScenario.CreateAsync(committed: 1, applied: 1, productionServer: own);
        await own.StopAsync();

        var push = s.Repository.Git("push", "-u", "origin", "main");
        Assert.That(push.ExitCode, Is.Not.Zero, push.ToString());
        var fix = PrintedFix.Of(s.Repository, push, "DH200");
        Assert.That(fix.Text, Does.Contain(", then git push -u origin main; or ").And.Contain("DRIFTHOOKS__PRODUCTION__ONUNREACHABLE=warn git push -u origin main "));

        fix.Taking(1).Follow();
        Assert.That(s.Repository.MustGit("rev-parse", "--abbrev-ref", "main@{upstream}").Trim(), Is.EqualTo("origin/main"));
    }

    [Test]
    public async Task DH432_a_backup_from_a_deleted_branch_is_restored_after_the_printed_checkout_of_the_commit_the_reflog_keeps()
    {
        var (s, backup) = await BackupFromAFeatureBranchAsync();
        using var _ = s;
        var holding = s.Repository.MustGit("rev-parse", "feature").Trim()[..7];
        s.Repository.MustGit("branch", "-q", "-D", "feature");

        var restore = s.Repository.Drifthooks("restore", backup, "--yes");
        Assert.That(restore.ExitCode, Is.EqualTo(1), restore.ToString());
        var fix = PrintedFix.Of(s.Repository, restore, "DH432");
        Assert.That(fix.Text, Is.EqualTo($"git checkout {holding} && drifthooks restore {Path.GetRelativePath(s.Repository.Root, backup)}"));

        fix.Follow();
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.Output, Does.Contain("verdict: in sync"));
        await s.AssertPrismaAgreesAsync();
    }

    /// <summary>
    /// The backup's branch deleted and gc'd (or the backup from another clone): no commit holds its migration. The fix
    /// is a choice, keep the local data or rebuild it; each choice, followed as printed, ends in a green status.
    /// </summary>
    [TestCase(0, "the Feature table is kept", TestName = "DH432_a_backup_whose_migration_no_commit_holds_is_restored_without_it_by_the_printed_skip_missing")]
    [TestCase(1, "the Feature table is gone", TestName = "DH432_a_backup_whose_migration_no_commit_holds_gives_way_to_the_printed_rebuild")]
    public async Task DH432_a_backup_whose_migration_no_commit_holds(int choice, string then)
    {
        var (s, backup) = await BackupFromAFeatureBranchAsync();
        using var _ = s;
        s.Repository.MustGit("branch", "-q", "-D", "feature");
        s.Repository.MustGit("reflog", "expire", "--expire=now", "--all");
        s.Repository.MustGit("gc", "-q", "--prune=now");

        var restore = s.Repository.Drifthooks("restore", backup, "--yes");
        Assert.That(restore.ExitCode, Is.EqualTo(1), restore.ToString());
        Assert.That(restore.Error, Does.Contain("No branch or commit of this clone holds it"));
        var relative = Path.GetRelativePath(s.Repository.Root, backup);
        var fix = PrintedFix.Of(s.Repository, restore, "DH432");
        Assert.That(WithoutRemarks(fix.Text), Is.EqualTo($"drifthooks restore {relative} --skip-missing; or drifthooks sync --reset --yes"));

        fix.Taking(choice).Follow();
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.Output, Does.Contain("verdict: in sync"));
        Assert.That(await s.Server.QueryScalarAsync(s.Local.Name, "SELECT count(*) FROM pg_tables WHERE tablename = 'Feature'"), Is.EqualTo(choice == 0 ? 1L : 0L), then);
        Assert.That(await s.Server.QueryScalarAsync(s.Local.Name, "SELECT count(*) FROM \"_prisma_migrations\" WHERE finished_at IS NOT NULL"), Is.EqualTo(3L));
        await s.AssertPrismaAgreesAsync();
    }

    /// <summary>
    /// A backup taken on branch <c>feature</c>, whose migration the local database applied; back on main, the local
    /// history emptied: the backup's feature row is one main's working tree has no script for.
    /// </summary>
    static async Task<(Scenario Scenario, string Backup)> BackupFromAFeatureBranchAsync()
    {
        var s = await Scenario.CreateAsync();
        const string Feature = "CREATE TABLE \"Feature\" (\"id\" INTEGER NOT NULL);\n";
        s.Repository.MustGit("checkout", "-q", "-b", "feature");
        s.Repository.Write("prisma/migrations/20240104000000_feature/migration.sql", Feature);
        s.Repository.CommitAllWithoutHooks("feature table");
        await PrismaMigrator.ApplyAsync(s.Local.PrismaUrl, [new PrismaMigrator.Migration("20240104000000_feature", Encoding.UTF8.GetBytes(Feature))]);
        Assert.That(s.Repository.Drifthooks("backup").ExitCode, Is.Zero);
        s.Repository.MustGit("checkout", "-q", "main");
        await s.Server.ExecuteAsync(s.Local.Name, "DELETE FROM \"_prisma_migrations\"");
        return (s, s.LocalBackups().Single());
    }

    [Test]
    public async Task DH431_with_the_applied_version_on_a_branch_not_fetched_the_printed_fetch_leads_to_the_printed_restore()
    {
        using var s = await PushScenario.CreateAsync(committed: 1, applied: 1, tables: "G");
        Assert.That(s.Push().ExitCode, Is.Zero);
        const string Index = "CREATE INDEX \"G2_id_idx\" ON \"G2\"(\"id\");\n";

        // A colleague deploys m2 from a branch of theirs, then reworks it on main; this clone pulls main alone.
        using var colleague = new TestRepository(init: false);
        colleague.MustGit("clone", "-q", "-b", "main", s.Remote.Root, ".");
        colleague.MustGit("checkout", "-q", "-b", "add-m2");
        colleague.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, "G"));
        colleague.CommitAllWithoutHooks("m2");
        colleague.MustGit("push", "-q", "origin", "add-m2");
        var deployed = colleague.MustGit("rev-parse", "HEAD").Trim()[..7];
        await s.ApplyAsync((PushScenario.Name(2), PushScenario.Script(2, "G")));
        colleague.MustGit("checkout", "-q", "main");
        colleague.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, "G") + Index);
        colleague.CommitAllWithoutHooks("m2, indexed");
        colleague.MustGit("push", "-q", "origin", "main");
        s.Repository.MustGit("pull", "-q", "--no-rebase", "origin", "main");
        var local = await s.Server.CreateDatabaseAsync();
        s.Repository.Environment["DATABASE_URL"] = local.PrismaUrl;

        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        Assert.That(sync.Error, Does.Contain("No commit of this clone"));
        var fetch = PrintedFix.Of(s.Repository, sync, "DH431");
        Assert.That(WithoutRemarks(fetch.Text), Is.EqualTo("git fetch --all; or drifthooks sync --skip-production"));

        fetch.Taking(0).Follow();
        var again = s.Repository.Drifthooks("sync");
        Assert.That(again.ExitCode, Is.EqualTo(1), again.ToString());
        var restore = PrintedFix.Of(s.Repository, again, "DH431");
        Assert.That(restore.Text, Does.Contain($"git restore --staged --worktree --source={deployed} -- "), "fetched, the commit is named: no loop");
        FollowTheMoveAndRestore(s.Repository, restore, "index_g2", Index, deployed);
    }

    [Test]
    public async Task DH431_with_the_applied_version_amended_away_and_pruned_the_printed_skip_production_syncs_the_local_database()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "H");
        var local = await s.Server.CreateDatabaseAsync();
        s.Repository.Environment["DATABASE_URL"] = local.PrismaUrl;

        // Deployed from this machine, then the migration amended and the old commit pruned: git has no copy left.
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, "H") + "CREATE INDEX \"H2_id_idx\" ON \"H2\"(\"id\");\n");
        s.Repository.MustGit("commit", "-q", "-a", "--amend", "--no-verify", "--no-edit");
        s.Repository.MustGit("reflog", "expire", "--expire=now", "--all");
        s.Repository.MustGit("gc", "-q", "--prune=now");

        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        var fix = PrintedFix.Of(s.Repository, sync, "DH431");
        Assert.That(WithoutRemarks(fix.Text), Is.EqualTo("git fetch --all; or drifthooks sync --skip-production"));

        // Fetching brings nothing (origin never had it): the other choice is what is left.
        fix.Taking(0).Follow();
        Assert.That(s.Repository.Drifthooks("sync").Error, Does.Contain("No commit of this clone"));
        fix.Taking(1).Follow();
        Assert.That(fix.Output, Does.Contain("applied 2 migration(s)"));
        Assert.That(await s.Server.QueryScalarAsync(local.Name, "SELECT count(*) FROM pg_indexes WHERE indexname = 'H2_id_idx'"), Is.EqualTo(1L), "the working tree's version");
        var again = s.Repository.Drifthooks("sync", "--skip-production");
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
    }

    /// <summary>The local database (or working tree) with the problem <paramref name="code"/> names, made as a user makes it.</summary>
    static async Task<Scenario> LocalProblemAsync(string code)
    {
        switch (code)
        {
            case "DH410":
                return await Scenario.CreateAsync(applied: 2);
            case "DH414":
                // A rebase brought in the post migration after user_name was applied locally.
                var s = await Scenario.CreateAsync(applied: 1);
                await PrismaMigrator.ApplyAsync(s.Local.PrismaUrl, [new PrismaMigrator.Migration(Migrations[2].Name, Encoding.UTF8.GetBytes(Migrations[2].Sql))]);
                return s;
            case "DH412":
                var edited = await Scenario.CreateAsync();
                edited.Repository.Write($"prisma/migrations/{Migrations[2].Name}/migration.sql", Name + "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET DEFAULT '';\n");
                edited.Repository.CommitAllWithoutHooks("name defaults to empty");
                return edited;
            case "DH411":
                // Applied while another branch was checked out; that branch was then abandoned.
                var abandoned = await Scenario.CreateAsync();
                await PrismaMigrator.ApplyAsync(abandoned.Local.PrismaUrl, [new PrismaMigrator.Migration("20240104000000_feature", Encoding.UTF8.GetBytes("CREATE TABLE \"Feature\" (\"id\" INTEGER NOT NULL);\n"))]);
                return abandoned;
            case "DH415":
                // What an interrupted migrate dev --create-only leaves: a folder and no script.
                var draft = await Scenario.CreateAsync();
                Directory.CreateDirectory(Path.Combine(draft.Repository.Root, "prisma", "migrations", "20240104000000_draft"));
                return draft;
            default:
                throw new ArgumentOutOfRangeException(nameof(code), code, "no scenario for this code");
        }
    }

    // A fix as read without its remarks in parentheses: the commands of each choice.
    static string WithoutRemarks(string fix) => Regex.Replace(fix, @"\s*\([^()]*\)", "");

    static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>A committed three-migration Prisma project and a local database with the first <c>applied</c> of them applied as Prisma applies them.</summary>
    private sealed class Scenario : IDisposable
    {
        private Scenario(TestRepository repository, PostgresServer server, TestDatabase local)
        {
            Repository = repository;
            Server = server;
            Local = local;
        }

        public TestRepository Repository { get; }

        public PostgresServer Server { get; }

        public TestDatabase Local { get; }

        public static async Task<Scenario> CreateAsync(int applied = 3, PostgresServer? server = null)
        {
            server ??= await PostgresServer.SharedAsync();
            var s = new Scenario(new TestRepository(), server, await server.CreateDatabaseAsync());
            s.Repository.Write("prisma/schema.prisma", TestRepository.Datasource + Schema);
            s.Repository.Write("prisma/migrations/migration_lock.toml", "# Please do not edit this file manually\nprovider = \"postgresql\"\n");
            foreach (var (name, sql) in Migrations)
            {
                s.Repository.Write($"prisma/migrations/{name}/migration.sql", sql);
            }

            s.Repository.CommitAllWithoutHooks();
            s.Repository.Environment["DATABASE_URL"] = s.Local.PrismaUrl;
            await PrismaMigrator.ApplyAsync(s.Local.PrismaUrl, Migrations.Take(applied).Select(m => new PrismaMigrator.Migration(m.Name, Encoding.UTF8.GetBytes(m.Sql))));
            return s;
        }

        public IReadOnlyList<string> LocalBackups()
        {
            var folder = Path.Combine(Repository.Root, ".drifthooks", "backups");
            return Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "local-*.json").Order(StringComparer.Ordinal)] : [];
        }

        /// <summary>The real Prisma's <c>migrate status</c> (when it can run here) calls the local database up to date, or (<paramref name="upToDate"/> false) does not.</summary>
        public async Task AssertPrismaAgreesAsync(bool upToDate = true)
        {
            if (PrismaOracle.Unavailable() is not null)
            {
                return;
            }

            var prisma = await PrismaOracle.RunAsync(Local.PrismaUrl, Path.Combine(Repository.Root, "prisma", "schema.prisma"), Path.Combine(Repository.Root, "prisma", "migrations"), "migrate", "status");
            if (!upToDate)
            {
                Assert.That(prisma.ExitCode, Is.Not.Zero, prisma.Output);
                return;
            }

            Assert.That(prisma.ExitCode, Is.Zero, prisma.Output);
            Assert.That(prisma.Output, Does.Contain("up to date"));
        }

        public void Dispose() => Repository.Dispose();
    }
}
