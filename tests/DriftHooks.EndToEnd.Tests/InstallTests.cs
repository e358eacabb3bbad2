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
        Assert.That(install.Output, Does.Contain(".husky/_"));
        Assert.That(new FileInfo(Path.Combine(repo.Root, ".husky/_/pre-commit")).LinkTarget, Is.Not.Null);

        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        var result = repo.Commit("-a");
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("DH102"));
        Assert.That(repo.Read("husky.log"), Is.EqualTo("husky-ran\n"));

        Assert.That(repo.Drifthooks("uninstall").ExitCode, Is.Zero);
        Assert.That(repo.Read(".husky/_/pre-commit"), Does.Contain("dirname"));
    }

    [Test]
    public void Outside_a_repository_install_fails_with_exit_code_3()
    {
        using var repo = new TestRepository(init: false);
        var result = repo.Run(NativeBinaries.Drifthooks, ["install"], workingDirectory: "/");
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("No git repository"));
    }

    [Test]
    public void Unknown_arguments_are_usage_errors()
    {
        using var repo = new TestRepository();
        var result = repo.Drifthooks("instal");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("--help"));
    }
}
