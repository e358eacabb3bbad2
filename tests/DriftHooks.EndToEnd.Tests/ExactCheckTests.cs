using System.Text.RegularExpressions;
using DriftHooks.Core.Rules;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// DH115's exact check through the native binaries: a migration whose schema change hides in a DO block, which the
/// offline check cannot follow, is decided by replaying the pushed (or CI head) commit's migrations on a shadow database
/// of the test server. Each test names its own model, so no template another test built stands in for its own.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ExactCheckTests
{
    private const string Migration = "prisma/migrations/20240201000000_age/migration.sql";

    private static string Model(string name, string fields = "") =>
        TestRepository.Datasource + $"model {name} {{\n  id    Int    @id @default(autoincrement())\n  email String @unique\n{fields}}}\n";

    private static string Init(string name) =>
        $"CREATE TABLE \"{name}\" (\"id\" SERIAL NOT NULL, \"email\" TEXT NOT NULL, CONSTRAINT \"{name}_pkey\" PRIMARY KEY (\"id\"));\nCREATE UNIQUE INDEX \"{name}_email_key\" ON \"{name}\"(\"email\");\n";

    private static string DoBlock(string table, string column) =>
        $"DO $$ BEGIN EXECUTE 'ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" INTEGER'; END $$;\n";

    /// <summary>main, with one model named for this test, pushed to a bare origin.</summary>
    private static (TestRepository Repo, TestRepository Origin, string Table) MainPushed()
    {
        var table = "U" + Guid.NewGuid().ToString("N")[..8];
        var repo = new TestRepository();
        var origin = new TestRepository(init: false);
        origin.MustGit("init", "-q", "--bare");
        repo.Write("prisma/schema.prisma", Model(table));
        repo.Write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", Init(table));
        repo.CommitAllWithoutHooks();
        repo.MustGit("remote", "add", "origin", origin.Root);
        repo.MustGit("push", "-q", "--no-verify", "-u", "origin", "main");
        return (repo, origin, table);
    }

    /// <summary>main pushed to a bare origin with one model; a feature branch whose schema adds <c>age</c> and whose migration is a DO block adding <paramref name="column"/>.</summary>
    private static (TestRepository Repo, TestRepository Origin, string Table) Feature(string column, bool shadow = true)
    {
        var (repo, origin, table) = MainPushed();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        if (shadow)
        {
            var server = PostgresServer.SharedAsync().GetAwaiter().GetResult();
            repo.Environment["DRIFTHOOKS__SHADOW__URL"] = server.PrismaUrl("postgres");
        }

        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write("prisma/schema.prisma", Model(table, "  age   Int?\n"));
        repo.Write(Migration, DoBlock(table, column));
        repo.MustGit("add", "-A");
        var commit = repo.Commit();
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
        Assert.That(commit.All, Does.Contain("note DH115").And.Contain("cannot tell offline"), "pre-commit stays offline");
        return (repo, origin, table);
    }

    [Test]
    public void A_DO_block_that_adds_the_column_the_schema_declares_passes_check_and_pre_push_exactly()
    {
        var (repo, origin, _) = Feature("age");
        using var __ = repo;
        using var ___ = origin;
        var check = repo.Drifthooks("check");
        Assert.That(check.ExitCode, Is.Zero, check.ToString());
        Assert.That(check.Output, Does.Contain("note DH115: Exact check passed: the 2 migrations of the head commit").And.Not.Contain("cannot tell offline"));

        var push = repo.Git("push", "-u", "origin", "feature");
        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        Assert.That(push.All, Does.Contain("Exact check passed: the 2 migrations of the pushed commit"));
    }

    [Test]
    public void A_DO_block_that_misses_the_column_is_refused_by_check_and_pre_push_until_the_printed_follow_up_migration_is_added() =>
        RefusedUntilThePrintedFollowUpMigrationIsAdded(PostgresServer.SharedAsync().GetAwaiter().GetResult(), shadowUrl: null);

    /// <summary>
    /// The shadow server named through its Unix socket, <c>?host=/socket/directory</c> (issue 22 item 11): the printed
    /// throwaway URL keeps that query, '/'s and all, and Prisma replays into the throwaway database through the socket.
    /// Run alone: the throwaway database's fixed name is the test above's too, on the same server. Not on the other
    /// test server, which is production's in ProductionServerTests: a shadow database there would fail their check
    /// that production's server holds none.
    /// </summary>
    [Test]
    [NonParallelizable]
    public void The_printed_follow_up_migration_works_with_a_shadow_url_whose_query_names_a_socket_directory()
    {
        var server = PostgresServer.SharedAsync().GetAwaiter().GetResult();
        if (server.SocketDirectory is null)
        {
            Assert.Ignore("The test server is a container here, with no Unix socket on this machine.");
        }

        if (PrismaOracle.Unavailable() is { } why)
        {
            Assert.Ignore("The printed URL is measured by Prisma's CLI connecting through it: " + why);
        }

        RefusedUntilThePrintedFollowUpMigrationIsAdded(server, server.PrismaUrl("postgres", query: "host=" + server.SocketDirectory));
    }

    /// <param name="server">The shadow server.</param>
    /// <param name="shadowUrl">DRIFTHOOKS__SHADOW__URL when check runs (a URL of <paramref name="server"/>); null: the shared test server's TCP URL.</param>
    private static void RefusedUntilThePrintedFollowUpMigrationIsAdded(PostgresServer server, string? shadowUrl)
    {
        var (repo, origin, table) = Feature("years");
        using var __ = repo;
        using var ___ = origin;
        if (shadowUrl is not null)
        {
            repo.Environment["DRIFTHOOKS__SHADOW__URL"] = shadowUrl;
        }

        var refused = repo.Drifthooks("check");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Output, Does.Contain("error DH115").And.Contain($"model {table}: column age missing from the migrations").And.Not.Contain("cannot tell offline"));
        var push = repo.Git("push", "-u", "origin", "feature");
        Assert.That(push.ExitCode, Is.EqualTo(1), push.ToString());
        Assert.That(push.All, Does.Contain("error DH115").And.Contain($"model {table}: column age missing from the migrations"));

        // Prisma's migrate dev cannot run here; the printed migrate diff --script can. The shadow server's URL is in
        // DRIFTHOOKS__SHADOW__URL, so the fix is printed ready to run: a throwaway database created on that server, the
        // migrations replayed into it by Prisma (which empties the database it is given), then dropped.
        var fix = PrintedFix.Of(repo, refused, "DH115");
        Assert.That(fix.Text, Does.StartWith("echo 'CREATE DATABASE drifthooks_diff_shadow' | DATABASE_URL=\"$DRIFTHOOKS__SHADOW__URL\" npx prisma db execute --stdin --schema prisma/schema.prisma, then mkdir -p prisma/migrations/"));
        Assert.That(fix.Text, Does.Contain(" --shadow-database-url " + ThrowawayShadow.ThrowawayUrl("DRIFTHOOKS__SHADOW__URL") + " --script > ").And.Not.Contain("<"));
        Assert.That(fix.Text, Does.Not.Contain(server.SuperPassword), "the URL's variable is referenced, never its password");
        if (PrismaOracle.Unavailable() is null)
        {
            fix.WithPrisma(server.CreateDatabaseAsync().GetAwaiter().GetResult());
        }
        else
        {
            // Without Prisma's CLI: the SQL it prints for this case (taken from it) stands for the diff; no database is made.
            fix.Doing(@"echo 'CREATE DATABASE drifthooks_diff_shadow' \| .*", _ => { })
                .Doing(@"echo 'DROP DATABASE drifthooks_diff_shadow' \| .*", _ => { })
                .Doing(
                    @"mkdir -p (?<folder>\S+) && npx prisma migrate diff .* --script > (?<file>\S+)",
                    step =>
                    {
                        Directory.CreateDirectory(Path.Combine(repo.Root, step.Groups["folder"].Value));
                        File.WriteAllText(Path.Combine(repo.Root, step.Groups["file"].Value), $"-- AlterTable\nALTER TABLE \"{table}\" DROP COLUMN \"years\",\nADD COLUMN     \"age\" INTEGER;\n");
                    });
        }

        fix
            .Doing("commit and push", _ =>
            {
                var commit = repo.Commit();
                Assert.That(commit.ExitCode, Is.Zero, "committing the fix is refused: " + commit);
                var pushed = repo.Git("push", "-u", "origin", "feature");
                Assert.That(pushed.ExitCode, Is.Zero, "pushing the fix is refused: " + pushed);
            })
            .Follow();
        var left = server.QueryScalarAsync("postgres", "SELECT count(*) FROM pg_database WHERE datname = 'drifthooks_diff_shadow'").GetAwaiter().GetResult();
        Assert.That(left, Is.EqualTo(0L), "the fix drops its throwaway database");
        var check = repo.Drifthooks("check");
        Assert.That(check.ExitCode, Is.Zero, "check after following the fix: " + check);
        Assert.That(check.Output, Does.Contain("Exact check passed: the 3 migrations"));
    }

    [Test]
    public void A_repeated_check_replays_nothing()
    {
        var (repo, origin, _) = Feature("age");
        using var __ = repo;
        using var ___ = origin;
        var cold = repo.Drifthooks("check");
        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        Assert.That(cold.Output, Does.Match(@"Exact check passed: [^\n]*\(2 replayed, 0 from a template"));
        var warm = repo.Drifthooks("check");
        Assert.That(warm.ExitCode, Is.Zero, warm.ToString());
        Assert.That(warm.Output, Does.Match(@"Exact check passed: [^\n]*\(template drifthooks_tpl_[0-9a-f]{12}, nothing replayed"));
    }

    [Test]
    public void Without_a_shadow_server_check_and_pre_push_say_in_one_line_that_the_exact_check_did_not_run_and_pass()
    {
        var (repo, origin, _) = Feature("years", shadow: false);
        using var __ = repo;
        using var ___ = origin;
        var check = repo.Drifthooks("check");
        Assert.That(check.ExitCode, Is.Zero, check.ToString());
        var line = check.Output.Split('\n').Where(l => l.Contains("did not run", StringComparison.Ordinal)).ToList();
        Assert.That(line, Has.Count.EqualTo(1), check.Output);
        Assert.That(line[0], Does.Contain("did not run: no shadow server; to run it, give the job a PostgreSQL service container and set DRIFTHOOKS__SHADOW__URL"));

        var push = repo.Git("push", "-u", "origin", "feature");
        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        Assert.That(Regex.Matches(push.All, "exact check[^\n]*did not run").Count, Is.EqualTo(1), push.All);
        Assert.That(push.All, Does.Contain("did not run: no shadow server; to run it, set \"Shadow\": { \"Url\":"));
    }

    [Test]
    public void A_schema_change_without_any_migration_is_one_finding_in_check_DH101_not_DH115_beside_it()
    {
        var (repo, origin, table) = MainPushed();
        using var __ = repo;
        using var ___ = origin;
        repo.Environment["DRIFTHOOKS__SHADOW__URL"] = PostgresServer.SharedAsync().GetAwaiter().GetResult().PrismaUrl("postgres");
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write("prisma/schema.prisma", Model(table, "  age   Int?\n"));
        repo.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Add age, no migration");

        // The replay on the shadow server would only say again what DH101 says: the migration is missing.
        var check = repo.Drifthooks("check");
        Assert.That(check.ExitCode, Is.EqualTo(1), check.ToString());
        Assert.That(check.Output, Does.Contain("error DH101").And.Not.Contain("DH115"), check.ToString());
    }

    [Test]
    public void DH115_switched_off_in_the_CI_environment_switches_the_exact_check_off_too()
    {
        var (repo, origin, _) = Feature("years");
        using var __ = repo;
        using var ___ = origin;
        repo.Environment["DRIFTHOOKS__RULES__DH115"] = "false";
        var check = repo.Drifthooks("check");
        Assert.That(check.ExitCode, Is.Zero, check.ToString());
        Assert.That(check.Output, Does.Not.Contain("DH115"));
    }

    [Test]
    public async Task Pre_push_reads_production_s_identity_once_for_its_history_schema_and_exact_checks()
    {
        var tables = "R" + Guid.NewGuid().ToString("N")[..8];
        using var s = await PushScenario.CreateAsync(committed: 1, applied: 1, tables: tables);
        Assert.That(s.Push().ExitCode, Is.Zero);
        s.Repository.Environment["DRIFTHOOKS__SHADOW__URL"] = s.Server.PrismaUrl("postgres");
        s.Repository.Write("prisma/schema.prisma", PushScenario.Schema(2, tables));
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, tables));
        s.Repository.MustGit("add", "-A");
        Assert.That(s.Repository.Commit().ExitCode, Is.Zero);

        var mark = (await s.ProductionServer.ReadStatementLogAsync()).Count - 1;
        var push = s.Push();
        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        Assert.That(push.All, Does.Contain("Exact check passed: the 2 migrations of the pushed commit"));

        // The exact check's shadow server is guarded by the identity pre-push read with production's history.
        var identityReads = (await s.ProductionServer.ReadStatementLogAsync()).Skip(mark)
            .Count(l => l.Contains($"db={s.Production.Name} ", StringComparison.Ordinal) && l.Contains("app=drifthooks ", StringComparison.Ordinal) && l.Contains("pg_control_system", StringComparison.Ordinal));
        Assert.That(identityReads, Is.EqualTo(1));
    }
}
