using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// Settings anyone may commit, or mistype, through the published binaries: a password cut by an unencoded character
/// never shows up in a message, an out-of-range number is refused once with where it is set (exit 2, not "a
/// DriftHooks defect"), and a committed backups folder stays inside the repository and out of Prisma's folders.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class HostileSettingsTests
{
    private const string Models = "model User {\n  id Int @id\n}\n";

    static TestRepository InstalledWithRemote(out TestRepository remote)
    {
        var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks("base");
        remote = new TestRepository(init: false);
        remote.MustGit("init", "-q", "--bare");
        repo.MustGit("remote", "add", "origin", remote.Root);
        Assert.That(repo.Install().ExitCode, Is.Zero);
        return repo;
    }

    [TestCase("postgresql://ro:Pr0dSecret/x@127.0.0.1/app")]
    [TestCase("postgresql://ro:Pr0d?Secret@127.0.0.1/app")]
    [TestCase("postgresql://ro:Pr0d#Secret@127.0.0.1/app")]
    [TestCase("postgresql://ro:1234/Secret@127.0.0.1/app")]
    [TestCase("postgresql://ro:Pr0d/Secret")]
    [TestCase("postgresql://ro:Pr0dSecret@127.0.0.1:Pr0d/app")]
    [TestCase("postgresql://ro:Pr0d%Secret@127.0.0.1/app")]
    public void No_part_of_a_password_reaches_status_pre_push_or_doctor(string url)
    {
        using var repo = InstalledWithRemote(out var remote);
        using var _ = remote;
        repo.Environment["DRIFTHOOKS_PRODUCTION_URL"] = url;

        var status = repo.Drifthooks("status");
        var push = repo.Git("push", "origin", "main");
        var doctor = repo.Drifthooks("doctor");
        foreach (var (what, result) in new[] { ("status", status), ("pre-push", push), ("doctor", doctor) })
        {
            Assert.That(result.All, Does.Not.Contain("Pr0d").And.Not.Contain("Secret").And.Not.Contain("1234"), $"{what}: {result}");
            Assert.That(result.All, Does.Contain("database URL").And.Not.Contain("defect").And.Not.Contain("   at "), $"{what}: {result}");
        }

        // The same with the diagnostic log on: it says where the URL came from, never any part of it.
        var verboseStatus = repo.Drifthooks("status", "--verbose");
        repo.Environment["DRIFTHOOKS_LOG"] = "debug";
        var debugPush = repo.Git("push", "origin", "main");
        repo.Environment.Remove("DRIFTHOOKS_LOG");
        var verboseDoctor = repo.Drifthooks("doctor", "--verbose");
        foreach (var (what, result) in new[] { ("status --verbose", verboseStatus), ("pre-push with DRIFTHOOKS_LOG=debug", debugPush), ("doctor --verbose", verboseDoctor) })
        {
            Assert.That(result.Error, Does.Contain("debug: production URL: from environment variable DRIFTHOOKS_PRODUCTION_URL"), $"{what}: {result}");
            Assert.That(result.All, Does.Not.Contain("Pr0d").And.Not.Contain("Secret").And.Not.Contain("1234"), $"{what}: {result}");
        }

        Assert.That(status.ExitCode, Is.EqualTo(2), status.ToString());
        Assert.That(push.ExitCode, Is.Not.Zero, push.ToString());
        Assert.That(remote.Git("rev-parse", "--verify", "-q", "refs/heads/main").ExitCode, Is.Not.Zero, "the push was stopped");
    }

    [TestCase("StatementTimeoutSeconds", "\"Infinity\"")]
    [TestCase("StatementTimeoutSeconds", "1e300")]
    [TestCase("StatementTimeoutSeconds", "-5")]
    [TestCase("StatementTimeoutSeconds", "1e-300")]
    [TestCase("StatementTimeoutSeconds", "\"NaN\"")]
    [TestCase("ConnectTimeoutSeconds", "1e9")]
    [TestCase("ConnectTimeoutSeconds", "\"-Infinity\"")]
    public void A_committed_timeout_out_of_range_stops_commit_and_push_naming_the_setting_and_its_file(string key, string json)
    {
        using var repo = InstalledWithRemote(out var remote);
        using var _ = remote;
        repo.Write("drifthooks.json", $"{{ \"Production\": {{ \"{key}\": {json} }} }}\n");
        repo.CommitAllWithoutHooks("a committed setting");

        repo.Write("prisma/schema.prisma", repo.Read("prisma/schema.prisma").Replace("id Int @id", "id Int @id\n  name String?", StringComparison.Ordinal));
        repo.MustGit("add", "-A");
        var commit = repo.Commit();
        var push = repo.Git("push", "origin", "main");
        foreach (var (what, result) in new[] { ("commit", commit), ("push", push) })
        {
            Assert.That(result.ExitCode, Is.Not.Zero, $"{what}: {result}");
            Assert.That(result.Error, Does.Contain($"Production:{key} is ").And.Contain($"Production:{key} in drifthooks.json"), $"{what}: {result}");
            Assert.That(result.Error, Does.Not.Contain("defect").And.Not.Contain("   at "), $"{what}: {result}");
        }

        Assert.That(repo.Drifthooks("status").ExitCode, Is.EqualTo(2), "a configuration error, exit 2, for every command");
    }

    [TestCase("prisma/migrations", "inside Prisma's folder prisma/migrations")]
    [TestCase("prisma/migrations/backups", "inside Prisma's folder prisma/migrations")]
    [TestCase("prisma", "Prisma's folder prisma")]
    [TestCase(".", "the repository itself")]
    [TestCase("../outside", "leads out of the repository")]
    [TestCase("backups/../../outside", "leads out of the repository")]
    [TestCase("ABSOLUTE", "an absolute path")]
    [TestCase(".git/backups", "inside .git")]
    public async Task A_committed_backups_folder_outside_the_repository_or_in_prisma_s_folders_is_refused_and_nothing_is_written(string folder, string why)
    {
        using var scenario = await PushScenario.CreateAsync(committed: 1, applied: 1);
        await scenario.UseLocalDatabaseAsync();
        var outside = Path.Combine(Path.GetTempPath(), "dh-backups-" + Guid.NewGuid().ToString("N"));
        var value = folder == "ABSOLUTE" ? outside : folder;
        scenario.Repository.Write("drifthooks.json", $"{{ \"Backups\": {{ \"Folder\": \"{value}\" }} }}\n");
        scenario.Repository.CommitAllWithoutHooks("a committed backups folder");
        var before = Files(scenario.Repository.Root);

        var backup = scenario.Repository.Drifthooks("backup");
        Assert.That(backup.ExitCode, Is.EqualTo(2), backup.ToString());
        Assert.That(backup.Error, Does.Contain("Backups:Folder").And.Contain("configuration key Backups:Folder in drifthooks.json").And.Contain(why), backup.ToString());
        Assert.That(Files(scenario.Repository.Root), Is.EqualTo(before), "nothing written in the repository");
        Assert.That(Directory.Exists(outside) || Directory.Exists(Path.GetFullPath(Path.Combine(scenario.Repository.Root, "..", "outside"))), Is.False, "nothing written outside it");
        Assert.That(scenario.Repository.MustGit("status", "--porcelain", "--untracked-files=all"), Is.Empty);
    }

    [Test]
    public async Task The_user_s_own_backups_folder_may_be_absolute_but_never_prisma_s()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 1, applied: 1);
        await scenario.UseLocalDatabaseAsync();
        var outside = Path.Combine(Path.GetTempPath(), "dh-backups-" + Guid.NewGuid().ToString("N"));
        try
        {
            scenario.Repository.Environment["DRIFTHOOKS__BACKUPS__FOLDER"] = outside;
            var backup = scenario.Repository.Drifthooks("backup");
            Assert.That(backup.ExitCode, Is.Zero, backup.ToString());
            Assert.That(Directory.EnumerateFiles(outside, "production-*.json"), Is.Not.Empty, "the user's choice, from the environment");

            scenario.Repository.Environment["DRIFTHOOKS__BACKUPS__FOLDER"] = "prisma/migrations";
            var refused = scenario.Repository.Drifthooks("backup");
            Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
            Assert.That(refused.Error, Does.Contain("environment variable DRIFTHOOKS__BACKUPS__FOLDER").And.Contain("inside Prisma's folder prisma/migrations"));
            Assert.That(File.Exists(Path.Combine(scenario.Repository.Root, "prisma", "migrations", ".gitignore")), Is.False);
        }
        finally
        {
            if (Directory.Exists(outside))
            {
                Directory.Delete(outside, recursive: true);
            }
        }
    }

    static List<string> Files(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
