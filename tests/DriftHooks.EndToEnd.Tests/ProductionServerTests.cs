using DriftHooks.Core.Findings;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The native binaries given a shadow or local URL on production's server, another database than production's: the
/// pre-push and CI replays, <c>drift</c>, <c>drift --prune</c>, <c>uninstall</c>, <c>sync</c> and <c>restore</c> are
/// each refused with exit 4 naming the setting, and production's statement log holds no write from DriftHooks and no
/// database created or dropped, on any database of that server. A migration not yet deployed that writes production's
/// own database from any database of its server (a DO block's EXECUTE) never runs there.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ProductionServerTests
{
    static string Tables() => "Q" + Guid.NewGuid().ToString("N")[..8] + "_";

    // Commits migration 2, not deployed: a table, and a DO block writing production's own database wherever it runs.
    static void CommitAttack(PushScenario s, string tables)
    {
        var comment = $"COMMENT ON DATABASE {PostgresServer.Quote(s.Production.Name)} IS ''written by a replay''";
        s.Repository.Write("prisma/schema.prisma", PushScenario.Schema(2, tables));
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, tables) + $"DO $$ BEGIN EXECUTE '{comment}'; END $$;\n");
        s.Repository.MustGit("add", "-A");
        s.Repository.MustGit("commit", "-q", "--no-verify", "-m", "migration 2");
    }

    static async Task<int> MarkAsync(PostgresServer server) => (await server.ReadStatementLogAsync()).Count - 1;

    // What DriftHooks sent to any database of the server since the mark that writes, creates or drops.
    static async Task<List<string>> WritesSinceAsync(PostgresServer server, int mark) =>
        [.. (await server.ReadStatementLogAsync()).Skip(mark).Where(l => l.Contains("app=drifthooks ", StringComparison.Ordinal) && SchemaCheckDefaultTests.Write.IsMatch(l))];

    static async Task AssertProductionUntouchedAsync(PushScenario s, int mark)
    {
        Assert.That(await WritesSinceAsync(s.ProductionServer, mark), Is.Empty, "no write, no CREATE or DROP DATABASE from DriftHooks on production's server");
        Assert.That(
            await s.ProductionServer.QueryScalarAsync("postgres", $"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{s.Production.Name}'"),
            Is.EqualTo(DBNull.Value),
            "production's database carries no comment");
        Assert.That(await s.ProductionServer.QueryScalarAsync("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'drifthooks%'"), Is.Zero, "no shadow or template database on production's server");
    }

    [TestCase("DRIFTHOOKS__SHADOW__URL")]
    [TestCase("DATABASE_URL in .env")]
    public async Task Pre_push_and_check_refuse_a_shadow_server_on_production_s_server_and_nothing_is_replayed_there(string setting)
    {
        var tables = Tables();
        using var s = await PushScenario.CreateAsync(committed: 1, applied: 1, tables: tables);
        if (setting == "DRIFTHOOKS__SHADOW__URL")
        {
            s.Repository.Environment["DRIFTHOOKS__SHADOW__URL"] = s.ProductionServer.PrismaUrl("postgres");
        }
        else
        {
            // The developer's database on production's server: the schema and exact checks fall back to its server.
            await s.UseLocalDatabaseAsync((await s.ProductionServer.CreateDatabaseAsync()).PrismaUrl);
        }

        CommitAttack(s, tables);
        var mark = await MarkAsync(s.ProductionServer);
        var head = s.Repository.MustGit("rev-parse", "HEAD").Trim();
        var hook = s.Repository.Run(Path.Combine(s.Repository.GitDir, "hooks", "pre-push"), ["origin", s.Remote.Root], stdin: $"refs/heads/main {head} refs/heads/main {new string('0', 40)}\n");
        Assert.That(hook.ExitCode, Is.EqualTo(ExitCodes.TargetIsProduction), hook.ToString());
        Assert.That(hook.Error, Does.Contain("production's server").And.Contain("whatever the database's name").And.Contain(setting));
        Assert.That(hook.All, Does.Not.Contain(s.ProductionServer.SuperPassword));

        var push = s.Push();
        Assert.That(push.ExitCode, Is.Not.Zero, push.ToString());
        Assert.That(s.Remote.Git("rev-parse", "--verify", "-q", "main").ExitCode, Is.Not.Zero, "nothing reached the remote");

        var check = s.Repository.Drifthooks("check", "--base", "HEAD~1");
        Assert.That(check.ExitCode, Is.EqualTo(ExitCodes.TargetIsProduction), check.ToString());
        Assert.That(check.Error, Does.Contain(setting));

        await AssertProductionUntouchedAsync(s, mark);
        Assert.That((await s.ProductionServer.ReadStatementLogAsync()).Skip(mark).Count(l => l.Contains("app=drifthooks ", StringComparison.Ordinal) && l.Contains("pg_control_system", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2), "the shadow server's identity was read (and production's)");
    }

    [Test]
    public async Task Drift_drift_prune_and_uninstall_refuse_a_shadow_server_on_production_s_server()
    {
        var tables = Tables();
        using var s = await PushScenario.CreateAsync(committed: 1, applied: 1, tables: tables);
        s.Repository.Environment["DRIFTHOOKS__SHADOW__URL"] = s.ProductionServer.PrismaUrl("postgres");
        CommitAttack(s, tables);
        var mark = await MarkAsync(s.ProductionServer);

        foreach (var command in new[] { new[] { "drift" }, ["drift", "--prune"], ["drift", "--target-is-not-production"], ["drift", "--prune", "--target-is-not-production"], ["uninstall"] })
        {
            var result = s.Repository.Drifthooks(command);
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.TargetIsProduction), $"{string.Join(' ', command)}: {result}");
            Assert.That(result.Error, Does.Contain("production's server").And.Contain("DRIFTHOOKS__SHADOW__URL").And.Not.Contain(s.ProductionServer.SuperPassword));
        }

        var hook = Path.Combine(s.Repository.GitDir, "hooks", "pre-push");
        Assert.That(File.Exists(hook) ? File.ReadAllText(hook) : "", Does.Not.Contain("drifthooks"), "uninstall still removed the hooks");
        await AssertProductionUntouchedAsync(s, mark);
    }

    [Test]
    public async Task Sync_and_restore_refuse_a_local_database_on_production_s_server_and_create_none_there()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 3, production: 2, local: 2);
        var backup = s.Repository.Drifthooks("backup");
        Assert.That(backup.ExitCode, Is.Zero, backup.ToString());
        var file = Directory.GetFiles(Path.Combine(s.Repository.Root, ".drifthooks", "backups"), "local-*.json").Single();
        var existing = await s.ProductionServer.CreateDatabaseAsync();
        var missing = "dev_" + Guid.NewGuid().ToString("N")[..8];
        var mark = await MarkAsync(s.ProductionServer);

        foreach (var database in new[] { missing, existing.Name })
        {
            s.Repository.Environment["DATABASE_URL"] = s.ProductionServer.PrismaUrl(database);
            // restore never creates a database: it is refused on the database that exists.
            foreach (var command in new[] { new[] { "sync" }, ["sync", "--target-is-not-production"], ["sync", "--reset", "--yes"], ["restore", file, "--yes"] }.Where(c => database != missing || c[0] == "sync"))
            {
                var result = s.Repository.Drifthooks(command);
                Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.TargetIsProduction), $"{database}: {string.Join(' ', command)}: {result}");
                Assert.That(result.Error, Does.Contain("production's server").And.Contain("DATABASE_URL").And.Not.Contain(s.ProductionServer.SuperPassword));
            }
        }

        Assert.That(await s.ProductionServer.QueryScalarAsync("postgres", $"SELECT count(*) FROM pg_database WHERE datname = '{missing}'"), Is.Zero, "sync created no database on production's server");
        Assert.That(await s.ProductionServer.QueryScalarAsync(existing.Name, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), Is.Zero, "nothing was applied to the other database");
        Assert.That(await WritesSinceAsync(s.ProductionServer, mark), Is.Empty);
    }

    [Test]
    public async Task The_flag_does_not_lift_a_refusal_when_a_role_cannot_read_the_server_s_identity_and_the_database_is_production_s()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 3, production: 2, local: 2);
        var role = await s.ProductionServer.CreateRoleAsync();

        // Function privileges live in each database's catalog: in production's, this role reads neither the system
        // identifier nor the start time, and may write everything (as a migration role would).
        await s.ProductionServer.ExecuteAsync(s.Production.Name, $"""
            REVOKE EXECUTE ON FUNCTION pg_catalog.pg_control_system() FROM PUBLIC;
            REVOKE EXECUTE ON FUNCTION pg_catalog.pg_postmaster_start_time() FROM PUBLIC;
            GRANT ALL ON SCHEMA public TO {PostgresServer.Quote(role.Name)};
            GRANT ALL ON ALL TABLES IN SCHEMA public TO {PostgresServer.Quote(role.Name)};
            """);
        var rowsBefore = await s.RowsAsync(s.Production);
        s.Repository.Environment["DATABASE_URL"] = s.ProductionServer.PrismaUrl(s.Production.Name, role.Name, role.Password);
        var mark = await MarkAsync(s.ProductionServer);

        foreach (var command in new[] { new[] { "sync", "--target-is-not-production" }, ["sync"], ["sync", "--reset", "--yes", "--target-is-not-production"] })
        {
            var result = s.Repository.Drifthooks(command);
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.TargetIsProduction), $"{string.Join(' ', command)}: {result}");
            Assert.That(result.Error, Does.Contain("--target-is-not-production does not settle that").And.Contain("database oid").And.Contain("pg_control_system()").And.Not.Contain(role.Password));
        }

        Assert.That(await s.RowsAsync(s.Production), Is.EqualTo(rowsBefore));
        Assert.That(await WritesSinceAsync(s.ProductionServer, mark), Is.Empty);
    }
}
