using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Core.Overrides;

/// <summary>
/// Turns a hook's findings into its output, audit record and exit code, once for every hook:
/// errors refuse (1) unless <c>DRIFTHOOKS_OVERRIDE</c> gives a real reason, which passes and is audited.
/// Rules switched off on this machine only (<see cref="DriftHooksOptions.LocallyDisabledRules"/>) let their errors
/// through as an override would, shown as warnings and recorded.
/// </summary>
internal sealed class HookOutcome
{
    readonly string _hook;
    readonly RepositoryLocation _location;
    readonly IReadOnlyDictionary<string, string?> _environment;
    readonly TextWriter _output;
    readonly bool _color;
    readonly Lazy<string> _user;
    readonly Lazy<string> _branch;

    HookOutcome(string hook, CommandContext context, TextWriter output)
    {
        _hook = hook;
        _location = context.Repository;
        _environment = context.Environment;
        _output = output;
        _color = context.Style.ErrorColor;
        _user = new(() => GitRepository.CurrentUser(_location, _environment));
        _branch = new(() => GitRepository.CurrentBranch(_location));
    }

    /// <param name="hook">The hook's name, for messages and the audit record.</param>
    /// <param name="findings">What the check found.</param>
    /// <param name="context">The command's context: the repository (its git directory holds the audit log), the
    /// environment (the override's reason, the user's name), the rules switched off on this machine, the style.</param>
    /// <param name="output">Where the report goes.</param>
    public static int Complete(string hook, IReadOnlyList<Finding> findings, CommandContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new HookOutcome(hook, context, output).Complete(findings, context.Options.LocallyDisabledRules);
    }

    int Complete(IReadOnlyList<Finding> findings, IReadOnlyDictionary<string, string> locallyDisabled)
    {
        // A placeholder reason is refused even when nothing needs it: the variable is set for no reason a reviewer could read.
        var reason = OverrideReason.Read(_environment);
        var localSwitch = LetThroughSwitchedOff(findings, locallyDisabled);
        findings = RecordSchemaCheckOff(localSwitch.Findings);
        if (findings.Count > 0)
        {
            _output.Write(TextRenderer.Render(findings, _color));
        }

        ReportLocalSwitch(localSwitch);
        var errors = findings.Count(f => f.Severity == Severity.Error);
        if (errors == 0)
        {
            return ExitCodes.Passed;
        }

        return reason is not null ? Override(findings, errors, reason) : Refuse(findings, errors);
    }

    /// <summary>
    /// The errors of rules switched off on this machine, recorded and shown as warnings; when they cannot be recorded,
    /// left as they are (a bypass not on record is no bypass) with why in <see cref="LocalSwitch.Unrecorded"/>.
    /// </summary>
    LocalSwitch LetThroughSwitchedOff(IReadOnlyList<Finding> findings, IReadOnlyDictionary<string, string> locallyDisabled)
    {
        List<Finding> switchedOff = locallyDisabled.Count > 0
            ? findings.Where(f => f.Severity == Severity.Error && locallyDisabled.ContainsKey(f.Code)).ToList()
            : [];
        if (switchedOff.Count == 0)
        {
            return new LocalSwitch(findings, switchedOff, "", null);
        }

        // A personal rule switch is a bypass like any other: shown, and recorded with where it came from.
        var by = string.Join("; ", Codes(switchedOff).Select(c => $"{c} by {locallyDisabled[c]}"));
        var unrecorded = TryRecord("rule-off", $"switched off on this machine: {by}", switchedOff);
        if (unrecorded is not null)
        {
            return new LocalSwitch(findings, switchedOff, by, unrecorded);
        }

        IReadOnlyList<Finding> letThrough = [.. findings.Select(f => switchedOff.Contains(f)
            ? f with { Severity = Severity.Warning, Message = $"(let through: switched off by {locallyDisabled[f.Code]}) {f.Message}" }
            : f)];
        return new LocalSwitch(letThrough, switchedOff, by, null);
    }

    /// <summary>The schema check switched off on this machine only is recorded as a rule switched off there is; unrecorded, it refuses.</summary>
    IReadOnlyList<Finding> RecordSchemaCheckOff(IReadOnlyList<Finding> findings)
    {
        var checkOff = findings.Where(f => f.Code == SchemaDriftCodes.SwitchedOff).ToList();
        if (checkOff.Count == 0)
        {
            return findings;
        }

        // A bypass not on record is no bypass: the push is refused rather than left unchecked.
        var unrecorded = TryRecord("rule-off", $"switched off on this machine: {checkOff[0].Message}", checkOff);
        return [.. findings.Select(f => !checkOff.Contains(f) ? f
            : unrecorded is null ? f with { Message = $"{f.Message} Recorded in {AuditPath}." }
            : f with { Severity = Severity.Error, Message = $"{f.Message} This switch is not applied, because {unrecorded}" })];
    }

    void ReportLocalSwitch(LocalSwitch localSwitch)
    {
        var switchedOff = localSwitch.SwitchedOff;
        if (localSwitch.Unrecorded is { } unrecorded)
        {
            // A bypass not on record is no bypass: the switched-off rules count again.
            Say($"this machine switches {string.Join(", ", Codes(switchedOff))} off ({TerminalText.Safe(localSwitch.By)}), but that is not applied, because {unrecorded}", "31;1");
        }
        else if (switchedOff.Count > 0)
        {
            Say(
                $"{Problems(switchedOff.Count)} let through because this machine switches {(switchedOff.Count == 1 ? "its rule" : "their rules")} off ({localSwitch.By}); recorded in {AuditPath}. Switch a rule off for everyone in {OptionsLoader.CommittedFile}, or once with {OverrideReason.Variable}=\"<reason>\".",
                "33;1");
        }
    }

    /// <summary>Errors let through with a reason: passes once on record; an override that is not on record is no override.</summary>
    int Override(IReadOnlyList<Finding> findings, int errors, string reason)
    {
        if (TryRecord("override", reason, findings) is { } unrecorded)
        {
            Say($"refused ({Problems(errors)}); the override was NOT applied, because {unrecorded}", "31;1");
            return ExitCodes.Refused;
        }

        Say($"OVERRIDDEN ({TerminalText.Safe(reason)}). The {Problems(errors)} above {(errors == 1 ? "was" : "were")} let through and recorded in {AuditPath}.", "33;1");
        return ExitCodes.Passed;
    }

    int Refuse(IReadOnlyList<Finding> findings, int errors)
    {
        if (TryRecord("block", null, findings) is { } unrecorded)
        {
            _output.WriteLine($"DriftHooks {_hook}: warning: this refusal is not on record: {unrecorded}");
        }

        _output.WriteLine(
            $"DriftHooks {_hook}: refused ({Problems(errors)}). Fix them as shown, or, if this is deliberate, " +
            $"override with a reason that is recorded: {OverrideReason.Variable}=\"<why, ticket, who approved>\" git {(_hook == "pre-push" ? "push" : "commit")} …");
        // An unreadable production blocks as a resource failure (3), not as a verdict about the push.
        return findings.Where(f => f.Severity == Severity.Error).All(f => f.Code == PushRuleCodes.ProductionUnreachable)
            ? ExitCodes.ResourceUnavailable
            : ExitCodes.Refused;
    }

    void Say(string message, string paint) => _output.WriteLine(TextRenderer.Paint($"DriftHooks {_hook}: {message}", paint, _color));

    string AuditPath => AuditLog.PathFor(_location.StateDirectory);

    /// <summary>Null once the record is on disk; otherwise why it is not (the message of the failure).</summary>
    string? TryRecord(string action, string? reason, IReadOnlyList<Finding> findings)
    {
        try
        {
            AuditLog.Record(_location.StateDirectory, new AuditEntry(action, _hook, _user.Value, _branch.Value, reason, findings));
            return null;
        }
        catch (AuditLogUnavailableException e)
        {
            return e.Message;
        }
    }

    static IEnumerable<string> Codes(IEnumerable<Finding> findings) => findings.Select(f => f.Code).Distinct(StringComparer.Ordinal);

    static string Problems(int count) => count == 1 ? "1 problem" : $"{count} problems";

    /// <param name="Findings">The findings with the switched-off errors let through (when recorded).</param>
    /// <param name="SwitchedOff">The errors of rules switched off on this machine.</param>
    /// <param name="By">Each switched-off code with where it is switched off.</param>
    /// <param name="Unrecorded">Why the switch could not be recorded (and so is not applied); null once recorded.</param>
    sealed record LocalSwitch(IReadOnlyList<Finding> Findings, IReadOnlyList<Finding> SwitchedOff, string By, string? Unrecorded);
}
