namespace DriftHooks.Core.Configuration;

/// <summary>
/// How the data check runs: whether it asks production's rows (<c>Production:DataChecks</c>; when false, only the
/// catalog's statistics are read, for warnings), each question's timeout, and the team's rule settings for its codes
/// (switched off by the committed <c>drifthooks.json</c>, or raised from warning to error: <c>"Rules": { "DH511": "error" }</c>).
/// </summary>
internal sealed record DataCheckSettings(bool AskRows, TimeSpan QuestionTimeout, IReadOnlySet<string> Disabled, IReadOnlySet<string> Raised)
{
    public static DataCheckSettings Of(DriftHooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.Production.DataChecks, options.Production.DataCheckTimeout, options.DisabledRules, options.RaisedRules);
    }

    /// <summary>The findings as the team's rules want them: switched-off codes left out, raised warnings made errors.</summary>
    public IReadOnlyList<Findings.Finding> Apply(IEnumerable<Findings.Finding> findings) =>
        [.. findings.Where(f => !Disabled.Contains(f.Code)).Select(f => f.Severity == Findings.Severity.Warning && Raised.Contains(f.Code)
            ? f with { Severity = Findings.Severity.Error, Message = $"{f.Message} (an error here: \"Rules\": {{ \"{f.Code}\": \"error\" }})" }
            : f)];
}
