using DriftHooks.Core.Findings;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The packages install/pack.sh builds, installed as a Prisma team installs hook tools: into a new project from local
/// files, with the package manager's own install running the README's <c>prepare</c> (or the dotnet tool's command);
/// then a commit through the installed hooks is refused and another passes, with no .NET visible
/// to git or the hooks (PATH holding git alone, DOTNET_ROOT unset).
/// </summary>
[TestFixture]
public class PackageInstallTests
{
    private const string Models = "model User {\n  id Int @id\n}\n";

    /// <summary>The README's <c>prepare</c>: silent where drifthooks is not installed (a production install omits it).</summary>
    private const string Prepare = "node -e \\\"import('drifthooks/prepare.js').catch(()=>{})\\\"";

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
    public void The_dotnet_tool_from_a_local_tool_manifest_installs_hooks_that_judge_commits_without_dotnet_and_a_clone_restores_it()
    {
        using var repo = NewPrismaProject();
        OwnDotnetCaches(repo);
        var source = new[] { "--add-source", Packages.Directory };
        Assert.That(repo.Run("dotnet", ["new", "tool-manifest"]).ExitCode, Is.Zero);
        var install = repo.Run("dotnet", ["tool", "install", "DriftHooks", .. source, "--version", Packages.Version], timeout: TimeSpan.FromMinutes(5));
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        // .NET 10 writes the manifest at the folder's top (dotnet-tools.json); older SDKs into .config/.
        var manifest = repo.Exists("dotnet-tools.json") ? "dotnet-tools.json" : ".config/dotnet-tools.json";
        Assert.That(repo.Read(manifest), Does.Contain("\"drifthooks\"").IgnoreCase.And.Contain(Packages.Version));
        Assert.That(repo.MustGit("status", "--porcelain", "--untracked-files=all"), Is.EqualTo($"?? {manifest}\n"), "the manifest is all the tool adds to the work tree");

        var hooks = repo.Run("dotnet", ["drifthooks", "install"], timeout: TimeSpan.FromMinutes(2));
        Assert.That(hooks.ExitCode, Is.Zero, hooks.ToString());
        repo.CommitAllWithoutHooks("the tool manifest");
        WithoutDotnet(repo);
        CommitsAreJudged(repo);
        FixesNameTheCommandAsThisInstallationRunsIt(repo, "dotnet drifthooks", "dotnet-tool");

        // A teammate's clone: dotnet tool restore, then the same command.
        using var clone = new TestRepository(init: false);
        Assert.That(clone.Run("git", ["clone", "-q", repo.Root, clone.Root]).ExitCode, Is.Zero);
        OwnDotnetCaches(clone);
        var restore = clone.Run("dotnet", ["tool", "restore", .. source], timeout: TimeSpan.FromMinutes(5));
        Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
        Assert.That(clone.Run("dotnet", ["drifthooks", "install"], timeout: TimeSpan.FromMinutes(2)).ExitCode, Is.Zero);
        WithoutDotnet(clone);
        CommitsAreJudged(clone);
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
        FixesNameTheCommandAsThisInstallationRunsIt(repo, "drifthooks", "plain", onPath: Path.Combine(prefix, "bin"));

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

    [Test]
    public void Production_installs_a_docker_build_s_copy_and_an_install_without_optional_packages_succeed_with_the_readme_s_prepare()
    {
        using var repo = NewPrismaProject();
        // The platform package as npm installs it from the registry: an optional dependency (here of the project, as
        // local files cannot stand in for the registry's copy that the main package names). npm ci needs a lockfile
        // holding every optional dependency, which the registry would give; here the main package names only this
        // platform's, so that the lockfile npm install writes is complete.
        var main = WithOnlyThisPlatform(repo);
        WritePackageJson(repo, $$"""
            "devDependencies": { "drifthooks": "file:{{main}}" },
            "optionalDependencies": { "{{PlatformName()}}": "file:{{Packages.NpmPlatform}}" }
            """);
        var developer = repo.Run("npm", ["install", "--no-audit", "--no-fund"], timeout: TimeSpan.FromMinutes(5));
        Assert.That(developer.ExitCode, Is.Zero, developer.ToString());
        Assert.That(developer.All, Does.Contain("pre-commit: installed"), "a developer's install installs the hooks");
        repo.CommitAllWithoutHooks("package.json and its lockfile");
        Assert.That(repo.Drifthooks("uninstall").ExitCode, Is.Zero);

        foreach (var (what, arguments, environment) in new (string, string[], string?)[]
        {
            ("npm ci --omit=dev", ["ci", "--omit=dev", "--no-audit", "--no-fund"], null),
            ("NODE_ENV=production npm ci", ["ci", "--no-audit", "--no-fund"], "production"),
        })
        {
            repo.Environment["NODE_ENV"] = environment;
            var production = repo.Run("npm", arguments, timeout: TimeSpan.FromMinutes(5));
            Assert.That(production.ExitCode, Is.Zero, what + ": " + production);
            Assert.That(production.All, Does.Not.Contain("not found").And.Not.Contain("drifthooks install:").And.Not.Contain("ERR"), what + " is silent: drifthooks is not installed there");
            Assert.That(repo.Exists(".git/hooks/pre-commit"), Is.False, what + " installs no hook");
        }

        repo.Environment["NODE_ENV"] = null;
        var withoutOptional = repo.Run("npm", ["install", "--omit=optional", "--no-audit", "--no-fund"], timeout: TimeSpan.FromMinutes(5));
        Assert.That(withoutOptional.ExitCode, Is.Zero, withoutOptional.ToString());
        Assert.That(withoutOptional.All.Split('\n').Count(l => l.Contains("drifthooks install:", StringComparison.Ordinal)), Is.EqualTo(1), "one line: " + withoutOptional);
        Assert.That(withoutOptional.All, Does.Contain("drifthooks install: skipped, the hooks are not installed").And.Contain("--omit=optional"));

        // A Docker build's copy: git archive, no .git; its full npm ci runs prepare outside any repository.
        var copy = Path.Combine(repo.Root, "..", Path.GetFileName(repo.Root) + "-docker");
        Directory.CreateDirectory(copy);
        try
        {
            var archive = Path.Combine(copy, "..", Path.GetFileName(copy) + ".tar");
            repo.MustGit("archive", "-o", archive, "HEAD");
            Assert.That(repo.Run("tar", ["-xf", archive, "-C", copy]).ExitCode, Is.Zero);
            File.Delete(archive);
            var docker = repo.Run("npm", ["ci", "--no-audit", "--no-fund"], workingDirectory: copy, timeout: TimeSpan.FromMinutes(5));
            Assert.That(docker.ExitCode, Is.Zero, docker.ToString());
            Assert.That(docker.All, Does.Contain("drifthooks install: skipped, not inside a git repository"));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Test]
    public void After_husky_init_a_clone_whose_prepare_is_husky_alone_runs_DriftHooks_from_node_modules()
    {
        using var repo = NewPrismaProject();
        WritePackageJson(repo, $$"""
            "devDependencies": { "drifthooks": "file:{{Packages.NpmMain}}", "{{PlatformName()}}": "file:{{Packages.NpmPlatform}}" }
            """, prepare: null);
        var husky = repo.Run("npm", ["install", "--no-audit", "--no-fund", "--save-dev", "husky@9"], timeout: TimeSpan.FromMinutes(5));
        if (husky.ExitCode != 0)
        {
            Assert.Ignore("Needs husky 9 from the npm registry, which could not be installed here: " + husky.All.Trim());
        }

        var init = repo.Run("npx", ["husky", "init"]);
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        Assert.That(repo.MustGit("config", "core.hooksPath").Trim(), Is.EqualTo(".husky/_"));
        Assert.That(repo.Read("package.json"), Does.Contain("\"prepare\": \"husky\""));
        repo.Write(".husky/pre-commit", "echo team-check >> team.log\n");
        repo.Write(".gitignore", "node_modules/\nteam.log\n");
        var install = repo.Run("npx", ["drifthooks", "install"]);
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        repo.CommitAllWithoutHooks("husky with DriftHooks");

        // A teammate's clone: npm install runs husky's prepare only; drifthooks install never runs there.
        using var clone = new TestRepository(init: false);
        Assert.That(clone.Run("git", ["clone", "-q", repo.Root, clone.Root]).ExitCode, Is.Zero);
        var npm = clone.Run("npm", ["install", "--no-audit", "--no-fund"], timeout: TimeSpan.FromMinutes(5));
        Assert.That(npm.ExitCode, Is.Zero, npm.ToString());
        Assert.That(clone.Exists(".git/drifthooks"), Is.False, "drifthooks install did not run in the clone");
        Assert.That(clone.MustGit("config", "core.hooksPath").Trim(), Is.EqualTo(".husky/_"));

        clone.Write("prisma/schema.prisma", clone.Read("prisma/schema.prisma").Replace("id Int @id", "id Int @id\n  name String", StringComparison.Ordinal));
        var refused = clone.Commit("-a");
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH101"), "DriftHooks ran from node_modules");
        Assert.That(clone.Read("team.log"), Is.EqualTo("team-check\n"), "the team's own command ran first");

        clone.MustGit("checkout", "--", "prisma");
        clone.Write("notes.txt", "x\n");
        clone.MustGit("add", "notes.txt");
        var passed = clone.Commit();
        Assert.That(passed.ExitCode, Is.Zero, passed.ToString());
        Assert.That(clone.MustGit("status", "--porcelain"), Is.Empty, "nothing rewritten in the clone");
    }

    // The packages restored into a cache of the test's own (a shared one could hold another build's DriftHooks under
    // the same version), and the SDK's record of where each local tool lives too: it is keyed by package and version
    // alone, so a record left by another test's cache would point at a folder deleted since.
    private static void OwnDotnetCaches(TestRepository repo)
    {
        repo.Environment["NUGET_PACKAGES"] = Path.Combine(repo.GitDir, "nuget-packages");
        repo.Environment["DOTNET_CLI_HOME"] = Path.Combine(repo.GitDir, "dotnet-home");
    }

    // The main npm package repacked with this platform's package alone among its optional dependencies.
    private static string WithOnlyThisPlatform(TestRepository repo)
    {
        var folder = Path.Combine(repo.GitDir, "repacked");
        Directory.CreateDirectory(folder);
        Assert.That(repo.Run("tar", ["-xzf", Packages.NpmMain, "-C", folder]).ExitCode, Is.Zero);
        var manifest = Path.Combine(folder, "package", "package.json");
        var package = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifest))!.AsObject();
        package["optionalDependencies"] = new System.Text.Json.Nodes.JsonObject { [PlatformName()] = Packages.Version };
        File.WriteAllText(manifest, package.ToJsonString());
        var pack = repo.Run("npm", ["pack", "--silent", "--pack-destination", folder], workingDirectory: Path.Combine(folder, "package"));
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
        return Path.Combine(folder, Path.GetFileName(Packages.NpmMain));
    }

    // The project's package.json (node_modules ignored): its dependencies, and the README's prepare unless told otherwise.
    private static void WritePackageJson(TestRepository repo, string dependencies, string? prepare = Prepare)
    {
        repo.Write(".gitignore", "node_modules/\n");
        var scripts = prepare is null ? "" : $"  \"scripts\": {{ \"prepare\": \"{prepare}\" }},\n";
        repo.Write("package.json", $"{{\n  \"name\": \"app\",\n  \"version\": \"1.0.0\",\n  \"private\": true,\n{scripts}{dependencies}\n}}\n");
    }

    private static string PlatformName() =>
        "@drifthooks/" + Path.GetFileName(Packages.NpmPlatform)["drifthooks-".Length..^$"-{Packages.Version}.tgz".Length];

    private static void InstallWithNodePackageManager(string command, string[] arguments)
    {
        using var repo = NewPrismaProject();
        WritePackageJson(repo, $$"""
            "devDependencies": { "drifthooks": "file:{{Packages.NpmMain}}", "{{PlatformName()}}": "file:{{Packages.NpmPlatform}}" }
            """);
        repo.CommitAllWithoutHooks("package.json");

        var install = repo.Run(command, arguments, timeout: TimeSpan.FromMinutes(5));
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(install.All, Does.Contain("pre-commit: installed"), "prepare ran drifthooks install: " + install);
        Assert.That(new FileInfo(Path.Combine(repo.GitDir, "hooks", "pre-commit")).LinkTarget, Is.EqualTo("../drifthooks/bin/drifthooks"), "found from the hooks folder, so that a moved clone still commits");

        WithoutDotnet(repo);
        CommitsAreJudged(repo);
        FixesNameTheCommandAsThisInstallationRunsIt(repo, "npx drifthooks", "npx");
        MessagesNameTheCommandAsThisInstallationRunsIt(repo, "npx drifthooks");
    }

    /// <summary>
    /// A command named in a message's words, not in a <c>fix:</c> line, as this installation runs it too (issue 22 item
    /// 6): production's URL committed in drifthooks.json, status refuses it until it is trusted, saying to run
    /// '<paramref name="command"/> trust'; that command run in bash exactly as printed trusts the file, and status then
    /// reads production.
    /// </summary>
    private static void MessagesNameTheCommandAsThisInstallationRunsIt(TestRepository repo, string command)
    {
        var production = PostgresServer.SharedAsync().GetAwaiter().GetResult().CreateDatabaseAsync().GetAwaiter().GetResult();
        repo.Write("drifthooks.json", $$"""{ "Production": { "Url": "{{production.PrismaUrl}}" } }""" + "\n");
        repo.CommitAllWithoutHooks("production named in the committed settings");

        var refused = AsTheUser(repo, command + " status");
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        var trust = System.Text.RegularExpressions.Regex.Match(refused.Error, "then run '([^']+)' to trust this exact content");
        Assert.That(trust.Success, Is.True, "the refusal names the command that trusts the file: " + refused);
        Assert.That(trust.Groups[1].Value, Is.EqualTo(command + " trust"));

        var trusted = AsTheUser(repo, trust.Groups[1].Value);
        Assert.That(trusted.ExitCode, Is.Zero, trusted.ToString());
        Assert.That(trusted.Output, Does.StartWith("trusted drifthooks.json"));

        var status = AsTheUser(repo, command + " status");
        // Production (an empty database here) is read from the trusted file: its own verdict (DH206, no history) follows.
        Assert.That(status.ExitCode, Is.Not.EqualTo(2), status.ToString());
        Assert.That(status.Output, Does.Contain($"/{production.Name}?schema=public (from drifthooks.json)").And.Not.Contain("trust"), "status reads production from the trusted file: " + status);

        // Before any repository is read, the executable's own path tells: an unknown command's usage line.
        var typo = AsTheUser(repo, command + " statsu");
        Assert.That(typo.Error, Does.EndWith($"Run '{command} --help' for usage.\n"), typo.ToString());
    }

    /// <summary>A command line run in bash as the user types it, with the user's PATH (npx and dotnet on it).</summary>
    private static ProcessResult AsTheUser(TestRepository repo, string commandLine, string? onPath = null)
    {
        var path = (onPath is null ? "" : onPath + ":") + Environment.GetEnvironmentVariable("PATH");
        return repo.Run("bash", ["-c", $"PATH={FixText.Quote(path)} {commandLine}"], timeout: TimeSpan.FromMinutes(2));
    }

    /// <summary>
    /// The invocation install recorded, and a fix printed the way this installation is run (issue 22 item 6: in an npm
    /// project <c>drifthooks sync</c> is "command not found"): status, run as the user runs it, finds a new local database
    /// with no migration applied (DH403) and prints <paramref name="command"/> sync; followed as printed, status no longer warns.
    /// </summary>
    /// <param name="onPath">Where the user's shell finds a plain <c>drifthooks</c> (the release's bin folder) when status runs.</param>
    private static void FixesNameTheCommandAsThisInstallationRunsIt(TestRepository repo, string command, string recorded, string? onPath = null)
    {
        Assert.That(repo.Read(".git/drifthooks/install.state"), Does.Contain($"\ninvocation={recorded}\n"));
        var database = PostgresServer.SharedAsync().GetAwaiter().GetResult().CreateDatabaseAsync().GetAwaiter().GetResult();
        repo.Environment["DATABASE_URL"] = database.PrismaUrl;
        ProcessResult Status() => AsTheUser(repo, command + " status", onPath);

        var behind = Status();
        Assert.That(behind.ExitCode, Is.Zero, behind.ToString());
        var fix = PrintedFix.Of(repo, behind, "DH403");
        Assert.That(fix.Text, Is.EqualTo(command + " sync"));
        // Followed in bash as printed: npx finds the project's executable, dotnet the manifest's tool; a plain name is
        // found on PATH (where PrintedFix puts this build's native executable, the one the release archive holds).
        fix.Follow();

        var synced = Status();
        Assert.That(synced.ExitCode, Is.Zero, synced.ToString());
        Assert.That(synced.All, Does.Not.Contain("DH403").And.Not.Contain("DH410"), synced.ToString());
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
        repo.Write("notes.txt", $"a commit that touches no Prisma file, in {Path.GetFileName(repo.Root)}\n");
        repo.MustGit("add", "notes.txt");
        var passed = repo.Commit();
        Assert.That(passed.ExitCode, Is.Zero, passed.ToString());
    }

    private static string FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).First(File.Exists);
}
