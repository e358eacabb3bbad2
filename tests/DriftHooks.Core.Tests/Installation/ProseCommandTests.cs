using DriftHooks.Core.Companion;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Tests.Git;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Installation;

/// <summary>
/// Messages that tell the user, in words, which DriftHooks command to run name it as this installation runs it
/// (issue 22 item 6): the record install left in the repository decides, as it does for the fixes; without one (outside
/// any installation, this test's process being no installed DriftHooks) the plain name stands.
/// </summary>
[TestFixture]
public class ProseCommandTests
{
    const string Production = "postgresql://reader:secret@production.example:5432/app";

    static void Record(RepositoryLocation location, string invocation)
    {
        Directory.CreateDirectory(location.StateDirectory);
        File.WriteAllText(InstallState.PathFor(location.StateDirectory), $"hooks-dir=../hooks\nhook=pre-commit\ninvocation={invocation}\n");
    }

    [TestCase(null, "drifthooks trust")]
    [TestCase("npx", "npx drifthooks trust")]
    [TestCase("dotnet-tool", "dotnet drifthooks trust")]
    public void The_trust_refusal_names_trust_as_recorded_and_carries_it_as_its_fix(string? recorded, string trust)
    {
        using var repo = new TempGitRepository();
        repo.WriteFile(OptionsLoader.CommittedFile, $$"""{ "Production": { "Url": "{{Production}}" } }""");
        repo.Git("add", OptionsLoader.CommittedFile);
        var location = RepositoryLocation.Find(repo.Root);
        if (recorded is not null)
        {
            Record(location, recorded);
        }

        var settings = OptionsLoader.Load(location.WorkTree, new Dictionary<string, string?>()).Settings;
        var refused = Assert.Throws<UntrustedFileException>(() => ProductionUrlResolver.Resolve(location, settings))!;
        Assert.That(refused.Message, Does.Contain($"then run '{trust}' to trust this exact content"));
        Assert.That(refused.Fix, Is.EqualTo(trust));
        Assert.That(refused.Message, Does.Not.Contain("secret"));
    }

    [Test]
    public void A_hook_started_within_itself_names_install_as_recorded()
    {
        using var repo = new TempGitRepository();
        var location = RepositoryLocation.Find(repo.Root);
        Record(location, "npx");
        var environment = new Dictionary<string, string?> { [HookReentry.Variable] = HookReentry.Marker("pre-commit", location) };
        var refused = Assert.Throws<HookReenteredException>(() => HookReentry.Check("pre-commit", location, environment))!;
        Assert.That(refused.Message, Does.EndWith("then run 'npx drifthooks install' again."));
    }

    [Test]
    public void An_unverified_write_target_names_status_as_recorded()
    {
        using var repo = new TempGitRepository();
        var location = RepositoryLocation.Find(repo.Root);
        Record(location, "dotnet-tool");
        var guard = new ProductionGuard(null, [], "connection refused", confirmed: false, location.StateDirectory);
        var refused = Assert.Throws<TargetNotVerifiedException>(() => guard.Authorize(DatabaseUrl.Parse("postgresql://dev@localhost:5432/app"), null))!;
        Assert.That(refused.Message, Does.Contain("Make production reachable once (dotnet drifthooks status remembers its identity)"));

        var outside = new ProductionGuard(null, [], "connection refused", confirmed: false, stateDirectory: null);
        Assert.That(Assert.Throws<TargetNotVerifiedException>(() => outside.Authorize(DatabaseUrl.Parse("postgresql://dev@localhost:5432/app"), null))!.Message,
            Does.Contain("(drifthooks status remembers its identity)"), "no repository: the running executable's path, here no installation");
    }

    [Test]
    public void A_file_that_is_no_backup_names_backup_as_given()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{}");
            Assert.That(Assert.Throws<ConfigurationException>(() => HistoryBackupFile.Read(file, Invocation.Of(InvocationKind.Npx)))!.Message, Does.EndWith("as written by npx drifthooks backup)."));
            Assert.That(Assert.Throws<ConfigurationException>(() => HistoryBackupFile.Read(file))!.Message, Does.EndWith("as written by drifthooks backup)."));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void The_husky_block_s_reminder_names_install_as_recorded_and_any_installation_s_block_counts_as_present()
    {
        Assert.That(HuskyScript.Block("pre-commit", InvocationKind.Npx), Does.Contain("echo \"DriftHooks is not installed in this clone: run npm install (or npx drifthooks install)\" >&2"));
        Assert.That(HuskyScript.Block("pre-commit"), Does.Contain("(or drifthooks install)"));

        using var repo = new TempGitRepository();
        var script = Path.Combine(repo.Root, ".husky", "pre-commit");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        HuskyScript.Add(script, "pre-commit", InvocationKind.DotnetTool);
        Assert.That(File.ReadAllText(script), Does.EndWith(HuskyScript.Block("pre-commit", InvocationKind.DotnetTool)));
        Assert.That(HuskyScript.Has(script, "pre-commit"), Is.True, "a teammate's block is DriftHooks's block");

        var before = File.ReadAllText(script);
        HuskyScript.Add(script, "pre-commit", InvocationKind.DotnetTool);
        Assert.That(File.ReadAllText(script), Is.EqualTo(before), "installing twice changes nothing");
        HuskyScript.Add(script, "pre-commit", InvocationKind.Npx);
        Assert.That(File.ReadAllText(script), Is.EqualTo("#!/usr/bin/env sh\n" + HuskyScript.Block("pre-commit", InvocationKind.Npx)), "one block, this installation's");
    }
}
