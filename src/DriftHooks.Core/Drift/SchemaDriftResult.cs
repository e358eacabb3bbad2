using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Drift;

/// <summary>The findings of a schema drift check, how many migrations were replayed, and where the time went.</summary>
public sealed record SchemaDriftResult(IReadOnlyList<Finding> Findings, int ReplayedMigrations, IReadOnlyList<DriftPhase> Phases, TimeSpan Total)
{
    public bool HasDrift => Findings.Any(f => f.Severity == Severity.Error);
}
