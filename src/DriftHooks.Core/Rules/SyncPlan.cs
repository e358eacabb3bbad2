using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Rules;

/// <summary>
/// What <c>drifthooks sync</c> will do to the local database: the migrations to apply in order (after recreating the
/// schemas when <paramref name="Reset"/>), or the findings that stop it.
/// </summary>
internal sealed record SyncPlan(bool Reset, IReadOnlyList<RepositoryMigration> ToApply, IReadOnlyList<Finding> Blockers, IReadOnlyList<Finding> Notes)
{
    public bool IsBlocked => Blockers.Count > 0;
}
