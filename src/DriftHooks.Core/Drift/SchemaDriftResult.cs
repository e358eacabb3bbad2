using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Drift;

/// <summary>The findings of a schema drift check, how many migrations were replayed, and where the time went.</summary>
internal sealed record SchemaDriftResult(IReadOnlyList<Finding> Findings, int ReplayedMigrations, IReadOnlyList<DriftPhase> Phases, TimeSpan Total)
{
    /// <summary>Migrations whose result came with a template database instead of a replay.</summary>
    public int ReusedMigrations { get; init; }

    /// <summary>The template database that holds the expected schema now (null when none was reached).</summary>
    public string? Template { get; init; }

    public bool HasDrift => Findings.Any(f => f.Severity == Severity.Error);
}
