using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The diagnostic log on the native executable: off unless asked for (<c>--verbose</c>, <c>DRIFTHOOKS_LOG=debug</c>), then
/// on standard error, naming where each setting came from and what was read, and never a password or any part of one.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class DiagnosticLogTests
{
    private const string UserModel = "model User {\n  id Int @id @default(autoincrement())\n}\n";

    private static TestRepository Configured()
    {
        var repo = new TestRepository();
        repo.WritePrismaProject(UserModel);
        repo.Write("drifthooks.json", "{ \"Rules\": { \"DH109\": false }, \"Production\": { \"Branches\": [\"main\"] } }\n");
        repo.Write(".gitignore", ".drifthooks.local.json\n");
        repo.Write(".drifthooks.local.json", "{ \"Production\": { \"OnUnreachable\": \"warn\", \"Url\": \"postgresql://ana:local-secret-1234@db.invalid:5432/app\" } }\n");
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        repo.Environment["DRIFTHOOKS__PRODUCTION__STATEMENTTIMEOUTSECONDS"] = "7";
        repo.Write("README.md", "notes\n");
        repo.MustGit("add", "README.md");
        return repo;
    }

    [Test]
    public void A_hook_and_a_command_print_no_diagnostics_unless_asked()
    {
        using var repo = Configured();
        var commit = repo.Commit();
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
        Assert.That(commit.All, Does.Not.Contain("debug:").And.Not.Contain("setting "), commit.ToString());

        var check = repo.Drifthooks("check", "--base", "HEAD~1", "--head", "HEAD");
        Assert.That(check.All, Does.Not.Contain("debug:"), check.ToString());
    }

    [Test]
    public void With_debug_a_hook_says_where_each_setting_came_from_and_what_it_read_never_a_value()
    {
        using var repo = Configured();
        repo.Environment["DRIFTHOOKS_LOG"] = "debug";
        var commit = repo.Commit();
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
        Assert.That(commit.Output, Does.Not.Contain("debug:"), "diagnostics go to standard error only");
        Assert.That(commit.Error, Does.Contain("DriftHooks pre-commit: debug: setting Rules:DH109: drifthooks.json")
            .And.Contain("setting Production:Branches: drifthooks.json")
            .And.Contain("setting Production:OnUnreachable: .drifthooks.local.json")
            .And.Contain("setting Production:Url: .drifthooks.local.json")
            .And.Contain("setting Production:StatementTimeoutSeconds: the environment variable DRIFTHOOKS__PRODUCTION__STATEMENTTIMEOUTSECONDS")
            .And.Contain("setting Backups:Folder: default")
            .And.Contain("read " + Path.Combine(repo.Root, "drifthooks.json"))
            .And.Contain("read the git index")
            .And.Match(@"checked in \d+\.\d ms"), commit.ToString());
        Assert.That(commit.Error, Does.Not.Contain("secret-12").And.Not.Contain("db.invalid"), "origins only, never values");
    }

    [Test]
    public void Verbose_turns_on_the_same_log_for_any_command()
    {
        using var repo = Configured();
        var doctor = repo.Drifthooks("doctor", "--verbose");
        Assert.That(doctor.Error, Does.Contain("drifthooks: debug: setting Rules:DH109: drifthooks.json")
            .And.Contain("setting Production:StatementTimeoutSeconds: the environment variable DRIFTHOOKS__PRODUCTION__STATEMENTTIMEOUTSECONDS")
            .And.Contain("production URL: from .drifthooks.local.json"), doctor.ToString());
        Assert.That(doctor.All, Does.Not.Contain("secret-12"), doctor.ToString());
    }

    [Test]
    public async Task A_push_with_debug_names_production_and_where_its_url_came_from_but_never_its_password()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        var url = scenario.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"]!;
        var password = Uri.UnescapeDataString(new Uri(url).UserInfo.Split(':', 2)[1]);
        Assert.That(password, Has.Length.GreaterThanOrEqualTo(8), "the test's server has a password to leak");

        scenario.Repository.Environment["DRIFTHOOKS_LOG"] = "debug";
        var push = scenario.Push();
        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        Assert.That(push.Error, Does.Contain("DriftHooks pre-push: debug: production URL: from environment variable DRIFTHOOKS_PRODUCTION_URL")
            .And.Match(@"connected to postgresql://[^ ]*:\*\*\*\*@[^ ]+ in \d+\.\d ms"), push.ToString());
        // No piece of the password either: no 8-character window of it appears anywhere in the output.
        var windows = Enumerable.Range(0, password.Length - 7).Select(i => password.Substring(i, 8));
        Assert.That(windows.Where(w => push.All.Contains(w, StringComparison.Ordinal)), Is.Empty, push.ToString());
    }
}
