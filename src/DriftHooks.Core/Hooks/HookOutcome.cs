using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Overrides;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Core.Hooks;

/// <summary>
/// Turns a hook's findings into its output, audit record and exit code, once for every hook:
/// errors refuse (1) unless <c>DRIFTHOOKS_OVERRIDE</c> gives a real reason, which passes and is audited.
/// </summary>
internal static class HookOutcome
{
    /// <param name="hook">The hook's name, for messages and the audit record.</param>
    /// <param name="findings">What the check found.</param>
    /// <param name="location">The repository (its git directory holds the audit log).</param>
    /// <param name="environment">The process environment (the override's reason, the user's name).</param>
    /// <param name="output">Where the report goes.</param>
    /// <param name="color">Whether to colour the report.</param>
    /// <param name="locallyDisabled">
    /// Rules switched off on this machine only, with where (see <see cref="Configuration.DriftHooksOptions.LocallyDisabledRules"/>):
    /// their errors pass as an override would, shown as warnings and recorded.
    /// </param>
    public static int Complete(
        string hook,
        IReadOnlyList<Finding> findings,
        RepositoryLocation location,
        IReadOnlyDictionary<string, string?> environment,
        TextWriter output,
        bool color,
        IReadOnlyDictionary<string, string>? locallyDisabled = null)
    {
        var reason = OverrideReason.Read(environment);
        var user = new Lazy<string>(() => GitRepository.CurrentUser(location, environment));
        var branch = new Lazy<string>(() => GitRepository.CurrentBranch(location));
        var switchedOff = locallyDisabled is { Count: > 0 }
            ? findings.Where(f => f.Severity == Severity.Error && locallyDisabled.ContainsKey(f.Code)).ToList()
            : [];
        var switchedBy = "";
        string? unrecorded = null;
        if (switchedOff.Count > 0)
        {
            // A personal rule switch is a bypass like any other: shown, and recorded with where it came from.
            switchedBy = string.Join("; ", switchedOff.Select(f => f.Code).Distinct(StringComparer.Ordinal).Select(c => $"{c} by {locallyDisabled![c]}"));
            unrecorded = TryRecord(location, new AuditEntry("rule-off", hook, user.Value, branch.Value, $"switched off on this machine: {switchedBy}", switchedOff));
            if (unrecorded is null)
            {
                findings = [.. findings.Select(f => switchedOff.Contains(f)
                    ? f with { Severity = Severity.Warning, Message = $"(let through: switched off by {locallyDisabled![f.Code]}) {f.Message}" }
                    : f)];
            }
        }

        // The schema check switched off on this machine only is recorded as a rule switched off there is.
        var checkOff = findings.Where(f => f.Code == Rules.SchemaDriftCodes.SwitchedOff).ToList();
        if (checkOff.Count > 0)
        {
            // A bypass not on record is no bypass: the push is refused rather than left unchecked.
            var checkOffUnrecorded = TryRecord(location, new AuditEntry("rule-off", hook, user.Value, branch.Value, $"switched off on this machine: {checkOff[0].Message}", checkOff));
            findings = [.. findings.Select(f => !checkOff.Contains(f) ? f
                : checkOffUnrecorded is null ? f with { Message = $"{f.Message} Recorded in {AuditLog.PathFor(location.StateDirectory)}." }
                : f with { Severity = Severity.Error, Message = $"{f.Message} This switch is not applied, because {checkOffUnrecorded}" })];
        }

        var errors = findings.Where(f => f.Severity == Severity.Error).ToList();
        if (findings.Count > 0)
        {
            output.Write(TextRenderer.Render(findings, color));
        }

        if (unrecorded is not null)
        {
            // A bypass not on record is no bypass: the switched-off rules count again.
            output.WriteLine(TextRenderer.Paint(
                $"DriftHooks {hook}: this machine switches {string.Join(", ", switchedOff.Select(f => f.Code).Distinct(StringComparer.Ordinal))} off ({TerminalText.Safe(switchedBy)}), but that is not applied, because {unrecorded}",
                "31;1",
                color));
        }
        else if (switchedOff.Count > 0)
        {
            output.WriteLine(TextRenderer.Paint(
                $"DriftHooks {hook}: {Problems(switchedOff.Count)} let through because this machine switches {(switchedOff.Count == 1 ? "its rule" : "their rules")} off ({switchedBy}); recorded in {AuditLog.PathFor(location.StateDirectory)}. Switch a rule off for everyone in {Configuration.OptionsLoader.CommittedFile}, or once with {OverrideReason.Variable}=\"<reason>\".",
                "33;1",
                color));
        }

        if (errors.Count == 0)
        {
            return ExitCodes.Passed;
        }

        if (reason is not null)
        {
            unrecorded = TryRecord(location, new AuditEntry("override", hook, user.Value, branch.Value, reason, findings));
            if (unrecorded is null)
            {
                output.WriteLine(TextRenderer.Paint(
                    $"DriftHooks {hook}: OVERRIDDEN ({TerminalText.Safe(reason)}). The {Problems(errors.Count)} above {(errors.Count == 1 ? "was" : "were")} let through and recorded in {AuditLog.PathFor(location.StateDirectory)}.",
                    "33;1",
                    color));
                return ExitCodes.Passed;
            }

            // An override that is not on record is no override.
            output.WriteLine(TextRenderer.Paint(
                $"DriftHooks {hook}: refused ({Problems(errors.Count)}); the override was NOT applied, because {unrecorded}",
                "31;1",
                color));
            return ExitCodes.Refused;
        }

        if (TryRecord(location, new AuditEntry("block", hook, user.Value, branch.Value, null, findings)) is { } blockUnrecorded)
        {
            output.WriteLine($"DriftHooks {hook}: warning: this refusal is not on record: {blockUnrecorded}");
        }

        output.WriteLine(
            $"DriftHooks {hook}: refused ({Problems(errors.Count)}). Fix them as shown, or, if this is deliberate, " +
            $"override with a reason that is recorded: {OverrideReason.Variable}=\"<why, ticket, who approved>\" git {(hook == "pre-push" ? "push" : "commit")} …");
        // An unreadable production blocks as a resource failure (3), not as a verdict about the push.
        return errors.All(f => f.Code == Rules.PushRuleCodes.ProductionUnreachable) ? ExitCodes.ResourceUnavailable : ExitCodes.Refused;
    }

    /// <summary>Null once the record is on disk; otherwise why it is not (the message of the failure).</summary>
    private static string? TryRecord(RepositoryLocation location, AuditEntry entry)
    {
        try
        {
            AuditLog.Record(location.StateDirectory, entry);
            return null;
        }
        catch (AuditLogUnavailableException e)
        {
            return e.Message;
        }
    }

    private static string Problems(int count) => count == 1 ? "1 problem" : $"{count} problems";
}
