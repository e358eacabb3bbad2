using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The packages install/pack.sh builds, installed as a Prisma team installs hook tools: into a new project from local
/// files, with the package manager's own install running <c>"prepare": "drifthooks install"</c> (or the dotnet
/// tool's command); then a commit through the installed hooks is refused and another passes, with no .NET visible
/// to git or the hooks (PATH holding git alone, DOTNET_ROOT unset).
/// </summary>
[TestFixture]
public class PackageInstallTests
{
    private const string Models = "model User {\n  id Int @id\n}\n";

    [Test]
    public void Npm_install_runs_prepare_and_the_hooks_refuse_and_pass_commits_without_dotnet() =>
        InstallWithNodePackageManager("npm", ["install", "--no-audit", "--no-fund"]);

    [Test]
    public void Pnpm_install_runs_prepare_and_the_hooks_refuse_and_pass_commits_without_dotnet()
    {
        using var probe = new TestRepository(init: false);
        var version = probe.Run("npx", ["--yes", "pnpm@10", "--version"], timeout: TimeSpan.FromMinutes(3));
        if (version.ExitCode != 0)
        {
            Assert.Ignore("Needs pnpm 10 (npx --yes pnpm@10), which could not be run here: " + version.All.Trim());
        }

        InstallWithNodePackageManager("npx", ["--yes", "pnpm@10", "install"]);
    }

    [Test]
    public void Dotnet_tool_install_gives_a_native_command_whose_hooks_refuse_and_pass_commits_without_dotnet()
    {
        using var repo = NewPrismaProject();
        var tools = Path.Combine(repo.Root, ".tools");
        repo.Write(".gitignore", ".tools/\n");
        repo.CommitAllWithoutHooks("ignore tools");

        var install = repo.Run("dotnet", ["tool", "install", "DriftHooks", "--tool-path", tools, "--add-source", Packages.Directory, "--version", Packages.Version], timeout: TimeSpan.FromMinutes(5));
        Assert.That(install.ExitCode, Is.Zero, install.ToString());

        WithoutDotnet(repo);
        var hooks = repo.Run(Path.Combine(tools, "drifthooks"), ["install"]);
        Assert.That(hooks.ExitCode, Is.Zero, "the tool's command runs with no .NET installation visible: " + hooks);
        CommitsAreJudged(repo);
    }

    [Test]
    public void The_release_installer_installs_the_archive_only_when_its_checksum_matches()
    {
        using var repo = NewPrismaProject();
        var prefix = Path.Combine(repo.Root, ".git", "release");
        var install = repo.Run("bash", [Path.Combine(NativeBinaries.RepositoryRoot, "install", "install-release.sh"), "--from", Packages.Directory, "--prefix", prefix, "--bin", Path.Combine(prefix, "bin")]);
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(install.Output, Does.Contain("checksum verified").And.Contain("0.1.0+"));

        WithoutDotnet(repo);
        Assert.That(repo.Run(Path.Combine(prefix, "bin", "drifthooks"), ["install"]).ExitCode, Is.Zero);
        CommitsAreJudged(repo);

        // A release whose archive is not the one its SHA256SUMS names: nothing is unpacked.
        var tampered = Path.Combine(repo.Root, ".git", "tampered");
        Directory.CreateDirectory(tampered);
        File.Copy(Path.Combine(Packages.Directory, "SHA256SUMS"), Path.Combine(tampered, "SHA256SUMS"));
        var archive = Path.GetFileName(Directory.GetFiles(Packages.Directory, "drifthooks-*.tar.gz").Single());
        File.WriteAllBytes(Path.Combine(tampered, archive), [.. File.ReadAllBytes(Path.Combine(Packages.Directory, archive)), 0]);
        repo.Environment.Remove("PATH");
        var refused = repo.Run("bash", [Path.Combine(NativeBinaries.RepositoryRoot, "install", "install-release.sh"), "--from", tampered, "--prefix", Path.Combine(tampered, "out"), "--bin", Path.Combine(tampered, "bin")]);
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("does not match SHA256SUMS").And.Contain("nothing was installed"));
        Assert.That(Directory.Exists(Path.Combine(tampered, "out")), Is.False);
    }

    private static void InstallWithNodePackageManager(string command, string[] arguments)
    {
        using var repo = NewPrismaProject();
        var main = Packages.NpmMain;
        var platform = Packages.NpmPlatform;
        var platformName = "@drifthooks/" + Path.GetFileName(platform)["drifthooks-".Length..^$"-{Packages.Version}.tgz".Length];
        repo.Write(".gitignore", "node_modules/\n");
        repo.Write("package.json", $$"""
            {
              "name": "app",
              "version": "1.0.0",
              "private": true,
              "scripts": { "prepare": "drifthooks install" },
              "devDependencies": { "drifthooks": "file:{{main}}", "{{platformName}}": "file:{{platform}}" }
            }
            """);
        repo.CommitAllWithoutHooks("package.json");

        var install = repo.Run(command, arguments, timeout: TimeSpan.FromMinutes(5));
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(install.All, Does.Contain("pre-commit: installed"), "prepare ran drifthooks install: " + install);
        Assert.That(repo.Read(".git/hooks/pre-commit"), Does.Contain("exec '" + Path.Combine(repo.GitDir, "drifthooks", "bin", "drifthooks")));

        WithoutDotnet(repo);
        CommitsAreJudged(repo);
    }

    private static TestRepository NewPrismaProject()
    {
        var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks();
        return repo;
    }

    // git alone on PATH (the hooks get git's exec-path before it), and no DOTNET_ROOT: nothing of .NET to find.
    private static void WithoutDotnet(TestRepository repo)
    {
        var bin = Path.Combine(repo.Root, ".git", "test-path");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "git"), FindOnPath("git"));
        repo.Environment["PATH"] = bin;
        repo.Environment["DOTNET_ROOT"] = null;
        Assert.That(Directory.GetFiles(bin).Select(Path.GetFileName), Is.EqualTo(new[] { "git" }));
    }

    private static void CommitsAreJudged(TestRepository repo)
    {
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited after it was applied\n");
        var refused = repo.Commit("-a");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH102"));

        repo.MustGit("checkout", "--", "prisma");
        repo.Write("notes.txt", "a commit that touches no Prisma file\n");
        repo.MustGit("add", "notes.txt");
        var passed = repo.Commit();
        Assert.That(passed.ExitCode, Is.Zero, passed.ToString());
    }

    private static string FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).First(File.Exists);
}
