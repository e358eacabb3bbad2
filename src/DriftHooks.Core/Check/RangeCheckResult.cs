using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Check;

/// <summary>What <see cref="RangeCheck"/> judged and found.</summary>
/// <param name="Base">The excluded end of the range (its commits are not judged).</param>
/// <param name="BaseSource">How the base was chosen ("--base origin/main", "merge-base with origin/main").</param>
/// <param name="Commits">The judged commits, oldest first.</param>
/// <param name="ProductionCompared">Whether the head commit was compared with production's history.</param>
internal sealed record RangeCheckResult(
    CommitInfo Base,
    string BaseSource,
    CommitInfo Head,
    IReadOnlyList<CommitInfo> Commits,
    IReadOnlyList<CommitFinding> Findings,
    bool ProductionCompared)
{
    public int ErrorCount => Findings.Count(f => f.Finding.Severity == Severity.Error);

    /// <summary>0 clean, 1 any error, 3 when the only errors are an unreachable production (a resource, not a verdict).</summary>
    public int ExitCode => ErrorCount == 0
        ? ExitCodes.Passed
        : Findings.Where(f => f.Finding.Severity == Severity.Error).All(f => f.Finding.Code == PushRuleCodes.ProductionUnreachable)
            ? ExitCodes.ResourceUnavailable
            : ExitCodes.Refused;
}
