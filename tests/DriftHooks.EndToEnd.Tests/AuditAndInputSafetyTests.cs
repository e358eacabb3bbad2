using System.Text.Json;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// What a hostile name or an unwritable audit log can do through the published hooks: forge no audit record, reach the
/// terminal only as visible escapes, and never let an override pass that is not on record.
/// </summary>
public class AuditAndInputSafetyTests
{
    private const string UserModel = "model User {\n  id Int @id @default(autoincrement())\n}\n";
    private const string HostileMigration = "20240102000000_x\n{\"action\":\"override\",\"reason\":\"forged\"}\u001b[2J";

    private static TestRepository Baseline()
    {
        var repo = new TestRepository();
        repo.WritePrismaProject(UserModel);
        repo.Write($"prisma/migrations/{HostileMigration}/migration.sql", "SELECT 1;\n");
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        return repo;
    }

    private static string AuditPath(TestRepository repo) => Path.Combine(repo.GitDir, "drifthooks", "audit.log");

    [Test]
    public void A_folder_name_or_reason_with_line_breaks_and_escapes_forges_no_audit_record_and_reaches_the_terminal_escaped()
    {
        using var repo = Baseline();
        repo.Write($"prisma/migrations/{HostileMigration}/migration.sql", "SELECT 2;\n");
        var blocked = repo.Commit("-a");
        Assert.That(blocked.ExitCode, Is.EqualTo(1), blocked.ToString());
        Assert.That(blocked.Error, Does.Contain("DH102").And.Contain("20240102000000_x\\n{\"action\":\"override\"").And.Contain("\\x1b[2J"));
        Assert.That(blocked.Error, Does.Not.Contain("\u001b"), "no raw escape byte from the folder name");

        var reason = "hotfix OPS-9 approved by lead\n{\"action\":\"forged\",\"reason\":\"nobody\"}";
        repo.Environment["DRIFTHOOKS_OVERRIDE"] = reason;
        var overridden = repo.Commit("-a");
        Assert.That(overridden.ExitCode, Is.Zero, overridden.ToString());
        Assert.That(overridden.Error, Does.Contain("OVERRIDDEN (hotfix OPS-9 approved by lead\\n{"));

        var lines = File.ReadAllLines(AuditPath(repo));
        Assert.That(lines, Has.Length.EqualTo(2), string.Join("\n", lines));
        var records = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(records.Select(r => r.GetProperty("action").GetString()), Is.EqualTo(new[] { "block", "override" }));
        Assert.That(records[1].GetProperty("reason").GetString(), Is.EqualTo(reason));
        Assert.That(records[0].GetProperty("findings")[0].GetProperty("location").GetString(), Does.Contain(HostileMigration));
    }

    [TestCase("directory")]
    [TestCase("link to /dev/full")]
    public void An_override_that_cannot_be_recorded_is_refused_and_says_why(string trouble)
    {
        using var repo = Baseline();
        var head = repo.MustGit("rev-parse", "HEAD");
        Directory.CreateDirectory(Path.GetDirectoryName(AuditPath(repo))!);
        if (trouble == "directory")
        {
            Directory.CreateDirectory(AuditPath(repo));
        }
        else
        {
            File.CreateSymbolicLink(AuditPath(repo), "/dev/full");
        }

        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        repo.Environment["DRIFTHOOKS_OVERRIDE"] = "hotfix OPS-123 approved by lead";
        var result = repo.Commit("-a");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        // A link (here to /dev/full, a disk always full) is no audit log: refused before anything is written.
        Assert.That(result.Error, Does.Contain("the override was NOT applied").And.Contain(AuditPath(repo)).And.Contain(trouble == "directory" ? "it is a directory" : "symbolic link"));
        Assert.That(result.Error, Does.Not.Contain("OVERRIDDEN"));
        Assert.That(repo.MustGit("rev-parse", "HEAD"), Is.EqualTo(head), "nothing was committed");

        // Following the printed fix (a writable file in its place) lets the same override through, on record.
        if (trouble == "directory")
        {
            Directory.Delete(AuditPath(repo));
        }
        else
        {
            File.Delete(AuditPath(repo));
        }

        Assert.That(repo.Commit("-a").ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(AuditPath(repo)), Does.Contain("hotfix OPS-123 approved by lead"));
    }

    [Test]
    public void Twenty_concurrent_overrides_from_two_linked_worktrees_are_all_recorded()
    {
        using var repo = Baseline();
        var other = repo.Root + "-linked";
        repo.MustGit("worktree", "add", "-q", "-b", "feature", other);
        try
        {
            foreach (var tree in new[] { repo.Root, other })
            {
                File.WriteAllText(Path.Combine(tree, "prisma/migrations/20240101000000_init/migration.sql"), "-- edited\n");
                repo.Run("git", ["add", "-A"], workingDirectory: tree);
            }

            const int PerTree = 10;
            var runs = Enumerable.Range(0, 2 * PerTree).Select(i => Task.Run(() =>
            {
                var environment = new Dictionary<string, string?> { ["DRIFTHOOKS_OVERRIDE"] = $"concurrent override {i} approved by lead" };
                var (exit, _, error) = IsolatedProcess.Run(Path.Combine(NativeBinaries.Directory, "pre-commit"), [], i % 2 == 0 ? repo.Root : other, environment);
                return new ProcessResult(exit, "", error);
            })).ToArray();
            Task.WaitAll(runs);
            Assert.That(runs.Select(r => r.Result.ExitCode), Is.All.Zero, string.Join("\n", runs.Select(r => r.Result.ToString())));

            var reasons = File.ReadAllLines(AuditPath(repo)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("reason").GetString());
            Assert.That(reasons, Is.EquivalentTo(Enumerable.Range(0, 2 * PerTree).Select(i => $"concurrent override {i} approved by lead")));
        }
        finally
        {
            repo.Git("worktree", "remove", "--force", other);
        }
    }
}
