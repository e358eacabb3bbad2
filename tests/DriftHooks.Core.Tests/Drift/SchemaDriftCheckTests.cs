using System.Text;
using System.Text.RegularExpressions;
using DriftHooks.Core.Catalog;
using DriftHooks.Core.Database;
using DriftHooks.Core.Drift;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Tests.Support;
using Npgsql;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Drift;

/// <summary>
/// The whole drift check against the real server: the documenso history (163 migrations, from the shared folder;
/// skipped without it) is applied once to a baseline database; each case clones it (<c>CREATE DATABASE … TEMPLATE</c>)
/// as "production" and changes it by hand. Cases on a short history use umami's (tests/data).
/// </summary>
public sealed class SchemaDriftCheckTests
{
    static string Documenso => Path.Combine(SharedFolder.Corpus, "documenso", "migrations");

    static string Umami => Path.Combine(TestData.Umami, "migrations");

    PostgresServer _server = null!;

    // The shadow server: never production's (the guard refuses production's server, whatever the database).
    PostgresServer _shadow = null!;
    Lazy<Task<string>> _baseline = null!;
    int _clones;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _server = await PostgresServer.SharedAsync();
        _shadow = await PostgresServer.OtherAsync();
        _baseline = new(ApplyDocumensoOnceAsync);
    }

    // Applied on first use, so that without the shared folder only the cases that clone it are skipped.
    async Task<string> ApplyDocumensoOnceAsync()
    {
        var baseline = await _server.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(baseline.PrismaUrl, PrismaMigrator.Load(Documenso));
        return baseline.Name;
    }

    async Task<TestDatabase> CloneAsync()
    {
        _ = Documenso; // skips the case here, before the baseline task would fail for every later one
        var baseline = await _baseline.Value;
        var name = $"{baseline}_c{Interlocked.Increment(ref _clones)}";
        await _server.ExecuteAdminAsync($"CREATE DATABASE {PostgresServer.Quote(name)} TEMPLATE {PostgresServer.Quote(baseline)}");
        return new TestDatabase(name, _server.ConnectionString(name), _server.PrismaUrl(name));
    }

    Task<SchemaDriftResult> CheckAsync(TestDatabase production, string? migrations = null) =>
        SchemaDriftCheck.RunAsync(new SchemaDriftRequest(DatabaseUrl.Parse(production.PrismaUrl), DatabaseUrl.Parse(_shadow.PrismaUrl("postgres")), migrations ?? Documenso));

    async Task<long> ShadowDatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(_shadow.AdminConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname LIKE 'drifthooks\\_shadow\\_%' OR datname LIKE 'drifthooks\\_build\\_%'", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Test]
    public async Task Documenso_history_has_no_drift_and_production_sees_no_write()
    {
        var production = await CloneAsync();
        var before = (await _server.ReadStatementLogAsync()).Count - 1;

        var result = await CheckAsync(production);

        Assert.That(result.Findings, Is.Empty, string.Join('\n', result.Findings));
        Assert.That(result.ReplayedMigrations + result.ReusedMigrations, Is.EqualTo(163), "replayed, or held by a template");
        Assert.That(result.HasDrift, Is.False);
        Assert.That(await ShadowDatabasesAsync(), Is.Zero);

        var ours = SessionLines((await _server.ReadStatementLogAsync()).Skip(before), production.Name);
        Assert.That(ours.Any(l => l.Contains("SET TRANSACTION READ ONLY", StringComparison.Ordinal)), Is.True, string.Join('\n', ours));
        Assert.That(ours.Any(l => l.Contains("pg_get_indexdef", StringComparison.Ordinal)), Is.True, "the catalog was read from production");
        var writes = new Regex(@"\b(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|COPY|MERGE|COMMENT|VACUUM|REINDEX|LOCK)\b", RegexOptions.IgnoreCase);
        Assert.That(ours.Where(l => writes.IsMatch(l)), Is.Empty, string.Join('\n', ours));
    }

    [Test]
    public async Task Migrations_given_in_memory_replace_the_folder()
    {
        var production = await CloneAsync();
        await _server.ExecuteAsync(production.Name, "ALTER TABLE \"User\" ADD COLUMN \"nickname\" TEXT");
        var migrations = PrismaMigrator.Load(Documenso).Select(m => new RepositoryMigration(m.Name, m.Script)).ToList();
        var request = new SchemaDriftRequest(DatabaseUrl.Parse(production.PrismaUrl), DatabaseUrl.Parse(_shadow.PrismaUrl("postgres")), "prisma/migrations at abc1234") { Migrations = migrations };

        var result = await SchemaDriftCheck.RunAsync(request);

        Assert.That(result.ReplayedMigrations + result.ReusedMigrations, Is.EqualTo(163), "replayed, or held by a template");
        Assert.That(result.Findings.Select(f => f.Code), Is.EqualTo(new[] { SchemaDriftCodes.ExtraColumn }));

        var missing = await SchemaDriftCheck.RunAsync(request with { Migrations = migrations.Skip(1).ToList() });
        Assert.That(missing.Findings.Select(f => f.Code), Is.EqualTo(new[] { SchemaDriftCodes.AppliedMigrationMissing }));
        Assert.That(missing.Findings[0].Message, Does.Contain("prisma/migrations at abc1234"));
    }

    // Each manual change, made by hand in a fresh copy of production, and the one finding it must give.
    static readonly object[] ManualChanges =
    [
        new object[] { "add column", "ALTER TABLE \"User\" ADD COLUMN \"nickname\" TEXT", SchemaDriftCodes.ExtraColumn, "Production has column `User.nickname` (text) that no migration creates." },
        new object[] { "drop column", "ALTER TABLE \"User\" DROP COLUMN \"source\"", SchemaDriftCodes.MissingColumn, "Column `User.source` (text) is missing in production" },
        new object[] { "alter column type", "ALTER TABLE \"User\" ALTER COLUMN \"email\" TYPE VARCHAR(255)", SchemaDriftCodes.ColumnType, "Column `User.email` type differs: expected text, production character varying(255)." },
        new object[] { "alter nullability", "ALTER TABLE \"Passkey\" ALTER COLUMN \"lastUsedAt\" SET NOT NULL", SchemaDriftCodes.ColumnNullability, "Column `Passkey.lastUsedAt` nullability differs: expected nullable, production NOT NULL." },
        new object[] { "change default", "ALTER TABLE \"User\" ALTER COLUMN \"disabled\" SET DEFAULT true", SchemaDriftCodes.ColumnDefault, "Column `User.disabled` default differs: expected false, production true." },
        new object[] { "add index", "CREATE INDEX \"User_name_idx\" ON \"User\"(\"name\")", SchemaDriftCodes.ExtraIndex, "Production has index `User_name_idx` on `User` (name) that no migration creates." },
        new object[] { "drop index", "DROP INDEX \"User_email_key\"", SchemaDriftCodes.MissingIndex, "Unique index `User_email_key` on `User` (email) is missing in production" },
        new object[] { "add enum value", "ALTER TYPE \"Role\" ADD VALUE 'AUDITOR'", SchemaDriftCodes.ExtraEnumValue, "Enum `Role` has extra value `AUDITOR` in production that no migration adds." },
        new object[] { "drop foreign key", "ALTER TABLE \"Passkey\" DROP CONSTRAINT \"Passkey_userId_fkey\"", SchemaDriftCodes.MissingConstraint, "`Passkey_userId_fkey` on `Passkey` is missing in production" },
        new object[] { "drop primary key", "ALTER TABLE \"Passkey\" DROP CONSTRAINT \"Passkey_pkey\"", SchemaDriftCodes.MissingConstraint, "Primary key `Passkey_pkey` on `Passkey` is missing in production" },
        new object[] { "add unique constraint", "ALTER TABLE \"Passkey\" ADD CONSTRAINT \"Passkey_name_key\" UNIQUE (\"name\")", SchemaDriftCodes.ExtraConstraint, "Production has unique constraint `Passkey_name_key` on `Passkey` that no migration creates: UNIQUE (name)." },
        new object[] { "create table", "CREATE TABLE \"AuditNote\" (\"id\" SERIAL PRIMARY KEY, \"body\" TEXT NOT NULL)", SchemaDriftCodes.ExtraTable, "Production has table `AuditNote` (2 columns) that no migration creates." },
        new object[] { "create view", "CREATE VIEW \"ActiveUser\" AS SELECT \"id\", \"email\" FROM \"User\" WHERE NOT \"disabled\"", SchemaDriftCodes.ExtraView, "Production has view `ActiveUser` that no migration creates." },
        new object[] { "create function", "CREATE FUNCTION \"user_count\"() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM \"User\" $$", SchemaDriftCodes.ExtraFunction, "Production has function `user_count()` that no migration creates." },
        new object[] { "replace a migration's function", "CREATE OR REPLACE FUNCTION generate_id() RETURNS TEXT AS $$\nBEGIN\n  RETURN nanoid(21);\nEND;\n$$ LANGUAGE plpgsql VOLATILE", SchemaDriftCodes.FunctionDiffers, "Function `generate_id()` differs from line 6 of its definition on: expected `RETURN nanoid(16, 'abcdefhiklmnorstuvwxyz');`, production `RETURN nanoid(21);`." },
    ];

    [TestCaseSource(nameof(ManualChanges))]
    public async Task Manual_change_is_reported_exactly(string change, string sql, string code, string message)
    {
        var production = await CloneAsync();
        await _server.ExecuteAsync(production.Name, sql);

        var result = await CheckAsync(production);

        Assert.That(result.Findings, Has.Count.EqualTo(1), change + ":\n" + string.Join('\n', result.Findings));
        var finding = result.Findings[0];
        Assert.That(finding.Code, Is.EqualTo(code));
        Assert.That(finding.Message, Does.Contain(message));
        Assert.That(finding.Fix, Does.Match(": '[A-Z]|paste '[A-Z]"), "the fix gives SQL, quoted for the shell");
        Assert.That(result.HasDrift, Is.True);
        Assert.That(await ShadowDatabasesAsync(), Is.Zero);
    }

    [Test]
    public async Task Extension_created_by_hand_is_one_finding_and_its_functions_are_not_reported()
    {
        var production = await CloneAsync();
        await _server.ExecuteAsync(production.Name, "CREATE EXTENSION \"uuid-ossp\"");
        var functions = await _server.QueryScalarAsync(production.Name,
            "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proname LIKE 'uuid\\_generate\\_%'");
        Assert.That(functions, Is.GreaterThan(0), "the extension put its functions in the compared schema");

        var result = await CheckAsync(production);

        var finding = result.Findings.Single();
        Assert.That(finding.Code, Is.EqualTo(SchemaDriftCodes.ExtraExtension));
        Assert.That(result.HasDrift, Is.False, "an extra extension is a warning, not drift that blocks");
        Assert.That(finding.Message, Is.EqualTo("Production has extension `uuid-ossp` that no migration creates."));
        Assert.That(finding.Location, Is.EqualTo("extension uuid-ossp"));
        Assert.That(finding.Fix, Does.Contain("'DROP EXTENSION \"uuid-ossp\";'").And.Contain("'CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";'"));
    }

    // A small history of its own: a table, then a function and the trigger that calls it.
    static readonly PrismaMigrator.Migration[] TriggerHistory =
    [
        new("20240101000000_init", Encoding.UTF8.GetBytes(
            "CREATE TABLE \"Note\" (\"id\" SERIAL PRIMARY KEY, \"body\" TEXT NOT NULL, \"updatedAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP);\n")),
        new("20240102000000_touch_updated_at", Encoding.UTF8.GetBytes("""
            CREATE FUNCTION "touch_updated_at"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW."updatedAt" := now();
              RETURN NEW;
            END
            $$;

            CREATE TRIGGER "Note_touch" BEFORE UPDATE ON "Note" FOR EACH ROW EXECUTE FUNCTION "touch_updated_at"();

            """)),
    ];

    async Task<(TestDatabase Production, SchemaDriftRequest Request)> TriggerProductionAsync()
    {
        var production = await _server.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(production.PrismaUrl, TriggerHistory);
        var migrations = TriggerHistory.Select(m => new RepositoryMigration(m.Name, m.Script)).ToList();
        return (production, new SchemaDriftRequest(DatabaseUrl.Parse(production.PrismaUrl), DatabaseUrl.Parse(_shadow.PrismaUrl("postgres")), "trigger history") { Migrations = migrations });
    }

    [Test]
    public async Task Function_and_trigger_a_migration_created_are_no_drift()
    {
        var (production, request) = await TriggerProductionAsync();

        var result = await SchemaDriftCheck.RunAsync(request);

        Assert.That(result.Findings, Is.Empty, string.Join('\n', result.Findings));
        Assert.That(result.ReplayedMigrations + result.ReusedMigrations, Is.EqualTo(2), "replayed, or held by a template");
        await using var database = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(production.PrismaUrl));
        var catalog = await database.ReadCatalogAsync();
        Assert.That(catalog.Functions.Select(f => f.Name), Is.EqualTo(new[] { "touch_updated_at" }), "both are read, so both were compared");
        Assert.That(catalog.Functions[0].Definition, Does.Contain("NEW.\"updatedAt\" := now();"));
        Assert.That(catalog.Triggers.Select(t => (t.Table, t.Name)), Is.EqualTo(new[] { ("Note", "Note_touch") }));
        Assert.That(catalog.Triggers[0].Definition, Is.EqualTo("CREATE TRIGGER \"Note_touch\" BEFORE UPDATE ON \"Note\" FOR EACH ROW EXECUTE FUNCTION touch_updated_at()"));
        Assert.That(catalog.Extensions, Is.EqualTo(new[] { "plpgsql" }));
    }

    // Each manual change to the trigger history's production, and the one finding it must give.
    static readonly object[] TriggerChanges =
    [
        new object[]
        {
            "trigger function body replaced",
            "CREATE OR REPLACE FUNCTION \"touch_updated_at\"() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.\"updatedAt\" := clock_timestamp();\n  RETURN NEW;\nEND\n$$",
            SchemaDriftCodes.FunctionDiffers,
            "Function `touch_updated_at()` differs from line 6 of its definition on: expected `NEW.\"updatedAt\" := now();`, production `NEW.\"updatedAt\" := clock_timestamp();`.",
            "function touch_updated_at()",
        },
        new object[]
        {
            "trigger dropped",
            "DROP TRIGGER \"Note_touch\" ON \"Note\"",
            SchemaDriftCodes.MissingTrigger,
            "Trigger `Note_touch` on `Note` is missing in production: the applied migrations create it (CREATE TRIGGER \"Note_touch\" BEFORE UPDATE ON \"Note\" FOR EACH ROW EXECUTE FUNCTION touch_updated_at()).",
            "trigger Note.Note_touch",
        },
        new object[]
        {
            "trigger recreated on other events",
            "DROP TRIGGER \"Note_touch\" ON \"Note\"; CREATE TRIGGER \"Note_touch\" BEFORE INSERT OR UPDATE ON \"Note\" FOR EACH ROW EXECUTE FUNCTION \"touch_updated_at\"()",
            SchemaDriftCodes.TriggerDiffers,
            "Trigger `Note_touch` on `Note` differs: expected CREATE TRIGGER \"Note_touch\" BEFORE UPDATE ON \"Note\" FOR EACH ROW EXECUTE FUNCTION touch_updated_at(), production CREATE TRIGGER \"Note_touch\" BEFORE INSERT OR UPDATE ON \"Note\" FOR EACH ROW EXECUTE FUNCTION touch_updated_at().",
            "trigger Note.Note_touch",
        },
        new object[]
        {
            "trigger added",
            "CREATE TRIGGER \"Note_touch_insert\" BEFORE INSERT ON \"Note\" FOR EACH ROW EXECUTE FUNCTION \"touch_updated_at\"()",
            SchemaDriftCodes.ExtraTrigger,
            "Production has trigger `Note_touch_insert` on `Note` that no migration creates: CREATE TRIGGER \"Note_touch_insert\" BEFORE INSERT ON \"Note\" FOR EACH ROW EXECUTE FUNCTION touch_updated_at().",
            "trigger Note.Note_touch_insert",
        },
    ];

    [TestCaseSource(nameof(TriggerChanges))]
    public async Task Manual_change_to_a_trigger_or_its_function_is_reported_exactly(string change, string sql, string code, string message, string location)
    {
        var (production, request) = await TriggerProductionAsync();
        await _server.ExecuteAsync(production.Name, sql);

        var result = await SchemaDriftCheck.RunAsync(request);

        Assert.That(result.Findings, Has.Count.EqualTo(1), change + ":\n" + string.Join('\n', result.Findings));
        var finding = result.Findings[0];
        Assert.That(finding.Code, Is.EqualTo(code));
        Assert.That(finding.Message, Is.EqualTo(message));
        Assert.That(finding.Location, Is.EqualTo(location));
        Assert.That(finding.Fix, Does.Contain(code == SchemaDriftCodes.FunctionDiffers ? "'CREATE OR REPLACE FUNCTION public.touch_updated_at()" : "CREATE TRIGGER \"Note_touch"), "the fix gives the SQL");
        Assert.That(await ShadowDatabasesAsync(), Is.Zero);
    }

    // pg_get_triggerdef's text does not change when a trigger is disabled by hand: only tgenabled does.
    [TestCase("DISABLE", nameof(TriggerState.Disabled), "disabled")]
    [TestCase("ENABLE REPLICA", nameof(TriggerState.Replica), "enabled only for replica sessions (ENABLE REPLICA)")]
    [TestCase("ENABLE ALWAYS", nameof(TriggerState.Always), "enabled always, replica sessions included (ENABLE ALWAYS)")]
    // The state comes by name: TriggerState is internal to Core, and NUnit runs only public test methods.
    public async Task Trigger_disabled_by_hand_is_one_finding(string keyword, string stateName, string described)
    {
        var state = Enum.Parse<TriggerState>(stateName);
        var (production, request) = await TriggerProductionAsync();
        await _server.ExecuteAsync(production.Name, $"ALTER TABLE \"Note\" {keyword} TRIGGER \"Note_touch\"");

        var result = await SchemaDriftCheck.RunAsync(request);

        Assert.That(result.Findings, Has.Count.EqualTo(1), string.Join('\n', result.Findings));
        var finding = result.Findings[0];
        Assert.That(finding.Code, Is.EqualTo(SchemaDriftCodes.TriggerDiffers));
        Assert.That(finding.Message, Is.EqualTo($"Trigger `Note_touch` on `Note` is {described} in production; the applied migrations leave it enabled."));
        Assert.That(finding.Location, Is.EqualTo("trigger Note.Note_touch"));
        Assert.That(finding.Fix, Does.Contain("'ALTER TABLE \"Note\" ENABLE TRIGGER \"Note_touch\";'").And.Contain($"'ALTER TABLE \"Note\" {keyword} TRIGGER \"Note_touch\";'"));
        Assert.That(result.HasDrift, Is.True);
        Assert.That(await ShadowDatabasesAsync(), Is.Zero);

        await using var database = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(production.PrismaUrl));
        var trigger = (await database.ReadCatalogAsync()).Triggers.Single();
        Assert.That((trigger.State, trigger.Definition), Is.EqualTo((state, "CREATE TRIGGER \"Note_touch\" BEFORE UPDATE ON \"Note\" FOR EACH ROW EXECUTE FUNCTION touch_updated_at()")));

        // The fix's revert really puts production back: no drift left.
        await _server.ExecuteAsync(production.Name, "ALTER TABLE \"Note\" ENABLE TRIGGER \"Note_touch\"");
        Assert.That((await SchemaDriftCheck.RunAsync(request)).Findings, Is.Empty);
    }

    [Test]
    public async Task Shadow_is_dropped_when_a_migration_fails_to_replay()
    {
        var folder = PrismaOracle.CopyMigrations(Umami, 3);
        try
        {
            var production = await _server.CreateDatabaseAsync();
            await PrismaMigrator.ApplyAsync(production.PrismaUrl, PrismaMigrator.Load(folder));
            var third = Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Last();
            await File.WriteAllTextAsync(Path.Combine(third, "migration.sql"), "SELECT 1/0;\n");

            var result = await CheckAsync(production, folder);

            Assert.That(result.Findings.Select(f => f.Code), Is.EquivalentTo(new[] { SchemaDriftCodes.ChecksumDiffers, SchemaDriftCodes.ReplayFailed }), string.Join('\n', result.Findings));
            Assert.That(result.Findings.Single(f => f.Code == SchemaDriftCodes.ReplayFailed).Location, Is.EqualTo(Path.GetFileName(third)));
            Assert.That(result.Template, Is.Null, "no template holds a history that does not replay");
            Assert.That(await ShadowDatabasesAsync(), Is.Zero);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Applied_migration_missing_from_the_repository_stops_before_the_replay()
    {
        var folder = PrismaOracle.CopyMigrations(Umami, 2);
        try
        {
            var production = await _server.CreateDatabaseAsync();
            await PrismaMigrator.ApplyAsync(production.PrismaUrl, PrismaMigrator.Load(folder));
            var second = Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Last();
            Directory.Delete(second, recursive: true);

            var result = await CheckAsync(production, folder);

            var finding = result.Findings.Single();
            Assert.That(finding.Code, Is.EqualTo(SchemaDriftCodes.AppliedMigrationMissing));
            Assert.That(finding.Location, Is.EqualTo(Path.GetFileName(second)));
            Assert.That(result.ReplayedMigrations, Is.Zero);
            Assert.That(await ShadowDatabasesAsync(), Is.Zero);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Production_without_history_table_is_one_finding()
    {
        var production = await _server.CreateDatabaseAsync();
        var result = await CheckAsync(production, Umami);
        Assert.That(result.Findings.Single().Code, Is.EqualTo(SchemaDriftCodes.NoHistoryTable));
        Assert.That(await ShadowDatabasesAsync(), Is.Zero);
    }

    [Test]
    public async Task Rolled_back_migrations_are_not_replayed()
    {
        var production = await _server.CreateDatabaseAsync();
        var migrations = PrismaMigrator.Load(Umami, take: 2);
        await PrismaMigrator.ApplyAsync(production.PrismaUrl, migrations.Take(1));
        await PrismaMigrator.InsertRolledBackAsync(production.PrismaUrl, migrations[1].Name, Core.Prisma.MigrationChecksum.Compute(migrations[1].Script));

        var result = await CheckAsync(production, Umami);
        Assert.That(result.Findings, Is.Empty, string.Join('\n', result.Findings));
        Assert.That(result.ReplayedMigrations + result.ReusedMigrations, Is.EqualTo(1), "replayed, or held by a template");
    }

    [Test]
    public async Task A_shadow_server_that_is_production_under_another_spelling_is_refused_before_anything_is_created()
    {
        var production = await _server.CreateDatabaseAsync();
        var shadow = DatabaseUrl.Parse(production.PrismaUrl.Replace("@127.0.0.1:", "@localhost:", StringComparison.Ordinal));
        var shadowsBefore = await ShadowDatabasesAsync();
        var error = (await Assert.ThrowsAsync<TargetIsProductionException>(() => SchemaDriftCheck.RunAsync(
            new SchemaDriftRequest(DatabaseUrl.Parse(production.PrismaUrl), shadow, Umami))))!;
        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.TargetIsProduction));
        Assert.That(error.Message, Does.Contain("production").And.Contain("system identifier").And.Not.Contain(_server.SuperPassword));
        Assert.That(await ShadowDatabasesAsync(), Is.EqualTo(shadowsBefore));
    }

    [Test]
    public async Task Non_public_schema_is_replayed_and_read_in_that_schema()
    {
        var database = await _server.CreateDatabaseAsync();
        var url = database.PrismaUrl + "?schema=tenant%20one";
        var migrations = new[] { new PrismaMigrator.Migration("20240101000000_init", Encoding.UTF8.GetBytes("CREATE TABLE \"User\" (\"id\" SERIAL PRIMARY KEY, \"email\" TEXT NOT NULL);\nCREATE INDEX \"User_email_idx\" ON \"User\"(\"email\");\n")) };
        var folder = Directory.CreateTempSubdirectory("drifthooks-schema-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, migrations[0].Name));
            await File.WriteAllBytesAsync(Path.Combine(folder, migrations[0].Name, "migration.sql"), migrations[0].Script);
            await PrismaMigrator.ApplyAsync(url, migrations);
            await _server.ExecuteAsync(database.Name, "CREATE TABLE public.\"Unrelated\" (id int); ALTER TABLE \"tenant one\".\"User\" ADD COLUMN \"nickname\" TEXT");

            var result = await SchemaDriftCheck.RunAsync(new SchemaDriftRequest(DatabaseUrl.Parse(url), DatabaseUrl.Parse(_shadow.PrismaUrl("postgres")), folder));

            var finding = result.Findings.Single();
            Assert.That(finding.Code, Is.EqualTo(SchemaDriftCodes.ExtraColumn));
            Assert.That(finding.Message, Does.Contain("`tenant one.User.nickname`"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // drifthooks's sessions on one database, continuation lines of multi-line statements included.
    static List<string> SessionLines(IEnumerable<string> log, string database)
    {
        var result = new List<string>();
        var inSession = false;
        foreach (var line in log)
        {
            if (Regex.IsMatch(line, @"^\d{4}-\d\d-\d\d "))
            {
                inSession = line.Contains("app=drifthooks ", StringComparison.Ordinal) && line.Contains($"db={database} ", StringComparison.Ordinal);
            }

            if (inSession)
            {
                result.Add(line);
            }
        }

        return result;
    }
}
