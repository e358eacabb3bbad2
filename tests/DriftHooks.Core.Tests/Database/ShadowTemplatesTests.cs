using System.Text;
using DriftHooks.Core.Database;
using DriftHooks.Core.Drift;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Database;

/// <summary>
/// The schema check's template databases on a real server: one per replayed history, reused whole when production's
/// history has not changed, cloned and extended when it grew, capped, and pruned. Each test builds histories of its own
/// (unique table names), so no template another test built can stand in for one of its own.
/// </summary>
[NonParallelizable]
public sealed class ShadowTemplatesTests
{
    // The shadow server; production is on a server of its own (the guard refuses production's server, whatever the database).
    PostgresServer _server = null!;
    PostgresServer _production = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await PostgresServer.SharedAsync();
        _production = await PostgresServer.OtherAsync();
    }

    static PrismaMigrator.Migration Migration(string prefix, int n) =>
        new($"2024010{n}000000_m{n}", Encoding.UTF8.GetBytes($"CREATE TABLE \"{prefix}_{n}\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"{prefix}_{n}_pkey\" PRIMARY KEY (\"id\"));\n"));

    static string Unique() => "S" + Guid.NewGuid().ToString("N")[..8];

    Task<SchemaDriftResult> CheckAsync(TestDatabase production, IEnumerable<PrismaMigrator.Migration> repository, string? shadowServer = null) =>
        SchemaDriftCheck.RunAsync(new SchemaDriftRequest(DatabaseUrl.Parse(production.PrismaUrl), DatabaseUrl.Parse(shadowServer ?? _server.PrismaUrl("postgres")), "test history")
        {
            Migrations = [.. repository.Select(m => new RepositoryMigration(m.Name, m.Script))],
        });

    async Task<List<string>> TemplatesAsync(string prefix = ShadowTemplates.Prefix)
    {
        var names = new List<string>();
        await using var connection = new Npgsql.NpgsqlConnection(_server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"SELECT datname FROM pg_database WHERE starts_with(datname, '{prefix}')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    async Task<int> LogMarkAsync() => (await _server.ReadStatementLogAsync()).Count - 1;

    async Task<List<string>> LogSinceAsync(int mark) => [.. (await _server.ReadStatementLogAsync()).Skip(mark)];

    [Test]
    public void Each_name_covers_its_whole_prefix_of_the_history()
    {
        var history = Enumerable.Range(1, 4).Select(n => Migration("A", n)).Select(m => (m.Name, Encoding.UTF8.GetString(m.Script))).ToList();
        var names = ShadowTemplates.Names("public", history);
        Assert.That(names, Has.Count.EqualTo(5));
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.All.Match(@"^drifthooks_tpl_[0-9a-f]{12}$"));
        Assert.That(ShadowTemplates.Names("public", history.Take(2).ToList()), Is.EqualTo(names.Take(3)), "a prefix names the same templates");

        var edited = history.ToList();
        edited[1] = (edited[1].Name, edited[1].Item2 + "-- edited\n");
        var other = ShadowTemplates.Names("public", edited);
        Assert.That(other.Take(2), Is.EqualTo(names.Take(2)));
        Assert.That(other.Skip(2), Has.None.AnyOf(names.ToArray()), "an edited script changes its template and every later one");
        Assert.That(ShadowTemplates.Names("tenant", history).Intersect(names), Is.Empty, "another schema, other templates");
    }

    [Test]
    public async Task A_second_check_replays_nothing_and_a_grown_history_replays_only_the_new_migration()
    {
        var prefix = Unique();
        var history = Enumerable.Range(1, 4).Select(n => Migration(prefix, n)).ToList();
        var production = await _production.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(production.PrismaUrl, history.Take(3));

        var cold = await CheckAsync(production, history);
        Assert.That(cold.Findings, Is.Empty, string.Join('\n', cold.Findings));
        Assert.That((cold.ReplayedMigrations, cold.ReusedMigrations), Is.EqualTo((3, 0)));
        var names = ShadowTemplates.Names("public", history.Select(m => (m.Name, Encoding.UTF8.GetString(m.Script))).ToList());
        Assert.That(cold.Template, Is.EqualTo(names[3]));
        Assert.That(await TemplatesAsync(), Does.Contain(names[3]));

        var mark = await LogMarkAsync();
        var warm = await CheckAsync(production, history);
        Assert.That(warm.Findings, Is.Empty, string.Join('\n', warm.Findings));
        Assert.That((warm.ReplayedMigrations, warm.ReusedMigrations), Is.EqualTo((0, 3)));
        var log = await LogSinceAsync(mark);
        Assert.That(log.Where(l => l.Contains($"CREATE TABLE \"{prefix}", StringComparison.Ordinal) || l.Contains("CREATE DATABASE", StringComparison.Ordinal)), Is.Empty, "the server saw no replay");
        Assert.That(log.Where(l => l.Contains($"db={names[3]} ", StringComparison.Ordinal)), Is.Not.Empty, "the template's catalog was read");

        // Production applies the fourth: only that one is replayed, on a clone of the three-migration template.
        await PrismaMigrator.ApplyAsync(production.PrismaUrl, history.Skip(3));
        mark = await LogMarkAsync();
        var grown = await CheckAsync(production, history);
        Assert.That(grown.Findings, Is.Empty, string.Join('\n', grown.Findings));
        Assert.That((grown.ReplayedMigrations, grown.ReusedMigrations, grown.Template), Is.EqualTo((1, 3, names[4])));
        log = await LogSinceAsync(mark);
        Assert.That(log.Where(l => l.Contains($"CREATE TABLE \"{prefix}", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1).And.All.Contain($"\"{prefix}_4\""));
        Assert.That(log, Has.Some.Contains($"TEMPLATE \"{names[3]}\""));

        // A hand-made change is found from the template as from a replay.
        await _production.ExecuteAsync(production.Name, $"ALTER TABLE \"{prefix}_2\" ADD COLUMN \"hotfix\" TEXT");
        var drift = await CheckAsync(production, history);
        Assert.That((drift.ReplayedMigrations, drift.ReusedMigrations), Is.EqualTo((0, 4)));
        Assert.That(drift.Findings.Select(f => f.Code), Is.EqualTo(new[] { SchemaDriftCodes.ExtraColumn }));
    }

    [Test]
    public async Task Checks_of_one_new_history_at_once_each_pass_and_leave_one_template()
    {
        // Two pushes (or a pre-push and a drift) building the same template race to rename their copy to its name.
        var prefix = Unique();
        var history = Enumerable.Range(1, 2).Select(n => Migration(prefix, n)).ToList();
        var production = await _production.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(production.PrismaUrl, history);

        var checks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => CheckAsync(production, history))));
        Assert.That(checks.SelectMany(c => c.Findings), Is.Empty);
        var names = ShadowTemplates.Names("public", history.Select(m => (m.Name, Encoding.UTF8.GetString(m.Script))).ToList());
        Assert.That(await TemplatesAsync(), Does.Contain(names[2]));
        Assert.That(await TemplatesAsync(ShadowTemplates.BuildPrefix + names[2][ShadowTemplates.Prefix.Length..]), Is.Empty, "no build copy left behind");
    }

    [Test]
    public async Task Templates_beyond_the_cap_are_dropped_least_recently_used_first()
    {
        var built = new List<(TestDatabase Production, PrismaMigrator.Migration[] History, string Template)>();
        for (var i = 0; i < ShadowTemplates.Keep + 1; i++)
        {
            var history = new[] { Migration(Unique(), 1) };
            var production = await _production.CreateDatabaseAsync();
            await PrismaMigrator.ApplyAsync(production.PrismaUrl, history);
            var result = await CheckAsync(production, history);
            Assert.That(result.Findings, Is.Empty, string.Join('\n', result.Findings));
            built.Add((production, history, result.Template!));

            if (i == ShadowTemplates.Keep - 1)
            {
                // The first one is used again: the second becomes the least recently used.
                var again = await CheckAsync(built[0].Production, built[0].History);
                Assert.That(again.ReplayedMigrations, Is.Zero);
            }
        }

        var templates = await TemplatesAsync();
        Assert.That(templates, Has.Count.EqualTo(ShadowTemplates.Keep), string.Join(", ", templates));
        Assert.That(templates, Does.Not.Contain(built[1].Template));
        Assert.That(templates, Is.EquivalentTo(built.Where((_, i) => i != 1).Select(b => b.Template)));

        // Dropped while the last one was built, on a connection of its own, not after it: the checkpoint PostgreSQL makes
        // on DROP DATABASE need not write the new template, and the build does not wait for it.
        var log = (await _server.ReadStatementLogAsync()).ToList();
        var dropped = log.FindLastIndex(l => l.Contains($"DROP DATABASE IF EXISTS \"{built[1].Template}\"", StringComparison.Ordinal));
        var building = log.FindLastIndex(l => l.Contains("CREATE DATABASE \"" + ShadowTemplates.BuildPrefix + built[^1].Template[ShadowTemplates.Prefix.Length..], StringComparison.Ordinal));
        var renamed = log.FindLastIndex(l => l.Contains($"RENAME TO \"{built[^1].Template}\"", StringComparison.Ordinal));
        Assert.That(dropped, Is.GreaterThan(-1).And.LessThan(renamed), "evicted before the new template took its name");
        Assert.That(Backend(log[dropped]), Is.Not.EqualTo(Backend(log[building])), "evicted on a connection of its own");
    }

    [Test]
    public async Task A_role_that_may_not_create_databases_gets_a_warning_with_the_grant_and_the_grant_fixes_it()
    {
        var role = await _server.CreateRoleAsync();
        var shadow = _server.PrismaUrl("postgres", role.Name, role.Password);
        var history = new[] { Migration(Unique(), 1) };
        var production = await _production.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(production.PrismaUrl, history);

        var refused = await CheckAsync(production, history, shadow);
        var warning = refused.Findings.Single();
        Assert.That(warning.Code, Is.EqualTo(SchemaDriftCodes.NotCompared));
        Assert.That(warning.Severity, Is.EqualTo(Findings.Severity.Warning));
        Assert.That(refused.HasDrift, Is.False, "a warning, not drift");
        Assert.That(warning.Message, Does.Contain(role.Name).And.Contain("may not create databases").And.Not.Contain(role.Password));
        var grant = warning.Fix!.Split("there: ")[1].Split(';')[0];
        Assert.That(grant, Is.EqualTo($"ALTER ROLE \"{role.Name}\" CREATEDB"));

        await _server.ExecuteAdminAsync(grant);
        var compared = await CheckAsync(production, history, shadow);
        Assert.That(compared.Findings, Is.Empty, string.Join('\n', compared.Findings));
        Assert.That(compared.ReplayedMigrations, Is.EqualTo(1));
    }

    [Test]
    public async Task Prune_drops_every_template_and_leaves_other_databases()
    {
        var history = new[] { Migration(Unique(), 1) };
        var production = await _production.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(production.PrismaUrl, history);
        Assert.That((await CheckAsync(production, history)).Template, Is.Not.Null);
        Assert.That(await TemplatesAsync(), Is.Not.Empty);

        await using var admin = await WritableDatabase.OpenAsync(DatabaseUrl.Parse(_server.PrismaUrl("postgres")), await PrismaMigrator.FixtureGuardAsync());
        var result = await ShadowTemplates.PruneAsync(admin);

        Assert.That(result.Dropped, Is.Not.Empty);
        Assert.That(result.Left, Is.Empty);
        Assert.That(await TemplatesAsync(), Is.Empty);
        Assert.That(await _production.QueryScalarAsync(production.Name, "SELECT count(*) FROM \"_prisma_migrations\""), Is.EqualTo(1L), "production is untouched");
    }

    [TestCase("11.22", "11.22", "needs 12 or later (the oldest it reads)")]
    [TestCase("14.10", "15.4", "needs 15 or later (production runs 15)")]
    public void A_shadow_server_too_old_is_a_warning_naming_the_version_needed(string shadow, string production, string expected)
    {
        var finding = SchemaDriftCheck.Unfit(Version.Parse(shadow), Version.Parse(production), DatabaseUrl.Parse("postgresql://dev:secret@localhost:5432/dev"))!;
        Assert.That(finding.Severity, Is.EqualTo(Findings.Severity.Warning));
        Assert.That(finding.Code, Is.EqualTo(SchemaDriftCodes.NotCompared));
        Assert.That(finding.Message, Does.Contain(expected).And.Not.Contain("secret"));
    }

    [TestCase("15.4", "15.4")]
    [TestCase("16.1", "15.4")]
    [TestCase("12.0", "9.6")]
    public void A_shadow_server_as_new_as_production_is_fit(string shadow, string production) =>
        Assert.That(SchemaDriftCheck.Unfit(Version.Parse(shadow), Version.Parse(production), DatabaseUrl.Parse("postgresql://dev@localhost/dev")), Is.Null);

    // The server process of a logged statement ("... UTC [pid] app=..."): one per connection.
    static string Backend(string logLine) => logLine[logLine.IndexOf('[', StringComparison.Ordinal)..(logLine.IndexOf(']', StringComparison.Ordinal) + 1)];
}
