using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>The native pre-push hook driven by real <c>git push</c> to a bare remote, against a real PostgreSQL production.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class PrePushHookTests
{
    [Test]
    public async Task In_sync_with_pending_migrations_passes_and_says_what_deploy_will_apply()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 3, applied: 2);
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH204").And.Contain(PushScenario.Name(3)));
        Assert.That(scenario.Remote.MustGit("rev-parse", "main").Trim(), Is.EqualTo(scenario.Repository.MustGit("rev-parse", "main").Trim()));
    }

    [Test]
    public async Task A_production_migration_missing_from_the_pushed_commit_blocks()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        await scenario.ApplyAsync(("20240301000000_hotfix", PushScenario.Script(99)));
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH201").And.Contain("20240301000000_hotfix").And.Contain("git fetch --all").And.Not.Contain("git pull"));
        Assert.That(scenario.Remote.Git("rev-parse", "--verify", "-q", "main").ExitCode, Is.Not.Zero, "nothing reached the remote");
    }

    [Test]
    public async Task In_a_sparse_index_the_project_is_found_inside_a_collapsed_directory()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        var repo = scenario.Repository;
        repo.Write("docs/guide.md", "guide\n");
        repo.CommitAllWithoutHooks("docs");
        repo.MustGit("sparse-checkout", "set", "--cone", "--sparse-index", "docs");
        Assert.That(repo.MustGit("ls-files", "--sparse", "-s"), Does.Contain("040000").And.Contain("prisma/"), "git did not collapse prisma/");
        Assert.That(repo.Exists("prisma/schema.prisma"), Is.False, "the project is not in the work tree");

        await scenario.ApplyAsync(("20240301000000_hotfix", PushScenario.Script(99)));
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("DH201").And.Contain("20240301000000_hotfix"));
    }

    [Test]
    public async Task A_migration_modified_after_it_was_applied_blocks()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        scenario.Repository.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", "-- edited\n" + PushScenario.Script(2));
        scenario.Repository.MustGit("commit", "-q", "-a", "--no-verify", "-m", "edit");
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH202").And.Contain(PushScenario.Name(2)).And.Contain("modified after it was applied"));
    }

    [Test]
    public async Task The_verdict_comes_from_the_pushed_commit_not_the_working_tree()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        // A CRLF checkout and an uncommitted edit change nothing that is pushed.
        scenario.Repository.Write($"prisma/migrations/{PushScenario.Name(1)}/migration.sql", PushScenario.Script(1).Replace("\n", "\r\n"));
        scenario.Repository.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", "-- uncommitted edit\n");
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.Zero, result.ToString());

        // Its twin: the same edit committed is what is pushed, and is refused.
        scenario.Repository.MustGit("commit", "-q", "-a", "--no-verify", "-m", "edit");
        var refused = scenario.Push();
        Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH202").And.Contain(PushScenario.Name(2)));
    }

    [Test]
    public async Task A_CRLF_script_matches_the_checksum_of_its_LF_twin_as_Prisma_allows()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 1, applied: 1);
        scenario.Repository.Write($"prisma/migrations/{PushScenario.Name(1)}/migration.sql", PushScenario.Script(1).Replace("\n", "\r\n"));
        scenario.Repository.Write(".gitattributes", "*.sql -text\n");
        scenario.Repository.MustGit("add", "-A");
        scenario.Repository.MustGit("commit", "-q", "--no-verify", "-m", "crlf");
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task A_failed_migration_blocks_with_its_logs()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 1);
        await PrismaMigrator.InsertFailedAsync(scenario.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"]!, PushScenario.Name(2), MigrationChecksum.Compute(System.Text.Encoding.UTF8.GetBytes(PushScenario.Script(2))), "Database error: relation \"T2\" already exists");
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH203").And.Contain("relation \"T2\" already exists").And.Contain("migrate resolve"));
    }

    [Test]
    public async Task A_failed_attempt_beside_a_finished_row_blocks_push_and_status_until_it_is_marked_rolled_back()
    {
        // Prisma's migrate deploy stops on this state (P3009; see HistoryComparisonOracleTests).
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        var url = scenario.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"]!;
        await PrismaMigrator.InsertFailedAsync(url, PushScenario.Name(2), MigrationChecksum.Compute(System.Text.Encoding.UTF8.GetBytes(PushScenario.Script(2))), "Database error: relation \"T2\" already exists");

        var push = scenario.Push();
        Assert.That(push.ExitCode, Is.EqualTo(1), push.ToString());
        Assert.That(push.Error, Does.Contain("DH203").And.Contain(PushScenario.Name(2)).And.Contain("migrate resolve --rolled-back " + PushScenario.Name(2)));
        Assert.That(scenario.Remote.Git("rev-parse", "--verify", "-q", "main").ExitCode, Is.Not.Zero, "nothing reached the remote");

        var status = scenario.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(1), status.ToString());
        Assert.That(status.Output, Does.Match(PushScenario.Name(2) + @"\s+committed\s+\?\s+failed").And.Contain("DH203").And.Not.Contain("in sync"));

        // What the printed fix does (prisma-engines' mark_migration_rolled_back): the unfinished row gets rolled_back_at.
        Assert.That(await PrismaMigrator.MarkRolledBackAsync(url, PushScenario.Name(2)), Is.EqualTo(1));
        var again = scenario.Push();
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(scenario.Repository.Drifthooks("status").ExitCode, Is.Zero);
    }

    [Test]
    public async Task A_migration_rolled_back_and_reapplied_is_history_not_state()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 1);
        var url = scenario.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"]!;
        await PrismaMigrator.InsertRolledBackAsync(url, PushScenario.Name(2), MigrationChecksum.Compute(System.Text.Encoding.UTF8.GetBytes(PushScenario.Script(2))));
        await scenario.ApplyAsync((PushScenario.Name(2), PushScenario.Script(2)));
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Error, Does.Not.Contain("DH2"));
    }

    [Test]
    public async Task A_pending_migration_that_sorts_before_the_newest_applied_blocks()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        Assert.That(scenario.Push().ExitCode, Is.Zero, "origin/main, the mainline, has the applied two only");
        scenario.Repository.Write("prisma/migrations/20240101500000_from_old_branch/migration.sql", PushScenario.Script(50));
        scenario.Repository.MustGit("add", "-A");
        scenario.Repository.MustGit("commit", "-q", "--no-verify", "-m", "late");
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH205").And.Contain("20240101500000_from_old_branch").And.Contain("git mv"));
    }

    [Test]
    public async Task Production_without_a_history_table_blocks_with_baseline_instructions()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 0);
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH206").And.Contain("prisma migrate resolve --applied"));
    }

    [Test]
    public async Task The_schema_parameter_selects_a_non_public_schema()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2, urlQuery: "?schema=app%20data");
        var tables = await scenario.ProductionServer.QueryScalarAsync(scenario.Production.Name, "SELECT count(*) FROM \"app data\"._prisma_migrations");
        Assert.That(tables, Is.EqualTo(2L));
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.Zero, result.ToString());

        scenario.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = scenario.Production.PrismaUrl;
        scenario.Repository.Write("x.txt", "x");
        scenario.Repository.MustGit("add", "x.txt");
        scenario.Repository.MustGit("commit", "-q", "-m", "x");
        var publicSchema = scenario.Push();
        Assert.That(publicSchema.ExitCode, Is.Not.Zero, "public has no history table");
        Assert.That(publicSchema.Error, Does.Contain("DH206"));
    }

    [Test]
    public async Task A_password_with_special_characters_works_and_is_never_printed()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 1, applied: 1);
        var role = await scenario.ProductionServer.CreateRoleAsync(password: "p@ss:w/rd?#%&=");
        await scenario.ProductionServer.ExecuteAsync(scenario.Production.Name, $"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {PostgresServer.Quote(role.Name)}");
        scenario.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = scenario.ProductionServer.PrismaUrl(scenario.Production.Name, role.Name, role.Password);
        Assert.That(scenario.Push().ExitCode, Is.Zero);

        scenario.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = scenario.ProductionServer.PrismaUrl(scenario.Production.Name, role.Name, "wrong-p@ss:w/rd");
        scenario.Repository.Write("x.txt", "x");
        scenario.Repository.MustGit("add", "x.txt");
        scenario.Repository.MustGit("commit", "-q", "-m", "x");
        var wrong = scenario.Push();
        Assert.That(wrong.ExitCode, Is.Not.Zero, wrong.ToString());
        Assert.That(wrong.Error, Does.Contain("DH200"));
        Assert.That(wrong.All, Does.Not.Contain("wrong-p@ss").And.Not.Contain("wrong-p%40ss"));
    }

    [Test]
    public async Task An_unreachable_production_blocks_in_bounded_time_unless_configured_to_warn()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 1, applied: 1);
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        scenario.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = $"postgresql://u:secret-pw@127.0.0.1:{port}/db";
        scenario.Repository.Environment["DRIFTHOOKS__PRODUCTION__CONNECTTIMEOUTSECONDS"] = "1";

        var clock = Stopwatch.StartNew();
        var hook = scenario.Repository.Run(Path.Combine(scenario.Repository.GitDir, "hooks", "pre-push"), ["origin", scenario.Remote.Root],
            stdin: $"refs/heads/main {scenario.Repository.MustGit("rev-parse", "HEAD").Trim()} refs/heads/main {new string('0', 40)}\n");
        clock.Stop();
        Assert.That(hook.ExitCode, Is.EqualTo(3), hook.ToString());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(6)));
        Assert.That(hook.Error, Does.Contain("DH200").And.Not.Contain("secret-pw"));

        scenario.Repository.Environment["DRIFTHOOKS__PRODUCTION__ONUNREACHABLE"] = "warn";
        var warned = scenario.Push();
        Assert.That(warned.ExitCode, Is.Zero, warned.ToString());
        Assert.That(warned.Error, Does.Contain("warning DH200"));
    }

    [Test]
    public async Task Override_passes_a_blocked_push_and_is_audited()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        await scenario.ApplyAsync(("20240301000000_hotfix", PushScenario.Script(99)));
        scenario.Repository.Environment["DRIFTHOOKS_OVERRIDE"] = "incident INC-42 hotfix, approved by on-call lead";
        var result = scenario.Push();
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var audit = File.ReadAllText(Path.Combine(scenario.Repository.GitDir, "drifthooks", "audit.log"));
        Assert.That(audit, Does.Contain("\"hook\":\"pre-push\"").And.Contain("INC-42").And.Contain("DH201"));
    }

    [Test]
    public async Task The_hook_never_writes_to_production()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 3, applied: 2);
        Assert.That(scenario.Push().ExitCode, Is.Zero);
        var lines = await scenario.ProductionServer.ReadStatementLogAsync();
        var ours = lines.Where(l => l.Contains("app=drifthooks ", StringComparison.Ordinal) && l.Contains($"db={scenario.Production.Name} ", StringComparison.Ordinal)).ToList();
        Assert.That(ours, Is.Not.Empty, "the hook's statements are in the log");
        Assert.That(ours.Any(l => l.Contains("SET TRANSACTION READ ONLY", StringComparison.Ordinal)), Is.True);
        var writes = ours.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"statement:.*\b(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|GRANT)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)).ToList();
        Assert.That(writes, Is.Empty);
    }

    [Test]
    public async Task A_host_named_in_a_committed_file_is_used_only_once_trusted()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 1, applied: 1);
        var url = scenario.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"]!;
        scenario.Repository.Environment.Remove("DRIFTHOOKS_PRODUCTION_URL");
        scenario.Repository.Write("drifthooks.json", $"{{ \"Production\": {{ \"Url\": \"{url}\" }} }}\n");
        scenario.Repository.MustGit("add", "drifthooks.json");
        scenario.Repository.MustGit("commit", "-q", "-m", "config");
        var untrusted = scenario.Push();
        Assert.That(untrusted.ExitCode, Is.Not.Zero);
        Assert.That(untrusted.Error, Does.Contain("drifthooks trust"));

        var trust = scenario.Repository.Drifthooks("trust");
        Assert.That(trust.ExitCode, Is.Zero, trust.ToString());
        Assert.That(trust.Output, Does.Contain("127.0.0.1"));
        Assert.That(scenario.Push().ExitCode, Is.Zero);

        // Changing the file (as a merged pull request could) withdraws the trust.
        scenario.Repository.Write("drifthooks.json", $"{{ \"Production\": {{ \"Url\": \"{url.Replace("127.0.0.1", "localhost")}\" }} }}\n");
        scenario.Repository.MustGit("commit", "-q", "-a", "-m", "moved");
        Assert.That(scenario.Push().Error, Does.Contain("drifthooks trust"));
    }

    [Test]
    public async Task A_hand_added_production_column_blocks_with_DH303_by_default_and_passes_when_the_team_switches_the_check_off()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "H");
        await scenario.ProductionServer.ExecuteAsync(scenario.Production.Name, "ALTER TABLE \"H1\" ADD COLUMN \"hotfix\" TEXT");
        scenario.Repository.Environment["DATABASE_URL"] = scenario.Server.PrismaUrl("postgres");

        var on = scenario.Push();
        Assert.That(on.ExitCode, Is.Not.Zero, on.ToString());
        Assert.That(on.Error, Does.Contain("DH303").And.Contain("H1.hotfix"));
        Assert.That(on.All, Does.Not.Contain(scenario.Server.SuperPassword));
        Assert.That(scenario.Remote.Git("rev-parse", "--verify", "-q", "main").ExitCode, Is.Not.Zero, "nothing reached the remote");

        scenario.Repository.Environment["DRIFTHOOKS_OVERRIDE"] = "INC-7 column added during the incident, migration follows";
        Assert.That(scenario.Push().ExitCode, Is.Zero);
        scenario.Repository.Environment.Remove("DRIFTHOOKS_OVERRIDE");

        scenario.Repository.Write("drifthooks.json", "{ \"Production\": { \"SchemaCheck\": false } }\n");
        scenario.Repository.MustGit("add", "drifthooks.json");
        scenario.Repository.MustGit("commit", "-q", "--no-verify", "-m", "policy");
        var off = scenario.Push();
        Assert.That(off.ExitCode, Is.Zero, off.ToString());
        Assert.That(off.Error, Does.Not.Contain("DH303"));
    }

    [Test]
    public async Task The_schema_check_replays_the_pushed_commit_and_needs_a_shadow_server()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        scenario.Repository.Environment["DRIFTHOOKS__PRODUCTION__SCHEMACHECK"] = "true";
        scenario.Repository.Environment["DATABASE_URL"] = "";
        var unconfigured = scenario.Repository.Run(Path.Combine(scenario.Repository.GitDir, "hooks", "pre-push"), ["origin", scenario.Remote.Root],
            stdin: $"refs/heads/main {scenario.Repository.MustGit("rev-parse", "HEAD").Trim()} refs/heads/main {new string('0', 40)}\n");
        Assert.That(unconfigured.ExitCode, Is.EqualTo(2), unconfigured.ToString());
        Assert.That(unconfigured.Error, Does.Contain("Shadow:Url").And.Contain("SchemaCheck"));

        // An uncommitted edit of an applied migration is not what is pushed: no drift.
        scenario.Repository.Environment["DATABASE_URL"] = scenario.Server.PrismaUrl("postgres");
        scenario.Repository.Write($"prisma/migrations/{PushScenario.Name(1)}/migration.sql", PushScenario.Script(1) + "ALTER TABLE \"T1\" ADD COLUMN \"y\" TEXT;\n");
        var clean = scenario.Push();
        Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
        Assert.That(clean.Error, Does.Not.Contain("DH3"));
    }

    [Test]
    public async Task A_push_without_a_Prisma_project_or_a_deletion_passes_at_once()
    {
        using var repo = new TestRepository();
        using var remote = new TestRepository(init: false);
        remote.MustGit("init", "-q", "--bare");
        repo.Write("README.md", "x\n");
        repo.CommitAllWithoutHooks();
        repo.MustGit("remote", "add", "origin", remote.Root);
        repo.Install();
        repo.Environment["DRIFTHOOKS_PRODUCTION_URL"] = "postgresql://u:p@127.0.0.1:1/none";
        Assert.That(repo.Git("push", "origin", "main").ExitCode, Is.Zero);
        Assert.That(repo.Git("push", "origin", "--delete", "main").ExitCode, Is.Zero);

        // Its twin: once the pushed commit holds a Prisma project, the same unreachable production stops the push,
        // so the passes above were the hook deciding that nothing needed production.
        repo.Write("prisma/schema.prisma", TestRepository.Datasource);
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "SELECT 1;\n");
        repo.CommitAllWithoutHooks();
        var refused = repo.Git("push", "origin", "main");
        Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH200"));
    }
}
