using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Overrides;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Core.Hooks;

/// <summary>
/// Turns a hook's findings into its output, audit record and exit code, once for every hook:
/// errors refuse (1) unless <c>DRIFTHOOKS_OVERRIDE</c> gives a real reason, which passes and is audited.
/// </summary>
public static class HookOutcome
{
    public static int Complete(
        string hook,
        IReadOnlyList<Finding> findings,
        RepositoryLocation location,
        IReadOnlyDictionary<string, string?> environment,
        TextWriter output,
        bool color)
    {
        var reason = OverrideReason.Read(environment);
        var errors = findings.Where(f => f.Severity == Severity.Error).ToList();
        if (findings.Count > 0)
        {
            output.Write(TextRenderer.Render(findings, color));
        }

        if (errors.Count == 0)
        {
            return ExitCodes.Passed;
        }

        var user = GitRepository.CurrentUser(location, environment);
        var branch = GitRepository.CurrentBranch(location);
        if (reason is not null)
        {
            AuditLog.Record(location.StateDirectory, new AuditEntry("override", hook, user, branch, reason, findings));
            output.WriteLine(TextRenderer.Paint(
                $"DriftHooks {hook}: OVERRIDDEN ({reason}). The {Problems(errors.Count)} above were let through and recorded in {AuditLog.PathFor(location.StateDirectory)}.",
                "33;1",
                color));
            return ExitCodes.Passed;
        }

        AuditLog.Record(location.StateDirectory, new AuditEntry("block", hook, user, branch, null, findings));
        output.WriteLine(
            $"DriftHooks {hook}: refused ({Problems(errors.Count)}). Fix them as shown, or, if this is deliberate, " +
            $"override with a reason that is recorded: {OverrideReason.Variable}=\"<why, ticket, who approved>\" git {(hook == "pre-push" ? "push" : "commit")} …");
        // An unreadable production blocks as a resource failure (3), not as a verdict about the push.
        return errors.All(f => f.Code == Rules.PushRuleCodes.ProductionUnreachable) ? ExitCodes.ResourceUnavailable : ExitCodes.Refused;
    }

    private static string Problems(int count) => count == 1 ? "1 problem" : $"{count} problems";
}
