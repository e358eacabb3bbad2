using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Overrides;
using DriftHooks.Core.Rendering;
using DriftHooks.Core.Tests.Git;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Overrides;

/// <summary>
/// What a hook's findings come to, in a real repository with its real audit log: a refusal, an override on record, a
/// rule switched off on this machine, and a bypass that cannot be recorded (which is no bypass).
/// </summary>
public class HookOutcomeTests
{
    static readonly Finding Edited = Finding.Error("DH101", "prisma/migrations/1_init/migration.sql was edited after it was committed.");
    static readonly Finding Note = Finding.Warning("DH513", "a note");

    [Test]
    public void Errors_refuse_and_the_refusal_is_recorded()
    {
        using var repo = new TempGitRepository();
        var (code, output) = Complete(repo, "pre-commit", [Edited, Note]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Refused));
            Assert.That(output, Does.Contain("DriftHooks pre-commit: refused (1 problem)."));
            Assert.That(output, Does.Contain("git commit …"));
            Assert.That(Records(repo).Select(r => (r.Action, r.Hook, r.Reason)), Is.EqualTo(new[] { ("block", "pre-commit", (string?)null) }));
        });
    }

    [Test]
    public void Warnings_alone_pass_and_nothing_is_recorded()
    {
        using var repo = new TempGitRepository();
        var (code, output) = Complete(repo, "pre-commit", [Note]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Passed));
            Assert.That(output, Does.Contain("a note"));
            Assert.That(Records(repo), Is.Empty);
        });
    }

    [Test]
    public void A_placeholder_override_is_refused_even_with_nothing_to_override()
    {
        using var repo = new TempGitRepository();
        Assert.Throws<ConfigurationException>(() => Complete(repo, "pre-commit", [Note], new() { [OverrideReason.Variable] = "skip" }));
    }

    [Test]
    public void An_override_with_a_reason_passes_once_recorded()
    {
        using var repo = new TempGitRepository();
        var (code, output) = Complete(repo, "pre-push", [Edited], new() { [OverrideReason.Variable] = "hotfix OPS-1 approved by lead" });

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Passed));
            Assert.That(output, Does.Contain("DriftHooks pre-push: OVERRIDDEN (hotfix OPS-1 approved by lead). The 1 problem above was let through"));
            Assert.That(Records(repo).Select(r => (r.Action, r.Reason)), Is.EqualTo(new[] { ("override", (string?)"hotfix OPS-1 approved by lead") }));
        });
    }

    [Test]
    public void An_override_that_cannot_be_recorded_is_not_applied()
    {
        using var repo = new TempGitRepository();
        File.WriteAllText(Path.Combine(repo.Root, ".git", "drifthooks"), "a file where the state folder belongs");
        var (code, output) = Complete(repo, "pre-push", [Edited, Edited], new() { [OverrideReason.Variable] = "hotfix OPS-1 approved by lead" });

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Refused));
            Assert.That(output, Does.Contain("DriftHooks pre-push: refused (2 problems); the override was NOT applied, because"));
        });
    }

    [Test]
    public void A_rule_switched_off_on_this_machine_lets_its_errors_through_as_recorded_warnings()
    {
        using var repo = new TempGitRepository();
        repo.WriteFile(OptionsLoader.LocalFile, """{ "Rules": { "DH101": false } }""");
        var (code, output) = Complete(repo, "pre-commit", [Edited]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Passed));
            Assert.That(output, Does.Contain($"(let through: switched off by {OptionsLoader.LocalFile}) {Edited.Message}"));
            Assert.That(output, Does.Contain($"1 problem let through because this machine switches its rule off (DH101 by {OptionsLoader.LocalFile})"));
            Assert.That(Records(repo).Select(r => (r.Action, r.Reason)), Is.EqualTo(new[] { ("rule-off", (string?)$"switched off on this machine: DH101 by {OptionsLoader.LocalFile}") }));
        });
    }

    [Test]
    public void A_rule_switch_that_cannot_be_recorded_counts_the_errors_again()
    {
        using var repo = new TempGitRepository();
        repo.WriteFile(OptionsLoader.LocalFile, """{ "Rules": { "DH101": false } }""");
        File.WriteAllText(Path.Combine(repo.Root, ".git", "drifthooks"), "a file where the state folder belongs");
        var (code, output) = Complete(repo, "pre-commit", [Edited]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Refused));
            Assert.That(output, Does.Contain("this machine switches DH101 off"));
            Assert.That(output, Does.Contain("but that is not applied, because"));
        });
    }

    [Test]
    public void The_schema_check_switched_off_here_is_recorded_or_else_refuses()
    {
        using var repo = new TempGitRepository();
        var off = Finding.Warning(SchemaDriftCodes.SwitchedOff, "The schema check is switched off on this machine.");
        var (code, output) = Complete(repo, "pre-push", [off]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Passed));
            Assert.That(output, Does.Contain("Recorded in "));
            Assert.That(Records(repo).Select(r => r.Action), Is.EqualTo(new[] { "rule-off" }));
        });

        using var unrecordable = new TempGitRepository();
        File.WriteAllText(Path.Combine(unrecordable.Root, ".git", "drifthooks"), "a file where the state folder belongs");
        var (refused, refusal) = Complete(unrecordable, "pre-push", [off]);
        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(ExitCodes.Refused));
            Assert.That(refusal, Does.Contain("This switch is not applied, because"));
        });
    }

    [Test]
    public void Only_an_unreachable_production_refuses_as_a_resource_failure()
    {
        using var repo = new TempGitRepository();
        var unreachable = Finding.Error(PushRuleCodes.ProductionUnreachable, "Production could not be reached.");

        Assert.Multiple(() =>
        {
            Assert.That(Complete(repo, "pre-push", [unreachable]).Code, Is.EqualTo(ExitCodes.ResourceUnavailable));
            Assert.That(Complete(repo, "pre-push", [unreachable, Edited]).Code, Is.EqualTo(ExitCodes.Refused));
        });
    }

    static (int Code, string Output) Complete(TempGitRepository repo, string hook, Finding[] findings, Dictionary<string, string?>? environment = null)
    {
        environment ??= [];
        environment["GIT_AUTHOR_NAME"] = "Ada";
        var location = RepositoryLocation.Find(repo.Root);
        var context = new CommandContext(environment, location, OptionsLoader.Load(location.WorkTree, environment), _ => TerminalStyle.Plain);
        using var output = new StringWriter();
        var code = HookOutcome.Complete(hook, findings, context, output);
        return (code, output.ToString());
    }

    static IReadOnlyList<AuditRecord> Records(TempGitRepository repo) =>
        AuditLog.Read(RepositoryLocation.Find(repo.Root).StateDirectory);
}
