using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary><c>drifthooks install</c> and <c>uninstall</c> in real repositories.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class InstallTests
{
    private const string Models = "model User {\n  id Int @id\n}\n";

    [Test]
    public void A_moved_clone_still_commits_runs_its_chained_hook_and_doctor_finds_its_hooks()
    {
        var before = new TestRepository();
        before.WritePrismaProject(Models);
        before.CommitAllWithoutHooks();
        before.Write(".git/hooks/pre-commit", "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/old-hook.log\"\n");
        File.SetUnixFileMode(Path.Combine(before.GitDir, "hooks", "pre-commit"), (UnixFileMode)0b111_101_101);
        Assert.That(before.Install().ExitCode, Is.Zero);
        Assert.That(new FileInfo(Path.Combine(before.GitDir, "hooks", "pre-commit")).LinkTarget, Is.EqualTo("../drifthooks/bin/drifthooks"), "a link relative to the hooks folder names no absolute path of the clone");
        Assert.That(before.Read(".git/drifthooks/install.state"), Does.Not.Contain(before.Root), "neither does the install record");

        var moved = Path.Combine(Path.GetTempPath(), "drifthooks-e2e-moved-" + Guid.NewGuid().ToString("N")[..12], "app 'x'");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(before.Root, moved);
        using var repo = new TestRepository(init: false, root: moved);
        try
        {
            repo.Write("prisma/schema.prisma", repo.Read("prisma/schema.prisma").Replace("id Int @id", "id Int @id\n  name String", StringComparison.Ordinal));
            var refused = repo.Commit("-a");
            Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
            Assert.That(refused.Error, Does.Contain("DH101"));
            Assert.That(repo.Read(".git/old-hook.log"), Is.EqualTo("ran\n"), "the chained hook is found in the moved clone");

            repo.MustGit("checkout", "--", "prisma");
            repo.Write("notes.txt", "x\n");
            repo.MustGit("add", "notes.txt");
            Assert.That(repo.Commit().ExitCode, Is.Zero);
            Assert.That(Line(repo.Drifthooks("doctor"), "hooks"), Does.StartWith("[ok]"));

            // Installed elsewhere than git runs hooks from: "(core.hooksPath)" only where that setting is what moved them.
            var state = Path.Combine(repo.GitDir, "drifthooks", "install.state");
            File.WriteAllText(state, File.ReadAllText(state).Replace("hooks-dir=../hooks", "hooks-dir=../other-hooks", StringComparison.Ordinal));
            var elsewhere = Line(repo.Drifthooks("doctor"), "hooks");
            Assert.That(elsewhere, Does.StartWith("[FAIL]").And.Contain(Path.Combine(repo.GitDir, "hooks")).And.Not.Contain("core.hooksPath"));
            repo.MustGit("config", "core.hooksPath", "githooks");
            Assert.That(Line(repo.Drifthooks("doctor"), "hooks"), Does.StartWith("[FAIL]").And.Contain("(core.hooksPath)"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(moved)!, recursive: true);
        }
    }

    [Test]
    public void Installing_again_changes_no_file_with_or_without_husky()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        var plain = Snapshot(repo, ".git/hooks");
        var state = repo.Read(".git/drifthooks/install.state");
        Assert.That(repo.Install().ExitCode, Is.Zero);
        Assert.That(Snapshot(repo, ".git/hooks"), Is.EqualTo(plain));
        Assert.That(repo.Read(".git/drifthooks/install.state"), Is.EqualTo(state));

        // husky 9 as `npx husky init` leaves it: its stubs in .husky/_ (git's core.hooksPath), the team's .husky/pre-commit.
        repo.Write(".husky/_/h", "#!/usr/bin/env sh\nn=$(basename \"$0\")\ns=$(dirname \"$(dirname \"$0\")\")/$n\n[ ! -f \"$s\" ] && exit 0\nsh -e \"$s\" \"$@\"\n");
        repo.Write(".husky/_/pre-commit", "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n");
        repo.Write(".husky/_/.gitignore", "*\n");
        repo.Write(".husky/pre-commit", "npm test\n");
        repo.MustGit("config", "core.hooksPath", ".husky/_");
        Assert.That(repo.Install().ExitCode, Is.Zero);
        repo.MustGit("add", ".husky");
        repo.MustGit("commit", "-q", "--no-verify", "-m", "husky with DriftHooks");
        var husky = Snapshot(repo, ".husky");
        for (var i = 0; i < 2; i++)
        {
            Assert.That(repo.Install().ExitCode, Is.Zero);
            Assert.That(repo.MustGit("status", "--porcelain"), Is.Empty, "every teammate's npm install runs install: it leaves the tree clean");
            Assert.That(Snapshot(repo, ".husky"), Is.EqualTo(husky));
        }

        Assert.That(repo.Read(".husky/pre-merge-commit"), Does.StartWith("#!/usr/bin/env sh\n# >>> drifthooks"), "no blank line after the shell line");
    }

    // Every file under the folders, with its bytes and mode.
    private static Dictionary<string, string> Snapshot(TestRepository repo, params string[] folders) =>
        folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(repo.Root, folder), "*", SearchOption.AllDirectories))
            .ToDictionary(
                path => Path.GetRelativePath(repo.Root, path),
                path => Convert.ToHexString(File.ReadAllBytes(path)) + " " + File.GetUnixFileMode(path));

    private static string Line(ProcessResult result, string item) =>
        result.Output.Split('\n').FirstOrDefault(l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^\[\w+\] +{item}")) ?? $"(no '{item}' line)\n{result}";

    [Test]
    public void An_existing_hook_is_chained_and_restored_on_uninstall()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks();
        const string oldHook = "#!/bin/sh\necho \"old hook ran as $(basename \"$0\")\" >> \"$(git rev-parse --git-dir)/old-hook.log\"\n[ -f block-me ] && exit 7\nexit 0\n";
        repo.Write(".git/hooks/pre-commit", oldHook);
        File.SetUnixFileMode(Path.Combine(repo.GitDir, "hooks", "pre-commit"), (UnixFileMode)0b111_101_101);

        var install = repo.Install();
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(install.Output, Does.Contain("kept the existing hook"));
        Assert.That(repo.Install().ExitCode, Is.Zero, "install is idempotent");

        repo.Write("notes.txt", "x\n");
        repo.MustGit("add", "notes.txt");
        Assert.That(repo.Commit().ExitCode, Is.Zero);
        Assert.That(repo.Read(".git/old-hook.log"), Is.EqualTo("old hook ran as pre-commit\n"));

        // The chained hook's refusal is respected.
        repo.Write("block-me", "");
        repo.MustGit("add", "block-me");
        Assert.That(repo.Commit().ExitCode, Is.Not.Zero);
        repo.Delete("block-me");
        repo.MustGit("rm", "-q", "--cached", "block-me");

        // And DriftHooks still runs after it.
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        var refused = repo.Commit("-a");
        Assert.That(refused.Error, Does.Contain("DH102"));

        var uninstall = repo.Drifthooks("uninstall");
        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.ToString());
        Assert.That(repo.Read(".git/hooks/pre-commit"), Is.EqualTo(oldHook));
        Assert.That(File.Exists(Path.Combine(repo.GitDir, "hooks", "pre-push")), Is.False);
        Assert.That(repo.Commit("-a").ExitCode, Is.Zero, "without DriftHooks the edit goes through");
    }

    [Test]
    public void Core_hooks_path_is_honoured_and_a_husky_hook_still_works()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        // husky 9's layout: .husky/_/pre-commit sources .husky/_/h, which runs .husky/<hook name>.
        repo.Write(".husky/_/h", "#!/usr/bin/env sh\nn=$(basename \"$0\")\ns=$(dirname \"$(dirname \"$0\")\")/$n\n[ ! -f \"$s\" ] && exit 0\nsh -e \"$s\" \"$@\"\n");
        repo.Write(".husky/_/pre-commit", "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n");
        repo.Write(".husky/pre-commit", "echo husky-ran >> husky.log\n");
        foreach (var file in new[] { ".husky/_/h", ".husky/_/pre-commit" })
        {
            File.SetUnixFileMode(Path.Combine(repo.Root, file), (UnixFileMode)0b111_101_101);
        }

        repo.Write(".gitignore", "husky.log\n.husky/_\n");
        repo.CommitAllWithoutHooks();
        repo.MustGit("config", "core.hooksPath", ".husky/_");

        var install = repo.Install();
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(install.Output, Does.Contain(".husky/pre-commit").And.Contain("commit it"));
        Assert.That(new FileInfo(Path.Combine(repo.Root, ".husky/_/pre-commit")).LinkTarget, Is.Null, "husky's own stub is left alone");
        Assert.That(repo.Read(".husky/pre-commit"), Does.StartWith("echo husky-ran >> husky.log\n").And.Contain("\"$drifthooks\" hook pre-commit"));
        Assert.That(repo.Drifthooks("doctor").Output, Does.Contain("[ok]   hooks"));

        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        var result = repo.Commit("-a");
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH102"));
        Assert.That(repo.Read("husky.log"), Is.EqualTo("husky-ran\n"));

        // husky rewrites its stubs on every npm install (writing through links): DriftHooks must survive that.
        foreach (var stub in new[] { "pre-commit", "pre-push", "pre-merge-commit" })
        {
            File.WriteAllText(Path.Combine(repo.Root, ".husky/_", stub), "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"");
            File.SetUnixFileMode(Path.Combine(repo.Root, ".husky/_", stub), (UnixFileMode)0b111_101_101);
        }

        var again = repo.Commit("-a");
        Assert.That(again.ExitCode, Is.Not.Zero, again.ToString());
        Assert.That(again.Error, Does.Contain("DH102"));
        Assert.That(File.ReadAllBytes(Path.Combine(repo.GitDir, "drifthooks", "bin", "drifthooks")).Length, Is.GreaterThan(1_000_000), "the binary is intact");

        Assert.That(repo.Drifthooks("uninstall").ExitCode, Is.Zero);
        Assert.That(repo.Read(".husky/pre-commit"), Is.EqualTo("echo husky-ran >> husky.log\n"));
        Assert.That(repo.Exists(".husky/pre-push"), Is.False, "created for DriftHooks alone, removed with it");
    }

    [Test]
    public void With_husky_4_to_8_the_committed_scripts_in_core_hooks_path_carry_the_block()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        // husky 4-8: core.hooksPath is .husky itself; git runs the team's scripts there, which source _/husky.sh.
        repo.Write(".husky/_/husky.sh", "# husky\n");
        repo.Write(".husky/pre-commit", "#!/bin/sh\n. \"$(dirname \"$0\")/_/husky.sh\"\necho husky-ran >> husky.log\n");
        File.SetUnixFileMode(Path.Combine(repo.Root, ".husky/pre-commit"), (UnixFileMode)0b111_101_101);
        repo.Write(".gitignore", "husky.log\n");
        repo.CommitAllWithoutHooks();
        repo.MustGit("config", "core.hooksPath", ".husky");
        var teamScript = repo.Read(".husky/pre-commit");

        var install = repo.Install();
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(new FileInfo(Path.Combine(repo.Root, ".husky/pre-commit")).LinkTarget, Is.Null, "the team's committed script is not replaced by a link");
        Assert.That(repo.Read(".husky/pre-commit"), Does.StartWith(teamScript).And.Contain("\"$drifthooks\" hook pre-commit"));
        Assert.That(File.GetUnixFileMode(Path.Combine(repo.Root, ".husky/pre-push")) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute), "git runs it directly");

        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        var result = repo.Commit("-a");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("DH102"));
        Assert.That(repo.Read("husky.log"), Is.EqualTo("husky-ran\n"));

        Assert.That(repo.Drifthooks("uninstall").ExitCode, Is.Zero);
        Assert.That(repo.Read(".husky/pre-commit"), Is.EqualTo(teamScript));
        Assert.That(repo.Exists(".husky/pre-push"), Is.False, "created for DriftHooks alone, removed with it");
    }

    [Test]
    public void Unknown_arguments_are_usage_errors()
    {
        using var repo = new TestRepository();
        var result = repo.Drifthooks("instal");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("--help"));
    }

    [Test]
    public void Through_husky_the_pre_push_hook_gets_git_s_arguments_and_pushed_refs()
    {
        using var repo = new TestRepository();
        using var remote = new TestRepository(init: false);
        remote.MustGit("init", "-q", "--bare");
        repo.WritePrismaProject(Models);
        repo.Write(".husky/_/h", "#!/usr/bin/env sh\nn=$(basename \"$0\")\ns=$(dirname \"$(dirname \"$0\")\")/$n\n[ ! -f \"$s\" ] && exit 0\nsh -e \"$s\" \"$@\"\n");
        repo.Write(".husky/_/pre-push", "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n");
        File.SetUnixFileMode(Path.Combine(repo.Root, ".husky/_/h"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(repo.Root, ".husky/_/pre-push"), (UnixFileMode)0b111_101_101);
        repo.Write(".gitignore", ".husky/_\n");
        repo.CommitAllWithoutHooks();
        repo.MustGit("config", "core.hooksPath", ".husky/_");
        repo.MustGit("remote", "add", "origin", remote.Root);
        Assert.That(repo.Install().ExitCode, Is.Zero);

        // With no production configured the hook warns about the pushed branch: it saw the refs on its input.
        var push = repo.Git("push", "origin", "main");
        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        Assert.That(push.Error, Does.Contain("DH208"));
    }

    [Test]
    public void Uninstall_restores_a_husky_hook_byte_for_byte_with_its_mode()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        const string husky = "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n";
        repo.Write(".husky/_/h", "#!/usr/bin/env sh\nn=$(basename \"$0\")\ns=$(dirname \"$(dirname \"$0\")\")/$n\n[ ! -f \"$s\" ] && exit 0\nsh -e \"$s\" \"$@\"\n");
        repo.Write(".husky/_/pre-commit", husky);
        repo.Write(".husky/_/pre-push", husky);
        repo.Write(".husky/pre-commit", "echo husky-ran >> husky.log\n");
        File.SetUnixFileMode(Path.Combine(repo.Root, ".husky/_/h"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(repo.Root, ".husky/_/pre-commit"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(repo.Root, ".husky/_/pre-push"), (UnixFileMode)0b111_000_000);
        repo.Write(".gitignore", "husky.log\n.husky/_\n");
        repo.CommitAllWithoutHooks();
        repo.MustGit("config", "core.hooksPath", ".husky/_");
        var modes = new[] { "pre-commit", "pre-push" }.ToDictionary(h => h, h => File.GetUnixFileMode(Path.Combine(repo.Root, ".husky/_", h)));

        Assert.That(repo.Install().ExitCode, Is.Zero);
        repo.Write("notes.txt", "x\n");
        repo.MustGit("add", "notes.txt");
        Assert.That(repo.Commit().ExitCode, Is.Zero);
        Assert.That(repo.Read("husky.log"), Is.EqualTo("husky-ran\n"), "the chained husky hook ran");

        var uninstall = repo.Drifthooks("uninstall");
        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.ToString());
        foreach (var hook in modes.Keys)
        {
            var path = Path.Combine(repo.Root, ".husky/_", hook);
            Assert.That(new FileInfo(path).LinkTarget, Is.Null, hook);
            Assert.That(File.ReadAllText(path), Is.EqualTo(husky), hook);
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(modes[hook]), hook);
            Assert.That(File.Exists(path + ".drifthooks-chained"), Is.False, hook);
        }
    }

    [Test]
    public void Installing_from_a_linked_worktree_protects_both_worktrees()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks();
        using var linked = new TestRepository(init: false);
        System.IO.Directory.Delete(linked.Root);
        repo.MustGit("worktree", "add", "-q", "-b", "other", linked.Root);

        var install = linked.Install();
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(new FileInfo(Path.Combine(repo.GitDir, "hooks", "pre-commit")).LinkTarget, Is.EqualTo("../drifthooks/bin/drifthooks"), "the common directory's hooks, beside the executable in the common directory");

        foreach (var worktree in new[] { linked, repo })
        {
            worktree.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
            var refused = worktree.Commit("-a");
            Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
            Assert.That(refused.Error, Does.Contain("DH102"));
            worktree.MustGit("checkout", "--", ".");
            worktree.Write("notes.txt", "x\n");
            worktree.MustGit("add", "notes.txt");
            var passed = worktree.Commit();
            Assert.That(passed.ExitCode, Is.Zero, passed.ToString());
        }

        Assert.That(linked.Drifthooks("uninstall").ExitCode, Is.Zero);
        Assert.That(File.Exists(Path.Combine(repo.GitDir, "hooks", "pre-commit")), Is.False);
    }

    [Test]
    public void Install_as_a_prepare_script_does_nothing_in_one_line_without_a_repository_in_CI_or_when_turned_off()
    {
        // A Docker build's npm ci: no git repository, and the install must not fail.
        using var folder = new TestRepository(init: false);
        var outside = folder.Drifthooks("install");
        Assert.That((outside.ExitCode, outside.Error), Is.EqualTo((0, "")), outside.ToString());
        Assert.That(outside.Output.TrimEnd().Split('\n'), Has.Length.EqualTo(1).And.Some.Contain("not inside a git repository"));
        var doctor = folder.Drifthooks("doctor");
        Assert.That(doctor.ExitCode, Is.EqualTo(3), "other commands still need a repository: " + doctor);
        Assert.That(doctor.Error, Does.Contain("No git repository"));

        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks();
        foreach (var (variable, value, says) in new[] { ("CI", "true", "CI"), ("DRIFTHOOKS", "0", "DRIFTHOOKS=0") })
        {
            repo.Environment[variable] = value;
            var skipped = repo.Install();
            repo.Environment.Remove(variable);
            Assert.That(skipped.ExitCode, Is.Zero, skipped.ToString());
            Assert.That(skipped.Output.TrimEnd().Split('\n'), Has.Length.EqualTo(1).And.Some.Contain(says));
            Assert.That(repo.Exists(".git/hooks/pre-commit"), Is.False, variable);
        }

        repo.Environment["CI"] = "true";
        repo.Environment["DRIFTHOOKS"] = "1";
        Assert.That(repo.Install().Output, Does.Contain("pre-commit: installed"), "DRIFTHOOKS=1 installs in CI");
    }

    [Test]
    public void Installing_over_an_older_install_replaces_it_instead_of_chaining_it()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks();

        // An install from another location (an older layout, or a moved clone) left links to a drifthooks/bin elsewhere.
        var hooks = Path.Combine(repo.GitDir, "hooks");
        System.IO.Directory.CreateDirectory(hooks);
        File.CreateSymbolicLink(Path.Combine(hooks, "pre-commit"), "/nonexistent/old/.git/drifthooks/bin/pre-commit");
        File.CreateSymbolicLink(Path.Combine(hooks, "pre-push.drifthooks-chained"), "/nonexistent/old/.git/drifthooks/bin/pre-push");

        var install = repo.Install();
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(install.Output, Does.Not.Contain("kept the existing hook"));
        Assert.That(System.IO.Directory.EnumerateFileSystemEntries(hooks).Select(Path.GetFileName).Where(n => n!.Contains("chained")), Is.Empty);

        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        var refused = repo.Commit("-a");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error.Split("DH102").Length - 1, Is.EqualTo(1), "DriftHooks runs once");
    }

    [Test]
    public void Version_and_help_work_for_every_command()
    {
        using var repo = new TestRepository();
        var version = repo.Drifthooks("--version");
        Assert.That(version.ExitCode, Is.Zero, version.ToString());
        Assert.That(version.Output.Trim(), Does.Match(@"^\d+\.\d+\.\d+"));

        foreach (var command in new[] { "install", "uninstall", "trust", "check", "doctor" })
        {
            var help = repo.Drifthooks(command, "--help");
            Assert.That(help.ExitCode, Is.Zero, help.ToString());
            Assert.That(help.Output, Does.Contain($"drifthooks {command}").And.Contain("Description:"), command);
        }

        Assert.That(repo.Drifthooks("check", "--help").Output, Does.Contain("what base..head leaves").And.Contain("--format"));
    }
}
