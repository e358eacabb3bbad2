using System.Diagnostics;
using System.Text;
using DriftHooks.Core.Findings;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The native <c>drifthooks sync</c> interrupted and run twice at once: a migration and its finished history row are
/// one transaction where the script allows it (kill -9 leaves all or nothing), a script that runs its own transactions
/// is left as Prisma leaves it and DH413 says so truthfully with a fix that works, a second sync is told that another
/// one runs (Prisma's advisory lock), and a script holding a NUL byte is refused before anything is sent.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class SyncSafetyTests
{
    const string Slow = "20240109000000_slow";

    const string SlowTable = "CREATE TABLE \"Slow\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"Slow_pkey\" PRIMARY KEY (\"id\"));\n";

    /// <summary>
    /// A committed migration running <paramref name="script"/> that the local database has not applied, and
    /// <c>drifthooks sync</c> started in the background and seen running it (its pg_sleep).
    /// </summary>
    static async Task<(CompanionScenario Scenario, Task<ProcessResult> Run, Func<int> Pid)> SyncUnderWayAsync(string script)
    {
        var s = await CompanionScenario.CreateAsync(committed: 2, production: 2, local: 2);
        s.Repository.Write($"prisma/migrations/{Slow}/migration.sql", script);
        s.Repository.MustGit("add", "-A");
        s.Repository.MustGit("commit", "-q", "--no-verify", "-m", "slow");
        var (run, pid) = StartSync(s);
        await WaitForSleepAsync(s, run);
        return (s, run, pid);
    }

    // kill -9 of the running sync; returns what it exited with once its session on the local database has ended.
    static async Task<ProcessResult> KillAsync(CompanionScenario s, Task<ProcessResult> run, Func<int> pid)
    {
        using (var process = Process.GetProcessById(pid()))
        {
            process.Kill();
        }

        var killed = await run;
        await WaitForNoSessionAsync(s);
        return killed;
    }

    // Starts drifthooks sync in the background; its process id is read from a file the shell writes before exec.
    static (Task<ProcessResult> Run, Func<int> Pid) StartSync(CompanionScenario s)
    {
        var pidFile = Path.Combine(s.Repository.Root, ".git", "sync.pid");
        var run = Task.Run(() => s.Repository.Run("bash", ["-c", $"echo $$ > '{pidFile}'; exec '{NativeBinaries.Drifthooks}' sync --skip-production"], timeout: TimeSpan.FromMinutes(3)));
        return (run, () => int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    // Waits until DriftHooks's session on the local database runs pg_sleep (the migration is under way).
    static async Task WaitForSleepAsync(CompanionScenario s, Task running)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            Assert.That(running.IsCompleted, Is.False, "sync finished before its migration was seen running");
            var sleeping = await s.Server.QueryScalarAsync("postgres", $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{s.Local.Name}' AND application_name = 'drifthooks' AND query LIKE '%pg_sleep%' AND state = 'active'");
            if (sleeping is long n && n > 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("sync's migration was never seen running");
    }

    static async Task WaitForNoSessionAsync(CompanionScenario s)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (await s.Server.QueryScalarAsync("postgres", $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{s.Local.Name}' AND application_name = 'drifthooks'") is 0L)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("the killed sync's session never ended");
    }

    static async Task<long> TableCountAsync(CompanionScenario s, string table) =>
        (long)(await s.Server.QueryScalarAsync(s.Local.Name, $"SELECT count(*) FROM pg_tables WHERE tablename = '{table}'"))!;

    [Test]
    public async Task Kill_9_during_a_migration_leaves_neither_its_changes_nor_an_unfinished_row_and_the_next_sync_applies_it()
    {
        var (s, run, pid) = await SyncUnderWayAsync(SlowTable + "SELECT pg_sleep(4);\n");
        using var scenario = s;
        Assert.That((await KillAsync(s, run, pid)).ExitCode, Is.Not.Zero);

        Assert.That((await s.RowsAsync(s.Local)).Where(r => r.Name == Slow), Is.Empty, "no history row, finished or not");
        Assert.That(await TableCountAsync(s, "Slow"), Is.Zero, "none of the script kept");
        var status = s.Repository.Drifthooks("status");
        Assert.That(status.Output, Does.Not.Contain("DH413"), status.ToString());

        var again = s.Repository.Drifthooks("sync", "--skip-production");
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That((await s.RowsAsync(s.Local)).Single(r => r.Name == Slow).Finished, Is.True);
        Assert.That(await TableCountAsync(s, "Slow"), Is.EqualTo(1L));
    }

    [Test]
    public async Task Kill_9_during_a_script_with_its_own_transactions_leaves_what_Prisma_leaves_and_DH413_says_so_with_a_fix_that_works()
    {
        var (s, run, pid) = await SyncUnderWayAsync("BEGIN;\n" + SlowTable + "COMMIT;\nSELECT pg_sleep(4);\n");
        using var scenario = s;
        await KillAsync(s, run, pid);

        // As Prisma leaves it: the row unfinished with no error, the script's own transaction kept.
        var row = (await s.RowsAsync(s.Local)).Single(r => r.Name == Slow);
        Assert.That((row.Finished, row.Logs), Is.EqualTo((false, (string?)null)));
        Assert.That(await TableCountAsync(s, "Slow"), Is.EqualTo(1L));

        var status = s.Repository.Drifthooks("status");
        var dh413 = status.Output.Split('\n').SkipWhile(l => !l.Contains("DH413", StringComparison.Ordinal)).Take(3).ToList();
        Assert.That(string.Join('\n', dh413), Does.Contain("interrupted").And.Contain("in whole, in part or not at all").And.Contain($"migrate resolve --applied {Slow}").And.Not.Contain("left nothing of it behind"), status.ToString());

        // The printed fix, as printed.
        Assert.That(PrintedFix.Of(s.Repository, status, "DH413").Text, Is.EqualTo("drifthooks sync --reset"));
        var followed = s.Repository.Drifthooks("sync", "--reset", "--yes", "--skip-production");
        Assert.That(followed.ExitCode, Is.Zero, followed.ToString());
        Assert.That((await s.RowsAsync(s.Local)).Where(r => r.Name == Slow).Select(r => r.Finished), Is.EqualTo(new[] { true }));
        Assert.That(s.Repository.Drifthooks("status").Output, Does.Not.Contain("DH413"));
    }

    [Test]
    public async Task A_second_sync_while_one_runs_is_told_so_and_changes_nothing()
    {
        var (s, run, _) = await SyncUnderWayAsync(SlowTable + "SELECT pg_sleep(4);\n");
        using var scenario = s;

        var second = s.Repository.Drifthooks("sync", "--skip-production");
        Assert.That(second.ExitCode, Is.EqualTo(ExitCodes.ResourceUnavailable), second.ToString());
        Assert.That(second.Error, Does.Contain("Another sync or restore").And.Contain("72707369").And.Not.Contain("DH413").And.Not.Contain("--reset"));
        var restore = s.Repository.Drifthooks("sync", "--reset", "--yes", "--skip-production");
        Assert.That(restore.ExitCode, Is.EqualTo(ExitCodes.ResourceUnavailable), restore.ToString());

        var first = await run;
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That((await s.RowsAsync(s.Local)).Where(r => r.Name == Slow).Select(r => r.Finished), Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task A_migration_sql_with_a_NUL_byte_is_refused_before_anything_is_sent_naming_the_file()
    {
        using var s = await CompanionScenario.CreateAsync(committed: 2, production: 2, local: 2);
        var file = $"prisma/migrations/{Slow}/migration.sql";
        s.Repository.WriteBytes(file, [.. Encoding.UTF8.GetBytes("CREATE TABLE \"Nul\" (\"id\" int);\n-- a stray "), 0, .. Encoding.UTF8.GetBytes(" byte\n")]);
        var mark = (await s.Server.ReadStatementLogAsync()).Count - 1;

        var sync = s.Repository.Drifthooks("sync", "--skip-production");
        Assert.That(sync.ExitCode, Is.EqualTo(ExitCodes.Refused), sync.ToString());
        Assert.That(sync.All, Does.Contain("DH417").And.Contain(file).And.Contain("NUL byte (line 2)").And.Not.Contain("defect").And.Not.Contain("   at "));
        Assert.That((await s.RowsAsync(s.Local)).Where(r => r.Name == Slow), Is.Empty, "no history row");
        Assert.That((await s.Server.ReadStatementLogAsync()).Skip(mark).Where(l => l.Contains("app=drifthooks ", StringComparison.Ordinal) && l.Contains("Nul", StringComparison.Ordinal)), Is.Empty, "nothing of it was sent");

        // The printed fix, as printed, then sync applies it.
        var followed = s.Repository.Run("bash", ["-c", PrintedFix.Of(s.Repository, s.Repository.Drifthooks("status"), "DH417").Text]);
        Assert.That(followed.ExitCode, Is.Zero, followed.ToString());
        var again = s.Repository.Drifthooks("sync", "--skip-production");
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
        Assert.That(await TableCountAsync(s, "Nul"), Is.EqualTo(1L));
    }
}
