using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

// The local database's everyday problems and its server (DH400, DH41x, DH420/421): status names them, the printed fix clears them.
public partial class DatabaseFixTests
{
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
}
