using System.Text;
using System.Text.Json;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The native <c>drifthooks status</c>, <c>sync</c>, <c>backup</c> and <c>restore</c> against a real PostgreSQL holding a
/// local development database and a production database, each in the state Prisma leaves it.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class CompanionCommandTests
{
    [Test]
    public void An_unknown_command_is_told_once_with_the_command_it_most_likely_meant()
    {
        using var repository = new TestRepository();
        var typo = repository.Drifthooks("statsu");
        Assert.That(typo.ExitCode, Is.EqualTo(2), typo.ToString());
        Assert.That(typo.Error, Is.EqualTo("drifthooks: Unrecognized command 'statsu'. Did you mean 'status'?\nRun 'drifthooks --help' for usage.\n"));

        // check's help says what check does: it judges what the range leaves, not each commit on its own.
        var help = repository.Drifthooks("check", "--help");
        Assert.That(help.Output, Does.Contain("judge what base..head leaves").And.Not.Contain("each against its first parent"), help.ToString());
    }

    [Test]
    public async Task Sync_brings_a_local_database_behind_production_up_to_date_as_Prisma_would_and_never_writes_production()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 3, production: 3, local: 1);
        // The local database merely behind is a warning, not drift: exit 0, and the verdict counts it.
        var before = s.Repository.Drifthooks("status");
        Assert.That(before.ExitCode, Is.Zero, before.ToString());
        Assert.That(before.Output, Does.Contain("warning DH410").And.Contain("drifthooks sync").And.Contain("verdict: no drift; 1 warning"));
        var beforeJson = s.Repository.Drifthooks("status", "--format", "json");
        Assert.That(JsonDocument.Parse(beforeJson.Output).RootElement.GetProperty("verdict").GetString(), Is.EqualTo("warnings"), beforeJson.ToString());

        // The fixture itself writes production through the product's WritableDatabase; only what sync sends counts.
        var logBefore = (await s.ProductionServer.ReadStatementLogAsync()).Count;
        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.Zero, sync.ToString());
        Assert.That(sync.Output, Does.Contain("applied 2 migration(s)").And.Contain(PushScenario.Name(2)).And.Contain(PushScenario.Name(3)));

        // Rows of the form PrismaMigrator (checked against the real Prisma's migrate deploy) writes in production.
        var local = await s.RowsAsync(s.Local);
        var production = await s.RowsAsync(s.Production);
        Assert.That(local.Select(r => r.Name), Is.EqualTo(production.Select(r => r.Name)));
        for (var i = 0; i < local.Count; i++)
        {
            Assert.That(local[i].Checksum, Is.EqualTo(production[i].Checksum));
            Assert.That(Guid.TryParse(local[i].Id, out _), Is.True);
            Assert.That((local[i].Finished, local[i].Logs, local[i].RolledBack, local[i].Steps), Is.EqualTo((true, (string?)null, false, 1)));
        }

        Assert.That(await s.Server.QueryScalarAsync(s.Local.Name, "SELECT count(*) FROM pg_tables WHERE tablename IN ('T2', 'T3')"), Is.EqualTo(2L));

        var log = (await s.ProductionServer.ReadStatementLogAsync()).Skip(logBefore - 1).ToList();
        var writes = log.Where(l => l.Contains($"db={s.Production.Name} ", StringComparison.Ordinal) && l.Contains("app=drifthooks ", StringComparison.Ordinal)
            && (l.Contains("INSERT", StringComparison.OrdinalIgnoreCase) || l.Contains("UPDATE", StringComparison.OrdinalIgnoreCase) || l.Contains("CREATE", StringComparison.OrdinalIgnoreCase) || l.Contains("DROP", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.That(writes, Is.Empty);
        Assert.That(log.Any(l => l.Contains($"db={s.Production.Name} ", StringComparison.Ordinal) && l.Contains("app=drifthooks ", StringComparison.Ordinal) && l.Contains("READ ONLY", StringComparison.Ordinal)), Is.True, "production was read through a read-only transaction");

        var after = s.Repository.Drifthooks("status", "--format", "json");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        using var json = JsonDocument.Parse(after.Output);
        Assert.That(json.RootElement.GetProperty("verdict").GetString(), Is.EqualTo("in-sync"));
        Assert.That(json.RootElement.GetProperty("databases").GetProperty("local").GetProperty("counts").GetProperty("applied").GetInt32(), Is.EqualTo(3));

        var again = s.Repository.Drifthooks("sync");
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(again.Output, Does.Contain("up to date: nothing to apply"));
        Assert.That(File.ReadAllText(Path.Combine(s.Repository.GitDir, "drifthooks", "audit.log")), Does.Contain("\"hook\":\"drifthooks sync\""));
    }

    [Test]
    public async Task A_migration_from_an_abandoned_branch_stops_sync_and_reset_replays_the_branch()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 2, production: 1, local: 2);
        await PrismaMigrator.ApplyAsync(s.Local.PrismaUrl, [new PrismaMigrator.Migration("20240109000000_abandoned", Encoding.UTF8.GetBytes(PushScenario.Script(9)))]);

        var status = s.Repository.Drifthooks("status", "--format", "json");
        Assert.That(status.ExitCode, Is.EqualTo(1), status.ToString());
        using (var json = JsonDocument.Parse(status.Output))
        {
            var row = json.RootElement.GetProperty("migrations").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "20240109000000_abandoned");
            Assert.That((row.GetProperty("repository").GetString(), row.GetProperty("local").GetString(), row.GetProperty("production").GetString()), Is.EqualTo(("absent", "local-only", "absent")));
        }

        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        Assert.That(sync.Error, Does.Contain("20240109000000_abandoned").And.Contain("--reset"));

        var unconfirmed = s.Repository.Drifthooks("sync", "--reset");
        Assert.That(unconfirmed.ExitCode, Is.EqualTo(2), unconfirmed.ToString());
        Assert.That(unconfirmed.Error, Does.Contain("--yes"));

        var reset = s.Repository.Drifthooks("sync", "--reset", "--yes");
        Assert.That(reset.ExitCode, Is.Zero, reset.ToString());
        Assert.That(reset.Output, Does.Contain("replayed 2 migration(s)").And.Contain("backup of the local history: .drifthooks/backups/local-"));
        Assert.That((await s.RowsAsync(s.Local)).Select(r => r.Name), Is.EqualTo(new[] { PushScenario.Name(1), PushScenario.Name(2) }));
        Assert.That(await s.Server.QueryScalarAsync(s.Local.Name, "SELECT to_regclass('\"T9\"')::text"), Is.EqualTo(DBNull.Value), "the abandoned branch's table went with the reset");
    }

    [Test]
    public async Task Backup_then_restore_puts_an_emptied_history_back_row_for_row()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 3, production: 2, local: 3);
        await PrismaMigrator.InsertRolledBackAsync(s.Local.PrismaUrl, "20240108000000_tried", "abc");
        var original = await s.RowsAsync(s.Local);

        var backup = s.Repository.Drifthooks("backup");
        Assert.That(backup.ExitCode, Is.Zero, backup.ToString());
        Assert.That(backup.Output, Does.Contain("local: 4 row(s)").And.Contain("production: 2 row(s)").And.Not.Contain(s.Server.SuperPassword));
        var folder = Path.Combine(s.Repository.Root, ".drifthooks", "backups");
        Assert.That(File.ReadAllText(Path.Combine(folder, ".gitignore")), Is.EqualTo("*\n"));
        Assert.That(s.Repository.MustGit("status", "--porcelain"), Does.Not.Contain(".drifthooks"));
        var file = Directory.GetFiles(folder, "local-*.json").Single();
        var text = File.ReadAllText(file);
        Assert.That(text, Does.Not.Contain(s.Server.SuperPassword));
        using (var json = JsonDocument.Parse(text))
        {
            Assert.That(json.RootElement.GetProperty("format").GetString(), Is.EqualTo("drifthooks-migration-history-backup"));
            Assert.That(json.RootElement.GetProperty("database").GetString(), Is.EqualTo("local"));
            Assert.That(json.RootElement.GetProperty("url").GetString(), Does.Contain(":****@"));
        }

        await s.Server.ExecuteAsync(s.Local.Name, "DELETE FROM \"_prisma_migrations\"");
        var notBackup = s.Repository.Drifthooks("restore", Path.Combine(folder, ".gitignore"), "--yes");
        Assert.That(notBackup.ExitCode, Is.EqualTo(2), notBackup.ToString());
        Assert.That(notBackup.Error, Does.Contain("not a DriftHooks backup"));

        var restore = s.Repository.Drifthooks("restore", file, "--yes");
        Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
        Assert.That(restore.Output, Does.Contain("add      " + PushScenario.Name(1)).And.Contain("restored 4 added"));
        Assert.That(await s.RowsAsync(s.Local), Is.EqualTo(original));

        // Dropping a table the history claims makes the rows a lie: refused.
        await s.Server.ExecuteAsync(s.Local.Name, "DELETE FROM \"_prisma_migrations\"; DROP TABLE \"T3\"");
        var lie = s.Repository.Drifthooks("restore", file, "--yes");
        Assert.That(lie.ExitCode, Is.EqualTo(1), lie.ToString());
        Assert.That(lie.Error, Does.Contain("DH433").And.Contain("public.T3"));
    }

    [Test]
    public async Task Restore_refuses_when_a_column_the_history_claims_is_missing_locally()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 2, production: 0, local: 2);
        const string Script = "ALTER TABLE \"T1\" ADD COLUMN \"email\" TEXT;\nCREATE EXTENSION IF NOT EXISTS \"pg_trgm\";\n"
            + "CREATE FUNCTION \"t1_touch\"() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';\n"
            + "CREATE TRIGGER \"T1_touch\" BEFORE UPDATE ON \"T1\" FOR EACH ROW EXECUTE FUNCTION \"t1_touch\"();\n";
        s.Repository.Write("prisma/migrations/20240103000000_email/migration.sql", Script);
        await PrismaMigrator.ApplyAsync(s.Local.PrismaUrl, [new PrismaMigrator.Migration("20240103000000_email", Encoding.UTF8.GetBytes(Script))]);
        Assert.That(s.Repository.Drifthooks("backup").ExitCode, Is.Zero);
        var file = Directory.GetFiles(Path.Combine(s.Repository.Root, ".drifthooks", "backups"), "local-*.json").Single();

        // The table survives, its column does not: a table-only check would let the rows lie. Extra objects do not.
        // The migration's extension is gone and its trigger disabled: refusals too, each named as it is.
        await s.Server.ExecuteAsync(s.Local.Name, "DELETE FROM \"_prisma_migrations\"; ALTER TABLE \"T1\" DROP COLUMN \"email\"; CREATE TABLE \"scratch\" (x int); "
            + "CREATE FUNCTION \"scratch_touch\"() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'; "
            + "CREATE TRIGGER \"scratch_trigger\" BEFORE INSERT ON \"T1\" FOR EACH ROW EXECUTE FUNCTION \"scratch_touch\"(); CREATE EXTENSION \"uuid-ossp\"; "
            + "DROP EXTENSION \"pg_trgm\"; ALTER TABLE \"T1\" DISABLE TRIGGER \"T1_touch\"");
        var restore = s.Repository.Drifthooks("restore", file, "--yes");
        Assert.That(restore.ExitCode, Is.EqualTo(1), restore.ToString());
        Assert.That(restore.Error, Does.Contain("DH433").And.Contain("public.T1.email").And.Contain("DH304").And.Not.Contain("scratch").And.Not.Contain("uuid-ossp"));
        Assert.That(restore.Error, Does.Contain("The restored history claims extension pg_trgm as its migrations leave it").And.Contain("DH347").And.Not.Contain("public.pg_trgm"),
            "an extension is database-wide: no schema in its name");
        Assert.That(restore.Error, Does.Contain("claims trigger public.T1.T1_touch").And.Contain("(DH345: Trigger `T1_touch` on `T1` is disabled in the local database; the applied migrations leave it enabled.)"));
        Assert.That(await s.Server.QueryScalarAsync(s.Local.Name, "SELECT count(*) FROM \"_prisma_migrations\""), Is.EqualTo(0L), "nothing was written");

        await s.Server.ExecuteAsync(s.Local.Name, "ALTER TABLE \"T1\" ADD COLUMN \"email\" TEXT; CREATE EXTENSION \"pg_trgm\"; ALTER TABLE \"T1\" ENABLE TRIGGER \"T1_touch\"");
        var ok = s.Repository.Drifthooks("restore", file, "--yes");
        Assert.That(ok.ExitCode, Is.Zero, ok.ToString());
        Assert.That(ok.Output, Does.Contain("restored 3 added"));
    }

    [Test]
    public async Task Restore_refuses_an_empty_database_and_points_to_sync()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 2, production: 0, local: 2);
        Assert.That(s.Repository.Drifthooks("backup").ExitCode, Is.Zero);
        var file = Directory.GetFiles(Path.Combine(s.Repository.Root, ".drifthooks", "backups"), "local-*.json").Single();
        var empty = await s.Server.CreateDatabaseAsync();
        s.Repository.Environment["DATABASE_URL"] = empty.PrismaUrl;
        var restore = s.Repository.Drifthooks("restore", file, "--yes");
        Assert.That(restore.ExitCode, Is.EqualTo(1), restore.ToString());
        Assert.That(restore.Error, Does.Contain("no tables besides _prisma_migrations").And.Contain("drifthooks sync"));
    }

    [Test]
    public async Task Status_shows_what_is_known_when_databases_are_unconfigured_or_unreachable()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 2, production: 0, local: 0);
        s.Repository.Environment.Remove("DATABASE_URL");
        s.Repository.Environment.Remove("DRIFTHOOKS_PRODUCTION_URL");
        s.Repository.Write($"prisma/migrations/20240107000000_new/migration.sql", PushScenario.Script(7));
        var unconfigured = s.Repository.Drifthooks("status", "--format", "json");
        Assert.That(unconfigured.ExitCode, Is.Zero, unconfigured.ToString());
        using (var json = JsonDocument.Parse(unconfigured.Output))
        {
            var databases = json.RootElement.GetProperty("databases");
            Assert.That(databases.GetProperty("local").GetProperty("status").GetString(), Is.EqualTo("not-configured"));
            Assert.That(databases.GetProperty("production").GetProperty("status").GetString(), Is.EqualTo("not-configured"));
            var rows = json.RootElement.GetProperty("migrations").EnumerateArray().Select(m => (m.GetProperty("repository").GetString(), m.GetProperty("local").GetString())).ToList();
            Assert.That(rows, Is.EqualTo(new[] { ("committed", "unknown"), ("committed", "unknown"), ("uncommitted", "unknown") }));
        }

        // DATABASE_URL from an untracked .env is used as Prisma would; production on a port nothing listens on.
        s.Repository.Write(".env", $"DATABASE_URL=\"{s.Local.PrismaUrl}\"\n");
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = $"postgresql://u:secret@127.0.0.1:{PostgresServer.FreePort()}/prod";
        var unreachable = s.Repository.Drifthooks("status");
        Assert.That(unreachable.ExitCode, Is.EqualTo(3), unreachable.ToString());
        Assert.That(unreachable.Output, Does.Contain("UNREACHABLE").And.Contain("DH400").And.Contain("DATABASE_URL in .env").And.Not.Contain("secret"));
        Assert.That(unreachable.Output, Does.Contain("DH403"), "the local database has no history table yet");

        // A tracked .env needs trust.
        s.Repository.MustGit("add", ".env");
        var untrusted = s.Repository.Drifthooks("status");
        Assert.That(untrusted.ExitCode, Is.EqualTo(2), untrusted.ToString());
        Assert.That(untrusted.Error, Does.Contain("drifthooks trust"));
    }

    [Test]
    public async Task Status_names_production_ahead_local_failures_and_modified_migrations_with_their_fixes()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 3, production: 2, local: 1);
        await s.ApplyProductionAsync("20240106000000_hotfix", PushScenario.Script(6));
        await PrismaMigrator.InsertFailedAsync(s.Local.PrismaUrl, PushScenario.Name(2), MigrationChecksum.Compute(Encoding.UTF8.GetBytes(PushScenario.Script(2))));
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(1)}/migration.sql", "-- edited\n" + PushScenario.Script(1));

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(1), status.ToString());
        Assert.That(status.Output, Does.Match(@"20240106000000_hotfix\s+absent\s+-\s+missing"));
        Assert.That(status.Output, Does.Match(PushScenario.Name(2) + @"\s+committed\s+failed\s+applied"));
        Assert.That(status.Output, Does.Match(PushScenario.Name(1) + @"\s+committed\s+modified\s+modified"));
        Assert.That(status.Output, Does.Contain("DH201").And.Contain("git fetch --all").And.Contain("DH413").And.Contain("migrate resolve").And.Contain("DH412"));

        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        Assert.That(sync.Error, Does.Contain("DH430").And.Contain("20240106000000_hotfix").And.Contain("git fetch --all").And.Not.Contain("pull"));
    }

    [Test]
    public async Task Status_with_schema_reports_a_hand_made_production_change_as_drift()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 2, production: 2, local: 2);
        await s.ProductionServer.ExecuteAsync(s.Production.Name, "ALTER TABLE \"T2\" ADD COLUMN \"note\" TEXT");

        var plain = s.Repository.Drifthooks("status");
        Assert.That(plain.ExitCode, Is.Zero, plain.ToString());
        Assert.That(plain.Output, Does.Not.Contain("DH303"));

        var schema = s.Repository.Drifthooks("status", "--schema");
        Assert.That(schema.ExitCode, Is.EqualTo(1), schema.ToString());
        Assert.That(schema.Output, Does.Contain("DH303").And.Contain("T2.note").And.Not.Contain(s.Server.SuperPassword));

        var json = s.Repository.Drifthooks("status", "--schema", "--format", "json");
        Assert.That(json.ExitCode, Is.EqualTo(1), json.ToString());
        using (var document = JsonDocument.Parse(json.Output))
        {
            Assert.That(document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()), Does.Contain("DH303"));
        }

        await s.ProductionServer.ExecuteAsync(s.Production.Name, "ALTER TABLE \"T2\" DROP COLUMN \"note\"");
        var clean = s.Repository.Drifthooks("status", "--schema");
        Assert.That(clean.ExitCode, Is.Zero, clean.ToString());

        s.Repository.Environment["DATABASE_URL"] = "";
        var noShadow = s.Repository.Drifthooks("status", "--schema");
        Assert.That(noShadow.ExitCode, Is.EqualTo(2), noShadow.ToString());
        Assert.That(noShadow.Error, Does.Contain("Shadow:Url"));
    }

    [Test]
    public async Task Shadow_and_local_urls_from_committed_files_are_used_only_once_trusted()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 2, production: 2, local: 2);
        s.Repository.Write("drifthooks.json", $"{{ \"Shadow\": {{ \"Url\": \"{s.Server.PrismaUrl("postgres")}\" }} }}\n");
        s.Repository.MustGit("add", "drifthooks.json");
        s.Repository.MustGit("commit", "-q", "--no-verify", "-m", "shadow");

        var untrusted = s.Repository.Drifthooks("status", "--schema");
        Assert.That(untrusted.ExitCode, Is.EqualTo(2), untrusted.ToString());
        Assert.That(untrusted.Error, Does.Contain("shadow server URL").And.Contain("drifthooks.json").And.Contain("drifthooks trust"));
        Assert.That(s.Repository.Drifthooks("trust").ExitCode, Is.Zero);
        var trusted = s.Repository.Drifthooks("status", "--schema");
        Assert.That(trusted.ExitCode, Is.Zero, trusted.ToString());

        // The local URL from a committed .env beside the schema: the same rule, and trust records every such file.
        s.Repository.Environment["DATABASE_URL"] = "";
        s.Repository.Write("prisma/.env", $"DATABASE_URL=\"{s.Local.PrismaUrl}\"\n");
        s.Repository.MustGit("add", "prisma/.env");
        s.Repository.MustGit("commit", "-q", "--no-verify", "-m", "env");
        var local = s.Repository.Drifthooks("status");
        Assert.That(local.ExitCode, Is.EqualTo(2), local.ToString());
        Assert.That(local.Error, Does.Contain("local database URL").And.Contain("prisma/.env").And.Contain("drifthooks trust"));

        var trust = s.Repository.Drifthooks("trust");
        Assert.That(trust.ExitCode, Is.Zero, trust.ToString());
        Assert.That(trust.Output, Does.Contain("trusted drifthooks.json").And.Contain("trusted prisma/.env").And.Not.Contain(s.Server.SuperPassword));
        var both = s.Repository.Drifthooks("status", "--schema");
        Assert.That(both.ExitCode, Is.Zero, both.ToString());
        Assert.That(both.Output, Does.Contain("DATABASE_URL in prisma/.env"));
    }
}
