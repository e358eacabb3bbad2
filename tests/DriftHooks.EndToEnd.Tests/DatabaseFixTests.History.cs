using System.Text;
using System.Text.RegularExpressions;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

// A lost or damaged local history (DH43x): told apart from a schema change, put back from a backup or recorded as printed.
public partial class DatabaseFixTests
{
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
}
