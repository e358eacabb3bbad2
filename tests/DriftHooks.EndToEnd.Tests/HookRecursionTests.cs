using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// A hook never runs itself. An older DriftHooks build installed over a newer one kept the newer hook script as "the
/// hook that was there before" and ran it first; that script ran the newer DriftHooks, which ran the same chained
/// script again: a fork chain without end on every commit. Each commit here runs under a time limit, so a regression
/// fails (and its processes are killed) instead of hanging the suite.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[Platform(Include = "Linux,MacOsX", Reason = "writes POSIX hook scripts, links and file modes")]
public class HookRecursionTests
{
    private const string Models = "model User {\n  id Int @id\n}\n";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Test]
    public void An_older_install_over_this_one_runs_DriftHooks_once_instead_of_forever_and_install_tidies_it_up()
    {
        using var repo = ProjectWithEditedMigration();
        Assert.That(repo.Install().ExitCode, Is.Zero);

        // What an older build's install (one binary per hook, linked from the hooks folder) leaves over this one: our
        // script moved aside as the hook to chain, a link to bin/pre-commit in its place, a state file without a version.
        var hooks = Path.Combine(repo.GitDir, "hooks");
        var bin = Path.Combine(repo.GitDir, "drifthooks", "bin");
        File.Copy(Path.Combine(bin, "drifthooks"), Path.Combine(bin, "pre-commit"));
        File.Move(Path.Combine(hooks, "pre-commit"), Path.Combine(hooks, "pre-commit.drifthooks-chained"));
        File.CreateSymbolicLink(Path.Combine(hooks, "pre-commit"), Path.Combine(bin, "pre-commit"));
        File.WriteAllText(Path.Combine(repo.GitDir, "drifthooks", "install.state"), $"hooks-dir={hooks}\nhook=pre-commit\nhook=pre-merge-commit\nhook=pre-push\n");

        var refused = CommitWithin(repo);
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(Count(refused.Error, "DH102"), Is.EqualTo(1), "DriftHooks ran once: " + refused);
        Assert.That(refused.Error, Does.Contain("pre-commit.drifthooks-chained': it is a DriftHooks hook itself").And.Contain("Run 'drifthooks install'"));

        // The printed fix: install again.
        var install = repo.Install();
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(install.Output, Does.Not.Contain("kept the existing hook"));
        Assert.That(Directory.EnumerateFileSystemEntries(hooks).Where(p => p.EndsWith(".drifthooks-chained", StringComparison.Ordinal)), Is.Empty);
        Assert.That(File.Exists(Path.Combine(bin, "pre-commit")), Is.False, "the older layout's binary is gone");

        var again = CommitWithin(repo);
        Assert.That(again.ExitCode, Is.EqualTo(1), again.ToString());
        Assert.That(Count(again.Error, "DH102"), Is.EqualTo(1), again.ToString());
        Assert.That(again.Error, Does.Not.Contain("skipped"));
    }

    [Test]
    public void A_DriftHooks_executable_copied_into_the_hooks_folder_is_replaced_not_kept_as_a_hook_to_chain()
    {
        using var repo = ProjectWithEditedMigration();
        var hooks = Path.Combine(repo.GitDir, "hooks");
        Directory.CreateDirectory(hooks);
        File.Copy(Path.Combine(NativeBinaries.Directory, "pre-commit"), Path.Combine(hooks, "pre-commit"));

        var install = repo.Install();
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(install.Output, Does.Not.Contain("kept the existing hook"));
        Assert.That(File.Exists(Path.Combine(hooks, "pre-commit.drifthooks-chained")), Is.False);

        var refused = CommitWithin(repo);
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(Count(refused.Error, "DH102"), Is.EqualTo(1), refused.ToString());
    }

    [Test]
    public void A_chained_hook_that_runs_DriftHooks_s_hook_again_stops_with_exit_6_and_says_which_hook()
    {
        using var repo = ProjectWithEditedMigration();
        // A team script (not DriftHooks's, so kept and chained) that calls the installed DriftHooks itself.
        repo.Write(".git/hooks/pre-commit", "#!/bin/sh\necho team-check >&2\nexec \"$(git rev-parse --git-common-dir)/drifthooks/bin/drifthooks\" hook pre-commit \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(repo.GitDir, "hooks", "pre-commit"), (UnixFileMode)0b111_101_101);
        var install = repo.Install();
        Assert.That(install.Output, Does.Contain("kept the existing hook"), install.ToString());

        var direct = Bounded(repo, () => repo.Run(NativeBinaries.Drifthooks, ["hook", "pre-commit"], timeout: Limit));
        Assert.That(direct.ExitCode, Is.EqualTo(6), direct.ToString());
        Assert.That(direct.Error, Does.Contain("team-check").And.Contain("started again from within itself").And.Contain("pre-commit.drifthooks-chained"));

        var commit = CommitWithin(repo);
        Assert.That(commit.ExitCode, Is.Not.Zero, commit.ToString());
        Assert.That(commit.Error, Does.Contain("started again from within itself"));

        // A hook of another repository started from the chained hook (a commit in a submodule) is not stopped.
        using var other = new TestRepository();
        other.Write("a.txt", "a\n");
        other.CommitAllWithoutHooks();
        Assert.That(other.Install().ExitCode, Is.Zero);
        repo.Write(".git/hooks/pre-commit.drifthooks-chained", $"#!/bin/sh\ncd '{other.Root}' && unset GIT_DIR GIT_INDEX_FILE && echo b > b.txt && git add b.txt && git commit -q -m nested\n");
        var nested = CommitWithin(repo);
        Assert.That(nested.Error, Does.Not.Contain("started again"), nested.ToString());
        Assert.That(other.MustGit("log", "--format=%s", "-1").Trim(), Is.EqualTo("nested"), nested.ToString());
        Assert.That(Count(nested.Error, "DH102"), Is.EqualTo(1), nested.ToString());
    }

    [Test]
    public void A_real_older_build_installed_over_this_one_and_back_never_runs_away()
    {
        // An older release's native build folder (e.g. 15fbd26's artifacts/native); not part of the repository.
        var older = Environment.GetEnvironmentVariable("DRIFTHOOKS_OLDER_BUILD");
        if (string.IsNullOrEmpty(older) || !File.Exists(Path.Combine(older, "drifthooks")))
        {
            Assert.Ignore("Needs DRIFTHOOKS_OLDER_BUILD: the artifacts/native folder of an older DriftHooks build.");
        }

        using var repo = ProjectWithEditedMigration();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        var olderInstall = Bounded(repo, () => repo.Run(Path.Combine(older, "drifthooks"), ["install"], timeout: Limit));
        Assert.That(olderInstall.ExitCode, Is.Zero, olderInstall.ToString());

        var overNewer = CommitWithin(repo);
        Assert.That(overNewer.ExitCode, Is.EqualTo(1), overNewer.ToString());
        Assert.That(overNewer.Error, Does.Contain("DH102"));

        Assert.That(repo.Install().ExitCode, Is.Zero);
        var back = CommitWithin(repo);
        Assert.That(back.ExitCode, Is.EqualTo(1), back.ToString());
        Assert.That(Count(back.Error, "DH102"), Is.EqualTo(1), back.ToString());
    }

    private static TestRepository ProjectWithEditedMigration()
    {
        var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks();
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        repo.MustGit("add", "-A");
        return repo;
    }

    private static ProcessResult CommitWithin(TestRepository repo) => Bounded(repo, () => repo.Run("git", ["commit", "-m", "change"], timeout: Limit));

    private static ProcessResult Bounded(TestRepository repo, Func<ProcessResult> run)
    {
        try
        {
            return run();
        }
        catch (TimeoutException)
        {
            var killed = RunawayProcesses.KillAllNaming(repo.Root);
            Assert.Fail($"the hook did not finish within {Limit.TotalSeconds} s: it ran away ({killed} processes left behind were killed)");
            throw;
        }
    }

    private static int Count(string text, string word) => text.Split(word).Length - 1;
}
