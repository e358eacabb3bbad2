using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// Input a user (or a hand-edited database) can make, through the published binaries: each gets a clear message and
/// its exit code, never a crash, a hang or "a DriftHooks defect".
/// </summary>
[Parallelizable(ParallelScope.All)]
public class InputEdgeTests
{
    [TestCase("/dev/zero")]
    [TestCase("fifo")]
    public async Task Restore_refuses_anything_but_a_regular_file_without_reading_it(string source)
    {
        using var scenario = await PushScenario.CreateAsync(committed: 1, applied: 1);
        var local = await scenario.Server.CreateDatabaseAsync();
        scenario.Repository.Environment["DATABASE_URL"] = local.PrismaUrl;
        var file = source;
        if (source == "fifo")
        {
            file = Path.Combine(scenario.Repository.Root, "backup.fifo");
            Assert.That(Process.Start("mkfifo", [file])!.WaitForExitAsync().Wait(TimeSpan.FromSeconds(10)), Is.True);
        }

        var clock = Stopwatch.StartNew();
        var restore = scenario.Repository.Run(NativeBinaries.Drifthooks, ["restore", file, "--yes"], timeout: TimeSpan.FromSeconds(30));
        Assert.That(restore.ExitCode, Is.EqualTo(7), restore.ToString());
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(restore.Error, Does.Contain("cannot be read").And.Contain(source == "fifo" ? "FIFO" : "it is a device").And.Not.Contain("defect").And.Not.Contain("   at "));
    }

    [Test]
    public async Task A_production_row_without_a_checksum_is_a_finding_about_that_row()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        await scenario.ProductionServer.ExecuteAsync(scenario.Production.Name,
            $"ALTER TABLE \"_prisma_migrations\" ALTER COLUMN \"checksum\" DROP NOT NULL; UPDATE \"_prisma_migrations\" SET \"checksum\" = NULL WHERE \"migration_name\" = '{PushScenario.Name(2)}'");
        var push = scenario.Push();
        Assert.That(push.ExitCode, Is.EqualTo(1), push.ToString());
        Assert.That(push.Error, Does.Contain("DH202").And.Contain($"row for '{PushScenario.Name(2)}'").And.Contain("has no checksum (NULL)").And.Not.Contain("defect"));
    }

    [TestCase("started_at")]
    [TestCase("applied_steps_count")]
    public async Task A_production_row_missing_a_required_column_is_named_not_a_defect(string column)
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        await scenario.ProductionServer.ExecuteAsync(scenario.Production.Name,
            $"ALTER TABLE \"_prisma_migrations\" ALTER COLUMN \"{column}\" DROP NOT NULL; UPDATE \"_prisma_migrations\" SET \"{column}\" = NULL WHERE \"migration_name\" = '{PushScenario.Name(2)}'");
        var push = scenario.Push();
        Assert.That(push.ExitCode, Is.Not.EqualTo(0), push.ToString());
        Assert.That(push.Error, Does.Contain($"migration '{PushScenario.Name(2)}'").And.Contain($"has no {column} (NULL)").And.Not.Contain("defect").And.Not.Contain("   at "));
    }

    [Test]
    public void A_connect_timeout_in_the_url_is_honoured()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject("model User {\n  id Int @id @default(autoincrement())\n}\n");
        repo.CommitAllWithoutHooks();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        repo.Environment["DRIFTHOOKS_PRODUCTION_URL"] = $"postgresql://u:pw@127.0.0.1:{port}/db?connect_timeout=1";

        var clock = Stopwatch.StartNew();
        var hook = repo.Run(Path.Combine(NativeBinaries.Directory, "pre-push"), ["origin", "/nowhere"],
            stdin: $"refs/heads/main {repo.MustGit("rev-parse", "HEAD").Trim()} refs/heads/main {new string('0', 40)}\n");
        clock.Stop();
        Assert.That(hook.ExitCode, Is.EqualTo(3), hook.ToString());
        Assert.That(hook.Error, Does.Contain("DH200"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), "1 s from the URL, not the 5 s default");
    }

    [Test]
    public void A_migration_folder_whose_name_is_not_UTF8_is_refused_at_commit_and_status_names_a_path_that_exists()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject("model User {\n  id Int @id @default(autoincrement())\n}\n");
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        // The folder name holds byte 0xE9 (Latin-1 'é'), which is not UTF-8.
        Assert.That(repo.Run("bash", ["-c", "d=$'prisma/migrations/20240201000000_caf\\xe9'; mkdir \"$d\" && echo 'SELECT 1;' > \"$d/migration.sql\""]).ExitCode, Is.Zero);

        var status = repo.Drifthooks("status");
        Assert.That(status.Output, Does.Contain("not UTF-8").And.Not.Contain("rm -r"), status.ToString());
        var statusFix = status.Output.Split('\n').Single(l => l.StartsWith("  fix: mv ", StringComparison.Ordinal))["  fix: ".Length..];
        Assert.That(statusFix, Is.EqualTo("mv prisma/migrations/20240201000000_caf* prisma/migrations/20240201000000_caf_"));

        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH111").And.Contain("name that is not UTF-8"));
        var fix = refused.Error.Split('\n').Single(l => l.StartsWith("  fix: ", StringComparison.Ordinal))["  fix: ".Length..];
        Assert.That(repo.Run("bash", ["-c", fix]).ExitCode, Is.Zero, fix);
        var committed = repo.Commit();
        Assert.That(committed.ExitCode, Is.Zero, committed.ToString());
        Assert.That(repo.MustGit("ls-tree", "-r", "--name-only", "HEAD"), Does.Contain("prisma/migrations/20240201000000_caf_/migration.sql"));
        Assert.That(repo.Drifthooks("status").Output, Does.Not.Contain("not UTF-8"));
    }

    [Test]
    public void A_schema_with_the_same_field_twice_is_DH100_with_the_reason()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject("model User {\n  id Int @id @default(autoincrement())\n}\n");
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + "model User {\n  id Int @id @default(autoincrement())\n  name String\n  name String\n}\n");
        repo.MustGit("add", "-A");
        var result = repo.Commit();
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("DH100").And.Contain("`name` already defined at line").And.Not.Contain("defect"));
    }
}
