using System.Net;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The native <c>drifthooks sync</c>, <c>sync --reset</c> and <c>restore</c> given a local URL that reaches production's
/// database under another spelling: each is refused by what the server reports (exit 4), production's rows and tables
/// stay as they were, and the server's statement log holds no write from DriftHooks to production.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ProductionIdentityTests
{
    public static IEnumerable<string> Spellings() => ["127.1", "host name", "unix socket URL", "unix socket keywords", "multi-host list"];

    [TestCaseSource(nameof(Spellings))]
    public async Task Sync_reset_and_restore_refuse_production_reached_through(string spelling)
    {
        using var s = await CompanionScenario.CreateAsync(committed: 3, production: 2, local: 2);
        await s.ProductionServer.ExecuteAsync(s.Production.Name, "CREATE TABLE customer (id int PRIMARY KEY, name text); INSERT INTO customer VALUES (1, 'Ada'), (2, 'Grace');");
        var backup = s.Repository.Drifthooks("backup");
        Assert.That(backup.ExitCode, Is.Zero, backup.ToString());
        var file = Directory.GetFiles(Path.Combine(s.Repository.Root, ".drifthooks", "backups"), "local-*.json").Single();
        var before = await ProductionStateAsync(s);

        s.Repository.Environment["DATABASE_URL"] = Spell(s.ProductionServer, s.Production, spelling);
        var logBefore = (await s.ProductionServer.ReadStatementLogAsync()).Count;
        foreach (var command in new[] { new[] { "sync" }, ["sync", "--reset", "--yes"], ["restore", file, "--yes"] })
        {
            var result = s.Repository.Drifthooks(command);
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.TargetIsProduction), $"{string.Join(' ', command)}: {result}");
            Assert.That(result.Error, Does.Contain("never writes production").And.Contain("system identifier").And.Not.Contain(s.ProductionServer.SuperPassword));
        }

        Assert.That(await ProductionStateAsync(s), Is.EqualTo(before));
        var log = (await s.ProductionServer.ReadStatementLogAsync()).Skip(logBefore - 1).ToList();
        Assert.That(log.Where(line => IsWriteTo(s.Production.Name, line)), Is.Empty);
        Assert.That(log.Count(line => IsFromDriftHooks(s.Production.Name, line) && line.Contains("pg_control_system", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(6), "each command reached production through the spelling and read its identity (and production's)");
    }

    [Test]
    public async Task The_local_database_is_synced_on_a_server_of_its_own()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 3, production: 3, local: 1);
        var sync = s.Repository.Drifthooks("sync", "--reset", "--yes");
        Assert.That(sync.ExitCode, Is.Zero, sync.ToString());
        Assert.That((await s.RowsAsync(s.Local)).Select(r => r.Name), Is.EqualTo(new[] { PushScenario.Name(1), PushScenario.Name(2), PushScenario.Name(3) }));
    }

    [Test]
    public async Task Production_s_remembered_identity_protects_it_when_it_cannot_be_reached()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 3, production: 2, local: 2);
        await s.ProductionServer.ExecuteAsync(s.Production.Name, "CREATE TABLE customer (id int PRIMARY KEY, name text); INSERT INTO customer VALUES (1, 'Ada');");
        var before = await ProductionStateAsync(s);
        var unreachable = $"postgresql://postgres:{s.ProductionServer.SuperPassword}@127.0.0.1:{PostgresServer.FreePort()}/{s.Production.Name}?connect_timeout=2";

        // Never read: nothing to compare with, so the write is refused unless the user says they checked.
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = unreachable;
        var unknown = s.Repository.Drifthooks("sync", "--skip-production");
        Assert.That(unknown.ExitCode, Is.EqualTo(ExitCodes.TargetNotVerified), unknown.ToString());
        Assert.That(unknown.Error, Does.Contain("--target-is-not-production").And.Contain("drifthooks status"));
        var confirmed = s.Repository.Drifthooks("sync", "--skip-production", "--target-is-not-production");
        Assert.That(confirmed.ExitCode, Is.Zero, confirmed.ToString());

        // Once status has read production, its identity is remembered: production reached as 127.1 is refused even
        // while the production URL cannot be reached, and even with the flag.
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = s.Production.PrismaUrl;
        Assert.That(s.Repository.Drifthooks("status").ExitCode, Is.Zero);
        Assert.That(File.Exists(Path.Combine(s.Repository.GitDir, "drifthooks", "production-identities")), Is.True);
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = unreachable;
        s.Repository.Environment["DATABASE_URL"] = Spell(s.ProductionServer, s.Production, "127.1");
        foreach (var command in new[] { new[] { "sync", "--skip-production" }, ["sync", "--reset", "--yes", "--skip-production", "--target-is-not-production"] })
        {
            var refused = s.Repository.Drifthooks(command);
            Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.TargetIsProduction), refused.ToString());
            Assert.That(refused.Error, Does.Contain("remembered"));
        }

        // With no production URL at all, the memory still protects it.
        s.Repository.Environment.Remove("DRIFTHOOKS_PRODUCTION_URL");
        var unconfigured = s.Repository.Drifthooks("sync", "--reset", "--yes");
        Assert.That(unconfigured.ExitCode, Is.EqualTo(ExitCodes.TargetIsProduction), unconfigured.ToString());
        Assert.That(await ProductionStateAsync(s), Is.EqualTo(before));

        // The genuine local database is told apart from the remembered production and synced.
        s.Repository.Environment["DATABASE_URL"] = s.Local.PrismaUrl;
        var local = s.Repository.Drifthooks("sync");
        Assert.That(local.ExitCode, Is.Zero, local.ToString());
    }

    static string Spell(PostgresServer server, TestDatabase database, string spelling)
    {
        var password = server.SuperPassword;
        switch (spelling)
        {
            case "127.1":
                return $"postgresql://postgres:{password}@127.1:{server.Port}/{database.Name}";
            case "host name":
                var host = Dns.GetHostName();
                if (server.IsContainer || !Dns.GetHostAddresses(host).Any(a => a.Equals(IPAddress.Loopback)))
                {
                    Assert.Ignore($"This machine's host name ({host}) does not resolve to 127.0.0.1, where the test server listens.");
                }

                return $"postgresql://postgres:{password}@{host}:{server.Port}/{database.Name}";
            case "unix socket URL":
                return $"postgresql://postgres:{password}@localhost:{server.Port}/{database.Name}?host={Uri.EscapeDataString(SocketDirectory(server))}";
            case "unix socket keywords":
                return $"Host={SocketDirectory(server)};Port={server.Port};Database={database.Name};Username=postgres;Password={password}";
            default:
                return $"Host=127.0.0.1:{PostgresServer.FreePort()},{server.Host}:{server.Port};Database={database.Name};Username=postgres;Password={password}";
        }
    }

    static string SocketDirectory(PostgresServer server)
    {
        if (server.SocketDirectory is not { } directory)
        {
            Assert.Ignore("The test server runs in a container: no Unix socket on this machine.");
            return "";
        }

        return directory;
    }

    // Every history row, and every table with its row count: what a write would change.
    static async Task<string> ProductionStateAsync(CompanionScenario s)
    {
        var rows = string.Join('\n', (await s.RowsAsync(s.Production)).Select(r => r.ToString()));
        var tables = await s.ProductionServer.QueryScalarAsync(s.Production.Name, "SELECT string_agg(schemaname || '.' || tablename, ',' ORDER BY schemaname, tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
        var customers = await s.ProductionServer.QueryScalarAsync(s.Production.Name, "SELECT string_agg(id || ':' || name, ',' ORDER BY id) FROM customer") ?? "";
        return $"{rows}\n{tables}\n{customers}";
    }

    static bool IsFromDriftHooks(string database, string logLine) =>
        logLine.Contains($"db={database} ", StringComparison.Ordinal) && logLine.Contains("app=drifthooks ", StringComparison.Ordinal);

    static bool IsWriteTo(string database, string logLine) =>
        IsFromDriftHooks(database, logLine)
        && new[] { "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "COMMENT" }.Any(w => logLine.Contains(w, StringComparison.OrdinalIgnoreCase));
}
