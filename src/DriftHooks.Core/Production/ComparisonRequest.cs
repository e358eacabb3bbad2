using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Production;

/// <summary>What one comparison with production compares (<see cref="ProductionComparer.CompareAsync"/>).</summary>
/// <param name="Project">The project production runs.</param>
/// <param name="Commits">The commits whose trees' migrations are compared with production's history.</param>
internal sealed record ComparisonRequest(PrismaProject Project, IReadOnlyList<CommitToCompare> Commits)
{
    /// <summary>What was checked, for the fix texts ("the push", "the head commit").</summary>
    public string Subject { get; init; } = "the push";

    /// <summary>Whether production's schema is compared too, and on which shadow server; null: not.</summary>
    public SchemaCheckPlan? SchemaCheck { get; init; }

    /// <summary>The command that checks it again (the <c>git push</c> being checked), when known.</summary>
    public string? Rerun { get; init; }
}
