using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Rules;

/// <summary>
/// Decides what <c>drifthooks sync</c> may do (pure). It brings the local database to the working tree's history
/// (what HEAD and production agree on, plus the branch's own new migrations), and stops rather than guess when
/// production is ahead of the repository or the local history disagrees with it.
/// </summary>
internal static class SyncPlanner
{
    /// <summary><c>drifthooks sync</c>'s option to follow the working tree alone, without reading production.</summary>
    public const string SkipProductionFlag = "--skip-production";

    /// <param name="workingTree">The working tree's migrations (what Prisma itself would apply).</param>
    /// <param name="local">The local database's history (the table may be missing).</param>
    /// <param name="production">Production's history, or null when it is not configured or was skipped.</param>
    /// <param name="reset">Recreate the local schemas and replay the whole history.</param>
    /// <param name="localObjects">The local database's tables and enum types (<see cref="CreatedObjects"/>): a schema that already holds what unrecorded migrations create lost its history.</param>
    /// <param name="restorableBackup">The newest backup of the local history that holds rows, named in the fix for a lost history.</param>
    /// <param name="appliedVersionAt">The commit (short id) holding the version of a migration production applied, by its name and recorded checksum, or null when none does.</param>
    public static SyncPlan Plan(
        IReadOnlyList<RepositoryMigration> workingTree, MigrationHistory local, MigrationHistory? production, bool reset, PrismaProject project,
        IReadOnlySet<string>? localObjects = null, string? restorableBackup = null, IReadOnlyDictionary<string, MigrationHolder>? holders = null,
        Func<string, string?, string?>? appliedVersionAt = null, Invocation? invocation = null)
    {
        invocation ??= Invocation.Plain;
        var sync = invocation.Command("sync");
        var blockers = new List<Finding>();
        var notes = new List<Finding>();
        blockers.AddRange(ThreeWayStatus.WithoutScript(workingTree, project));
        blockers.AddRange(ThreeWayStatus.WithNulBytes(workingTree, project));

        if (production is { TableExists: true })
        {
            var states = PlaceStates.Of(workingTree, production);
            var ahead = states.Where(s => s.Value == PlaceState.NotInRepository).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
            if (ahead.Count > 0)
            {
                blockers.Add(Finding.Error(
                    CompanionRuleCodes.SyncPullFirst,
                    $"Production has applied {FixText.Count(ahead.Count, "migration")} that the working tree lacks: {FixText.Names(ahead)}.{HistoryComparison.WhereHeld(ahead, holders, "production")} Syncing now would build a local history production does not have; nothing was changed.",
                    project.MigrationFolder(ahead[0]),
                    MissingMigrationFix.For(
                        project, ahead, holders, workingTree.Select(m => m.Name).Max(StringComparer.Ordinal), "production",
                        MissingMigrationFix.Row(production.Records.LastOrDefault(r => r.MigrationName == ahead[0] && r.IsApplied), ahead[0]), " && " + sync)));
            }

            foreach (var name in states.Where(s => s.Value == PlaceState.Modified).Select(s => s.Key).Order(StringComparer.Ordinal))
            {
                var applied = appliedVersionAt?.Invoke(name, production.Records.LastOrDefault(r => r.MigrationName == name && r.IsApplied)?.Checksum);
                blockers.Add(Finding.Error(
                    CompanionRuleCodes.SyncProductionModified,
                    $"Migration '{name}' in the working tree differs from the version production applied; the local database would get a history production does not have."
                        + (applied is null ? " No commit of this clone (no branch, tag or entry of HEAD's reflog) holds the version production applied: it was deployed from another clone, or amended away and pruned." : ""),
                    project.MigrationFolder(name),
                    applied is not null
                        ? FixText.EditIntoNewMigration(project, project.MigrationFolder(name), applied, "production applied") + ", then " + sync
                        : $"git fetch --all (then {sync} again: once a fetched branch holds the version production applied, its fix names the commit to restore it from); "
                            + $"or {sync} {SkipProductionFlag} (the local database follows the working tree's version; production keeps the one it applied, and pre-push refuses the edit, DH202, until the two agree)"));
            }
        }
        else if (production is null)
        {
            notes.Add(Finding.Note(CompanionRuleCodes.ProductionNotConfigured, "Production was not consulted (not configured or skipped): the local database follows the working tree alone.", null, null));
        }

        var localStates = local.TableExists ? PlaceStates.Of(workingTree, local) : new Dictionary<string, PlaceState>();
        if (!reset)
        {
            AddLocalBlocker(blockers, localStates, PlaceState.NotInRepository, CompanionRuleCodes.LocalOnly,
                names => $"The local database has applied {FixText.Count(names.Count, "migration")} the working tree does not have (from an abandoned or other branch?): {FixText.Names(names)}.",
                project, invocation);
            AddLocalBlocker(blockers, localStates, PlaceState.Modified, CompanionRuleCodes.LocalModified,
                names => $"{FixText.Count(names.Count, "migration")} changed after being applied locally: {FixText.Names(names)}.",
                project, invocation);
            if (localObjects is not null && LostHistory.Detect(workingTree, local, localObjects) is { } lost)
            {
                blockers.Add(lost.ToFinding("the local database", restorableBackup, project, invocation));
            }

            AddLocalBlocker(blockers, localStates, PlaceState.Failed, CompanionRuleCodes.LocalFailed,
                names => $"{FixText.Count(names.Count, "migration")} failed in the local database and never finished: {FixText.Names(names)}.",
                project, invocation);
        }

        if (blockers.Count > 0)
        {
            return new SyncPlan(reset, [], blockers, notes);
        }

        var toApply = reset
            ? workingTree.OrderBy(m => m.Name, StringComparer.Ordinal).ToList()
            : workingTree
                .Where(m => localStates.GetValueOrDefault(m.Name, PlaceState.Pending) is PlaceState.Pending or PlaceState.PendingOutOfOrder or PlaceState.RolledBack)
                .OrderBy(m => m.Name, StringComparer.Ordinal)
                .ToList();
        var outOfOrder = toApply.Where(m => localStates.GetValueOrDefault(m.Name) == PlaceState.PendingOutOfOrder).Select(m => m.Name).ToList();
        if (!reset && outOfOrder.Count > 0)
        {
            notes.Add(Finding.Note(
                CompanionRuleCodes.LocalOutOfOrder,
                $"Applied after newer migrations, as a deploy would: {FixText.Names(outOfOrder)}.",
                project.MigrationFolder(outOfOrder[0]),
                invocation.Command("sync --reset") + " for a replay in name order"));
        }

        return new SyncPlan(reset, toApply, [], notes);
    }

    static void AddLocalBlocker(
        List<Finding> blockers, IReadOnlyDictionary<string, PlaceState> states, PlaceState state, string code, Func<IReadOnlyList<string>, string> message, PrismaProject project, Invocation invocation)
    {
        var names = states.Where(s => s.Value == state).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        if (names.Count > 0)
        {
            blockers.Add(Finding.Error(
                code,
                message(names) + " --reset recreates the local schema and replays this branch's history, after a backup of the local history.",
                project.MigrationFolder(names[0]),
                invocation.Command("sync --reset")));
        }
    }
}
