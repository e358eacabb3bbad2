using System.Text.Json;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary><c>drifthooks doctor</c>: the pre-development checklist in real repositories (NO_COLOR, so ASCII marks).</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class DoctorCommandTests
{
    private const string Models = "model User {\n  id Int @id\n}\n";

    /// <summary>A clone in the state doctor wants: on main, pushed, hooks installed, a fresh backup.</summary>
    private static (TestRepository Repo, TestRepository Remote) ReadyRepository()
    {
        var remote = new TestRepository(init: false);
        remote.MustGit("init", "-q", "--bare", "-b", "main");
        var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.Write(".gitignore", ".drifthooks/\n");
        repo.CommitAllWithoutHooks();
        repo.MustGit("remote", "add", "origin", remote.Root);
        repo.MustGit("push", "-q", "-u", "origin", "main");
        repo.Write(".drifthooks/backups/production-20260101.sql", "-- a dump\n");
        var install = repo.Install();
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        return (repo, remote);
    }

    private static string Line(ProcessResult result, string item) =>
        result.Output.Split('\n').FirstOrDefault(l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^\[\w+\] +{item}")) ?? $"(no '{item}' line)\n{result}";

    [Test]
    public void A_ready_clone_passes()
    {
        var (repo, remote) = ReadyRepository();
        using var _ = repo;
        using var __ = remote;
        var result = repo.Drifthooks("doctor");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Line(result, "branch"), Does.StartWith("[ok]"));
        Assert.That(Line(result, "upstream"), Does.StartWith("[ok]").And.Contain("origin/main"));
        Assert.That(Line(result, "migrations"), Does.StartWith("[ok]"));
        Assert.That(Line(result, "hooks"), Does.StartWith("[ok]").And.Contain("current"));
        Assert.That(Line(result, "backup"), Does.StartWith("[ok]"));
        Assert.That(Line(result, "production"), Does.StartWith("[warn]"), "no production URL is configured");
        Assert.That(Line(result, "local"), Does.StartWith("[skip]"));
        Assert.That(result.Output, Does.Contain("ready"));

        var json = repo.Drifthooks("doctor", "--format", "json");
        Assert.That(json.ExitCode, Is.Zero, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        Assert.That(document.RootElement.GetProperty("passed").GetBoolean(), Is.True);
        Assert.That(document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()), Is.EqualTo(new[] { "branch", "upstream", "migrations", "hooks", "backup", "production", "local" }));
    }

    [Test]
    public void An_untracked_migration_folder_fails_naming_it()
    {
        var (repo, remote) = ReadyRepository();
        using var _ = repo;
        using var __ = remote;
        repo.Write("prisma/migrations/20240301000000_wip/migration.sql", "SELECT 1;\n");
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        var result = repo.Drifthooks("doctor");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var line = Line(result, "migrations");
        Assert.That(line, Does.StartWith("[FAIL]").And.Contain("prisma/migrations/20240301000000_wip is untracked").And.Contain("20240101000000_init is changed after it was committed"));
        Assert.That(result.Output, Does.Contain("git add prisma/schema.prisma prisma/migrations && git commit -m 'Add migration 20240301000000_wip'"));
    }

    [Test]
    public void A_migration_made_but_not_committed_is_committed_by_the_printed_fix_through_the_hooks_and_doctor_passes()
    {
        var (repo, remote) = ReadyRepository();
        using var _ = repo;
        using var __ = remote;

        // What npx prisma migrate dev leaves: the schema edited, a new migration folder, nothing staged.
        repo.Write("prisma/schema.prisma", File.ReadAllText(Path.Combine(repo.Root, "prisma/schema.prisma")) + "model Post {\n  id Int @id\n}\n");
        repo.Write("prisma/migrations/20240301000000_post/migration.sql", "-- CreateTable\nCREATE TABLE \"Post\" (\"id\" INTEGER NOT NULL, CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));\n");
        var result = repo.Drifthooks("doctor");
        Assert.That(Line(result, "migrations"), Does.StartWith("[FAIL]").And.Contain("20240301000000_post is untracked"));
        var lines = result.Output.Split('\n');
        var fix = lines[Array.IndexOf(lines, Line(result, "migrations")) + 1].Trim()["fix: ".Length..];

        // As printed, through the installed pre-commit hook, with no editor to answer.
        var followed = repo.Run("bash", ["-c", fix], stdin: "");
        Assert.That(followed.ExitCode, Is.Zero, $"{fix}\n{followed}");
        Assert.That(repo.MustGit("log", "-1", "--format=%s").Trim(), Is.EqualTo("Add migration 20240301000000_post"));
        Assert.That(repo.MustGit("status", "--porcelain"), Is.Empty, "the schema went in with its migration");
        Assert.That(Line(repo.Drifthooks("doctor"), "migrations"), Does.StartWith("[ok]"));
    }

    [Test]
    public void Missing_or_outdated_hooks_fail_with_drifthooks_install()
    {
        var (repo, remote) = ReadyRepository();
        using var _ = repo;
        using var __ = remote;

        // A rebuild of the same commit (other bytes, same version and commit) is the same DriftHooks.
        var installed = Path.Combine(repo.GitDir, "drifthooks", "bin", "drifthooks");
        File.WriteAllBytes(installed, [.. File.ReadAllBytes(installed), 0]);
        Assert.That(Line(repo.Drifthooks("doctor"), "hooks"), Does.StartWith("[ok]").And.Contain("current"));

        // Hooks installed by another version (or commit) are not.
        var version = repo.Drifthooks("--version").Output.Trim();
        Assert.That(version, Does.Match(@"^\d+\.\d+\.\d+.*\+[0-9a-f]{40}$"), "the version names the commit it was built from");
        var state = Path.Combine(repo.GitDir, "drifthooks", "install.state");
        File.WriteAllText(state, File.ReadAllText(state).Replace("version=" + version, "version=0.0.1+0000000000000000000000000000000000000000", StringComparison.Ordinal));
        var outdated = repo.Drifthooks("doctor");
        Assert.That(outdated.ExitCode, Is.EqualTo(1), outdated.ToString());
        Assert.That(Line(outdated, "hooks"), Does.StartWith("[FAIL]").And.Contain("not this drifthooks's version").And.Contain("installed by 0.0.1+0000000").And.Contain(version));

        Assert.That(repo.Install().ExitCode, Is.Zero);
        Assert.That(Line(repo.Drifthooks("doctor"), "hooks"), Does.StartWith("[ok]"), "install updates the binaries");

        Assert.That(repo.Drifthooks("uninstall").ExitCode, Is.Zero);
        var missing = repo.Drifthooks("doctor");
        Assert.That(missing.ExitCode, Is.EqualTo(1), missing.ToString());
        Assert.That(Line(missing, "hooks"), Does.StartWith("[FAIL]"));
        Assert.That(missing.Output, Does.Contain("fix: drifthooks install"));
    }

    [Test]
    public void A_leftover_chained_hook_that_is_DriftHooks_itself_fails_and_install_as_printed_removes_it()
    {
        var (repo, remote) = ReadyRepository();
        using var _ = repo;
        using var __ = remote;

        // What another build's install can leave: DriftHooks's own hook script kept as the hook to run first.
        var hooks = Path.Combine(repo.GitDir, "hooks");
        var chained = Path.Combine(hooks, "pre-push.drifthooks-chained");
        File.Copy(Path.Combine(hooks, "pre-push"), chained);

        var result = repo.Drifthooks("doctor");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(Line(result, "hooks"), Does.StartWith("[FAIL]").And.Contain(chained).And.Contain("is DriftHooks itself"));
        var lines = result.Output.Split('\n');
        var fix = lines[Array.IndexOf(lines, Line(result, "hooks")) + 1].Trim()["fix: ".Length..];
        Assert.That(fix, Is.EqualTo("drifthooks install"));

        // The printed fix, as a user runs it.
        var install = repo.Drifthooks(fix.Split(' ')[1..]);
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(File.Exists(chained), Is.False);
        Assert.That(Line(repo.Drifthooks("doctor"), "hooks"), Does.StartWith("[ok]").And.Contain("current"));
    }

    [Test]
    public void Behind_the_upstream_fails_with_git_pull_after_fetch()
    {
        var (repo, remote) = ReadyRepository();
        using var _ = repo;
        using var __ = remote;
        using var other = new TestRepository(init: false);
        other.MustGit("clone", "-q", remote.Root, ".");
        other.Write("prisma/migrations/20240201000000_teammate/migration.sql", "SELECT 1;\n");
        other.CommitAllWithoutHooks("Teammate's migration");
        other.MustGit("push", "-q", "origin", "main");

        Assert.That(Line(repo.Drifthooks("doctor"), "upstream"), Does.StartWith("[ok]"), "without --fetch, the last fetch is all doctor knows");
        var result = repo.Drifthooks("doctor", "--fetch");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(Line(result, "upstream"), Does.StartWith("[FAIL]").And.Contain("1 commit behind origin/main"));
        Assert.That(result.Output, Does.Contain("fix: git pull"));
    }

    [Test]
    public void Off_the_default_branch_and_without_a_backup_only_warns()
    {
        var (repo, remote) = ReadyRepository();
        using var _ = repo;
        using var __ = remote;
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Delete(".drifthooks/backups");
        repo.Environment["LANG"] = "C.UTF-8";
        var result = repo.Drifthooks("doctor");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Line(result, "branch"), Does.StartWith("[warn]").And.Contain("not the default branch main"));
        Assert.That(Line(result, "upstream"), Does.StartWith("[warn]"));
        Assert.That(Line(result, "backup"), Does.StartWith("[warn]"));
        Assert.That(result.Output, Does.Contain("fix: drifthooks backup"));
    }

    [Test]
    public void A_production_url_in_a_committed_file_not_trusted_fails_with_the_trust_as_its_fix_and_no_longer_once_trusted()
    {
        var (repo, remote) = ReadyRepository();
        using var _ = repo;
        using var __ = remote;
        repo.Write("drifthooks.json", "{ \"Production\": { \"Url\": \"postgresql://reader:secret@production.invalid:5432/app\" } }\n");
        repo.MustGit("add", "drifthooks.json");
        repo.MustGit("commit", "-q", "--no-verify", "-m", "production");

        static JsonElement Production(ProcessResult doctor) =>
            JsonDocument.Parse(doctor.Output).RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "production");
        var untrusted = Production(repo.Drifthooks("doctor", "--format", "json"));
        Assert.That(untrusted.GetProperty("status").GetString(), Is.EqualTo("fail"), untrusted.ToString());
        Assert.That(untrusted.GetProperty("fix").GetString(), Is.EqualTo("drifthooks trust"), untrusted.ToString());

        Assert.That(repo.Drifthooks("trust").ExitCode, Is.Zero);
        var trusted = Production(repo.Drifthooks("doctor", "--format", "json"));
        Assert.That(trusted.ToString(), Does.Not.Contain("drifthooks trust").And.Not.Contain("secret"));
    }

    [Test]
    public async Task Head_is_compared_with_production_and_local_is_skipped_when_unconfigured()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 1);
        var inLine = scenario.Repository.Drifthooks("doctor");
        Assert.That(Line(inLine, "production"), Does.StartWith("[ok]").And.Contain(PushScenario.Name(2)), inLine.ToString());
        Assert.That(Line(inLine, "local"), Does.StartWith("[skip]").And.Contain("no local database configured"));

        await scenario.ApplyAsync(("20240301000000_hotfix", PushScenario.Script(99)));
        var behind = scenario.Repository.Drifthooks("doctor");
        Assert.That(behind.ExitCode, Is.EqualTo(1), behind.ToString());
        Assert.That(Line(behind, "production"), Does.StartWith("[FAIL]").And.Contain("DH201").And.Contain("20240301000000_hotfix"));
        Assert.That(behind.All, Does.Not.Contain(scenario.Production.PrismaUrl));
    }

    [Test]
    public async Task The_local_database_is_compared_with_the_working_tree_and_production()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        var local = await scenario.Server.CreateDatabaseAsync();
        scenario.Repository.Environment["DATABASE_URL"] = local.PrismaUrl;
        await Core.Tests.Support.PrismaMigrator.ApplyAsync(local.PrismaUrl, [new(PushScenario.Name(1), System.Text.Encoding.UTF8.GetBytes(PushScenario.Script(1)))]);

        var behind = scenario.Repository.Drifthooks("doctor");
        Assert.That(Line(behind, "local"), Does.StartWith("[warn]").And.Contain("DH410").And.Contain(PushScenario.Name(2)), behind.ToString());
        Assert.That(behind.Output, Does.Contain("drifthooks sync"));
        Assert.That(behind.All, Does.Not.Contain(scenario.Server.SuperPassword));

        Assert.That(scenario.Repository.Drifthooks("sync").ExitCode, Is.Zero);
        var synced = scenario.Repository.Drifthooks("doctor");
        Assert.That(Line(synced, "local"), Does.StartWith("[ok]").And.Contain("2 migrations applied"), synced.ToString());

        await Core.Tests.Support.PrismaMigrator.ApplyAsync(local.PrismaUrl, [new("20240109000000_abandoned", System.Text.Encoding.UTF8.GetBytes(PushScenario.Script(9)))]);
        var abandoned = scenario.Repository.Drifthooks("doctor");
        Assert.That(abandoned.ExitCode, Is.EqualTo(1), abandoned.ToString());
        Assert.That(Line(abandoned, "local"), Does.StartWith("[FAIL]").And.Contain("DH411").And.Contain("20240109000000_abandoned"));
    }
}
