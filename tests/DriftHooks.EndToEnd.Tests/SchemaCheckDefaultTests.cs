using System.Text.RegularExpressions;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The schema check as installed by default: hooks installed, production's URL set, and the local development database
/// configured as Prisma users have it (<c>DATABASE_URL</c> in an untracked <c>.env</c>). Its template databases are
/// server-wide, so these tests run one at a time; each has a history (table names) of its own.
/// </summary>
[TestFixture]
[NonParallelizable]
public class SchemaCheckDefaultTests
{
    // A statement that writes, as the server logs it.
    internal static readonly Regex Write = new(@"(statement|execute [^:]*):.*\b(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|GRANT|COMMENT)\b", RegexOptions.IgnoreCase);

    static string Tables() => "D" + Guid.NewGuid().ToString("N")[..8] + "_";

    static void CommitSomething(PushScenario scenario)
    {
        var name = $"notes/{Guid.NewGuid():N}.txt";
        scenario.Repository.Write(name, "x\n");
        scenario.Repository.MustGit("add", name);
        scenario.Repository.MustGit("commit", "-q", "--no-verify", "-m", "notes");
    }

    async Task<List<string>> TemplatesAsync(PostgresServer server)
    {
        var names = await server.QueryScalarAsync("postgres", "SELECT string_agg(datname, ',') FROM pg_database WHERE starts_with(datname, 'drifthooks_tpl_')");
        return names is string list ? [.. list.Split(',')] : [];
    }

    bool Reached(PushScenario scenario) =>
        scenario.Remote.Git("rev-parse", "--verify", "-q", "main").Output.Trim() == scenario.Repository.MustGit("rev-parse", "main").Trim();

    [Test]
    public async Task A_hand_made_ALTER_TABLE_in_production_is_blocked_at_push_and_production_is_only_read()
    {
        var tables = Tables();
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: tables);
        await scenario.UseLocalDatabaseAsync();
        await scenario.ProductionServer.ExecuteAsync(scenario.Production.Name, $"ALTER TABLE \"{tables}1\" ADD COLUMN \"hotfix\" TEXT");
        var mark = (await scenario.ProductionServer.ReadStatementLogAsync()).Count - 1;

        var push = scenario.Push();

        Assert.That(push.ExitCode, Is.Not.Zero, push.ToString());
        Assert.That(push.Error, Does.Contain("error DH303").And.Contain($"{tables}1.hotfix"));
        Assert.That(Reached(scenario), Is.False, "nothing reached the remote");
        Assert.That(push.All, Does.Not.Contain(scenario.Server.SuperPassword));

        var production = (await scenario.ProductionServer.ReadStatementLogAsync()).Skip(mark)
            .Where(l => l.Contains("app=drifthooks ", StringComparison.Ordinal) && l.Contains($"db={scenario.Production.Name} ", StringComparison.Ordinal))
            .ToList();
        Assert.That(production, Has.Some.Contains("SET TRANSACTION READ ONLY"));
        Assert.That(production, Has.Some.Contains("pg_get_indexdef"), "production's catalog was read");
        Assert.That(production.Where(l => Write.IsMatch(l)), Is.Empty, "no write statement reached production");
    }

    [Test]
    public async Task A_db_push_style_change_is_blocked_at_push()
    {
        // What `prisma db push` does to production after a schema edit with no migration: the columns and tables
        // appear, and the history says nothing (the next `migrate deploy` of a real migration then fails).
        var tables = Tables();
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: tables);
        await scenario.UseLocalDatabaseAsync();
        await scenario.ProductionServer.ExecuteAsync(scenario.Production.Name,
            $"ALTER TABLE \"{tables}1\" ADD COLUMN \"nickname\" TEXT; CREATE TABLE \"{tables}Audit\" (\"id\" SERIAL NOT NULL, \"note\" TEXT NOT NULL, CONSTRAINT \"{tables}Audit_pkey\" PRIMARY KEY (\"id\"))");

        var push = scenario.Push();

        Assert.That(push.ExitCode, Is.EqualTo(1), push.ToString());
        Assert.That(push.Error, Does.Contain("DH303").And.Contain($"{tables}1.nickname").And.Contain("DH301").And.Contain($"{tables}Audit"));
        Assert.That(Reached(scenario), Is.False);
    }

    [TestCase(null, "no shadow server", "\"Shadow\": { \"Url\"")]
    [TestCase("closed-port", "nothing listens on 127.0.0.1", "shadow server from DATABASE_URL in .env")]
    public async Task A_team_without_a_local_database_server_pushes_told_in_one_line_what_was_not_checked(string? local, string why, string setting)
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: Tables());
        if (local is not null)
        {
            await scenario.UseLocalDatabaseAsync($"postgresql://dev:dev@127.0.0.1:{PostgresServer.FreePort()}/app_dev");
        }

        var push = scenario.Push();

        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        Assert.That(Reached(scenario), Is.True);
        var lines = push.Error.Split('\n');
        var said = lines.Where(l => l.Contains("schema", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(said, Has.Count.EqualTo(1), push.Error);
        Assert.That(said[0], Does.StartWith("warning DH334: Production's schema was not compared").And.Contain(why).And.Contain(setting));
        var next = Array.IndexOf(lines, said[0]) + 1;
        Assert.That(next < lines.Length && lines[next].StartsWith("  ", StringComparison.Ordinal), Is.False, "one line, no continuation");
    }

    [Test]
    public async Task A_second_push_reuses_the_template_and_replays_nothing()
    {
        var tables = Tables();
        using var scenario = await PushScenario.CreateAsync(committed: 3, applied: 3, tables: tables);
        await scenario.UseLocalDatabaseAsync();
        var first = scenario.Push();
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(first.Error, Does.Not.Contain("DH3"));
        var log = await scenario.Server.ReadStatementLogAsync();
        Assert.That(log, Has.Some.Contains($"CREATE TABLE \"{tables}3\""), "the first push replayed the history");

        CommitSomething(scenario);
        var mark = log.Count - 1;
        var second = scenario.Push();

        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        var since = (await scenario.Server.ReadStatementLogAsync()).Skip(mark).ToList();
        Assert.That(since, Has.Some.Contains("app=drifthooks ").And.Some.Contains("db=drifthooks_tpl_"), "the template's catalog was read");
        Assert.That(since.Where(l => l.Contains($"CREATE TABLE \"{tables}", StringComparison.Ordinal)), Is.Empty, "no migration was replayed");
        Assert.That(since.Where(l => l.Contains("CREATE DATABASE", StringComparison.Ordinal)), Is.Empty, "no database was created");

        // Production applies the next migration: the next push replays that one only.
        scenario.Repository.Write($"prisma/migrations/{PushScenario.Name(4)}/migration.sql", PushScenario.Script(4, tables));
        scenario.Repository.Write("prisma/schema.prisma", PushScenario.Schema(4, tables));
        scenario.Repository.MustGit("add", "prisma");
        scenario.Repository.MustGit("commit", "-q", "--no-verify", "-m", "m4");
        await scenario.ApplyAsync((PushScenario.Name(4), PushScenario.Script(4, tables)));
        mark = (await scenario.Server.ReadStatementLogAsync()).Count - 1;
        var third = scenario.Push();
        Assert.That(third.ExitCode, Is.Zero, third.ToString());
        since = [.. (await scenario.Server.ReadStatementLogAsync()).Skip(mark).Where(l => l.Contains("app=drifthooks ", StringComparison.Ordinal))];

        // One replay of the new migration serves both checks: production's schema, and the pushed migrations' (DH115).
        Assert.That(since.Where(l => l.Contains($"CREATE TABLE \"{tables}", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1).And.All.Contain($"\"{tables}4\""));
    }

    [Test]
    public async Task A_role_without_CREATEDB_gets_a_warning_with_the_grant_and_the_push_passes_until_the_grant_lets_the_check_run()
    {
        var tables = Tables();
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: tables);
        var role = await scenario.Server.CreateRoleAsync();
        var development = await scenario.Server.CreateDatabaseAsync();
        await scenario.UseLocalDatabaseAsync(scenario.Server.PrismaUrl(development.Name, role.Name, role.Password));
        await scenario.ProductionServer.ExecuteAsync(scenario.Production.Name, $"ALTER TABLE \"{tables}1\" ADD COLUMN \"hotfix\" TEXT");

        var warned = scenario.Push();

        Assert.That(warned.ExitCode, Is.Zero, warned.ToString());
        Assert.That(Reached(scenario), Is.True, "the push was not blocked");
        Assert.That(warned.Error, Does.Contain("warning DH334").And.Contain("may not create databases"));
        var grant = Regex.Match(warned.Error, @"fix: as a superuser there: (ALTER ROLE [^;]+);").Groups[1].Value;
        Assert.That(grant, Is.EqualTo($"ALTER ROLE \"{role.Name}\" CREATEDB"), warned.Error);

        // Followed as printed, the check runs, and finds the hand-made column.
        await scenario.Server.ExecuteAdminAsync(grant);
        CommitSomething(scenario);
        var checkedPush = scenario.Push();
        Assert.That(checkedPush.ExitCode, Is.EqualTo(1), checkedPush.ToString());
        Assert.That(checkedPush.Error, Does.Contain("DH303").And.Not.Contain("DH334"));
    }

    [Test]
    public async Task Drift_prune_and_uninstall_drop_the_templates()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: Tables());
        await scenario.UseLocalDatabaseAsync();
        Assert.That(scenario.Push().ExitCode, Is.Zero);
        Assert.That(await TemplatesAsync(scenario.Server), Is.Not.Empty);

        var prune = scenario.Repository.Drifthooks("drift", "--prune");
        Assert.That(prune.ExitCode, Is.Zero, prune.ToString());
        Assert.That(prune.Output, Does.Contain("Dropped").And.Not.Contain(scenario.Server.SuperPassword));
        Assert.That(await TemplatesAsync(scenario.Server), Is.Empty);

        CommitSomething(scenario);
        Assert.That(scenario.Push().ExitCode, Is.Zero);
        Assert.That(await TemplatesAsync(scenario.Server), Is.Not.Empty);

        var uninstall = scenario.Repository.Drifthooks("uninstall");
        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.ToString());
        Assert.That(uninstall.Output, Does.Contain("template database"));
        Assert.That(await TemplatesAsync(scenario.Server), Is.Empty);
    }

    [Test]
    public async Task Switched_off_on_this_machine_the_check_is_skipped_shown_and_recorded_and_by_the_team_silently()
    {
        var tables = Tables();
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: tables);
        await scenario.UseLocalDatabaseAsync();
        await scenario.ProductionServer.ExecuteAsync(scenario.Production.Name, $"ALTER TABLE \"{tables}1\" ADD COLUMN \"hotfix\" TEXT");

        scenario.Repository.Environment["DRIFTHOOKS__PRODUCTION__SCHEMACHECK"] = "false";
        var local = scenario.Push();
        Assert.That(local.ExitCode, Is.Zero, local.ToString());
        Assert.That(local.Error, Does.Contain("warning DH335").And.Contain("DRIFTHOOKS__PRODUCTION__SCHEMACHECK").And.Not.Contain("DH303"));
        var audit = File.ReadAllText(Path.Combine(scenario.Repository.GitDir, "drifthooks", "audit.log"));
        Assert.That(audit, Does.Contain("rule-off").And.Contain("DH335").And.Contain("DRIFTHOOKS__PRODUCTION__SCHEMACHECK"));

        scenario.Repository.Environment.Remove("DRIFTHOOKS__PRODUCTION__SCHEMACHECK");
        scenario.Repository.Write("drifthooks.json", "{ \"Production\": { \"SchemaCheck\": false } }\n");
        scenario.Repository.MustGit("add", "drifthooks.json");
        scenario.Repository.MustGit("commit", "-q", "--no-verify", "-m", "team policy");
        var team = scenario.Push();
        Assert.That(team.ExitCode, Is.Zero, team.ToString());
        Assert.That(team.Error, Does.Not.Contain("DH33").And.Not.Contain("DH303"));
    }

    [Test]
    public async Task In_CI_check_compares_production_s_schema_on_the_service_container_shadow_server()
    {
        var tables = Tables();
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: tables);
        CommitSomething(scenario);
        await scenario.ProductionServer.ExecuteAsync(scenario.Production.Name, $"ALTER TABLE \"{tables}2\" ADD COLUMN \"hotfix\" TEXT");

        var without = scenario.Repository.Drifthooks("check", "--base", "HEAD~1");
        Assert.That(without.ExitCode, Is.Zero, without.ToString());
        Assert.That(without.All, Does.Contain("DH334").And.Contain("DRIFTHOOKS__SHADOW__URL"));

        scenario.Repository.Environment["DRIFTHOOKS__SHADOW__URL"] = scenario.Server.PrismaUrl("postgres");
        var with = scenario.Repository.Drifthooks("check", "--base", "HEAD~1", "--format", "github");
        Assert.That(with.ExitCode, Is.EqualTo(1), with.ToString());
        Assert.That(with.Output, Does.Contain("DH303").And.Contain($"{tables}2.hotfix"));
        Assert.That(with.All, Does.Not.Contain(scenario.Server.SuperPassword));
    }
}
