using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.SqlText;

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

    public static SyncPlan Plan(SyncRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var blockers = new List<Finding>();
        var notes = new List<Finding>();
        blockers.AddRange(ThreeWayStatus.WithoutScript(request.WorkingTree, request.Project));
        blockers.AddRange(ThreeWayStatus.WithNulBytes(request.WorkingTree, request.Project));
        if (request.Production is { TableExists: true } production)
        {
            var states = PlaceStates.Of(request.WorkingTree, production);
            blockers.AddRange(ProductionAhead(request, production, states));
            blockers.AddRange(ProductionModified(request, production, states));
        }
        else if (request.Production is null)
        {
            notes.Add(Finding.Note(CompanionRuleCodes.ProductionNotConfigured, "Production was not consulted (not configured or skipped): the local database follows the working tree alone.", null, null));
        }

        var localStates = request.Local.TableExists ? PlaceStates.Of(request.WorkingTree, request.Local) : new Dictionary<string, PlaceState>();
        if (!request.Reset)
        {
            AddLocalBlockers(request, localStates, blockers);
        }

        if (blockers.Count > 0)
        {
            return new SyncPlan(request.Reset, [], blockers, notes);
        }

        var toApply = ToApply(request, localStates);
        var outOfOrder = toApply.Where(m => localStates.GetValueOrDefault(m.Name) == PlaceState.PendingOutOfOrder).Select(m => m.Name).ToList();
        if (!request.Reset && outOfOrder.Count > 0)
        {
            notes.Add(Finding.Note(
                CompanionRuleCodes.LocalOutOfOrder,
                $"Applied after newer migrations, as a deploy would: {FixText.Names(outOfOrder)}.",
                request.Project.MigrationFolder(outOfOrder[0]),
                request.Invocation.Command("sync --reset") + " for a replay in name order"));
        }

        return new SyncPlan(request.Reset, toApply, [], notes);
    }

    /// <summary>Production applied migrations the working tree lacks: syncing would build a history production does not have.</summary>
    static IEnumerable<Finding> ProductionAhead(SyncRequest request, MigrationHistory production, IReadOnlyDictionary<string, PlaceState> states)
    {
        var project = request.Project;
        var ahead = states.Where(s => s.Value == PlaceState.NotInRepository).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
        if (ahead.Count == 0)
        {
            yield break;
        }

        yield return Finding.Error(
            CompanionRuleCodes.SyncPullFirst,
            $"Production has applied {FixText.Count(ahead.Count, "migration")} that the working tree lacks: {FixText.Names(ahead)}.{HistoryComparison.WhereHeld(ahead, request.Holders, "production")} Syncing now would build a local history production does not have; nothing was changed.",
            project.MigrationFolder(ahead[0]),
            MissingMigrationFix.For(
                project, ahead, request.Holders, request.WorkingTree.Select(m => m.Name).Max(StringComparer.Ordinal), "production",
                MissingMigrationFix.Row(production.Records.LastOrDefault(r => r.MigrationName == ahead[0] && r.IsApplied), ahead[0]), " && " + request.Sync));
    }

    /// <summary>Migrations of the working tree that differ from the version production applied, each with where that version is.</summary>
    static IEnumerable<Finding> ProductionModified(SyncRequest request, MigrationHistory production, IReadOnlyDictionary<string, PlaceState> states)
    {
        var (project, sync) = (request.Project, request.Sync);
        foreach (var name in states.Where(s => s.Value == PlaceState.Modified).Select(s => s.Key).Order(StringComparer.Ordinal))
        {
            var applied = request.AppliedVersionAt?.Invoke(name, production.Records.LastOrDefault(r => r.MigrationName == name && r.IsApplied)?.Checksum);
            yield return Finding.Error(
                CompanionRuleCodes.SyncProductionModified,
                $"Migration '{name}' in the working tree differs from the version production applied; the local database would get a history production does not have."
                    + (applied is null ? " No commit of this clone (no branch, tag or entry of HEAD's reflog) holds the version production applied: it was deployed from another clone, or amended away and pruned." : ""),
                project.MigrationFolder(name),
                applied is not null
                    ? ProjectFixText.EditIntoNewMigration(project, project.MigrationFolder(name), applied, "production applied") + ", then " + sync
                    : $"git fetch --all (then {sync} again: once a fetched branch holds the version production applied, its fix names the commit to restore it from); "
                        + $"or {sync} {SkipProductionFlag} (the local database follows the working tree's version; production keeps the one it applied, and pre-push refuses the edit, DH202, until the two agree)");
        }
    }

    /// <summary>What stops a sync without --reset: local-only, locally edited, lost or failed migrations.</summary>
    static void AddLocalBlockers(SyncRequest request, IReadOnlyDictionary<string, PlaceState> localStates, List<Finding> blockers)
    {
        var (project, invocation) = (request.Project, request.Invocation);
        AddLocalBlocker(blockers, localStates, PlaceState.NotInRepository, CompanionRuleCodes.LocalOnly,
            names => $"The local database has applied {FixText.Count(names.Count, "migration")} the working tree does not have (from an abandoned or other branch?): {FixText.Names(names)}.",
            project, invocation);
        AddLocalBlocker(blockers, localStates, PlaceState.Modified, CompanionRuleCodes.LocalModified,
            names => $"{FixText.Count(names.Count, "migration")} changed after being applied locally: {FixText.Names(names)}.",
            project, invocation);
        if (request.LocalObjects is not null && LostHistory.Detect(request.WorkingTree, request.Local, request.LocalObjects) is { } lost)
        {
            blockers.Add(lost.ToFinding("the local database", request.RestorableBackup, project, invocation));
        }

        AddLocalBlocker(blockers, localStates, PlaceState.Failed, CompanionRuleCodes.LocalFailed,
            names => $"{FixText.Count(names.Count, "migration")} failed in the local database and never finished: {FixText.Names(names)}.",
            project, invocation);
    }

    /// <summary>The whole history in name order for a reset; otherwise what the local database has yet to apply.</summary>
    static List<RepositoryMigration> ToApply(SyncRequest request, IReadOnlyDictionary<string, PlaceState> localStates) =>
        request.Reset
            ? request.WorkingTree.OrderBy(m => m.Name, StringComparer.Ordinal).ToList()
            : request.WorkingTree
                .Where(m => localStates.GetValueOrDefault(m.Name, PlaceState.Pending) is PlaceState.Pending or PlaceState.PendingOutOfOrder or PlaceState.RolledBack)
                .OrderBy(m => m.Name, StringComparer.Ordinal)
                .ToList();

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

/// <summary>What <see cref="SyncPlanner.Plan"/> decides from.</summary>
/// <param name="WorkingTree">The working tree's migrations (what Prisma itself would apply).</param>
/// <param name="Local">The local database's history (the table may be missing).</param>
/// <param name="Production">Production's history, or null when it is not configured or was skipped.</param>
/// <param name="Reset">Recreate the local schemas and replay the whole history.</param>
/// <param name="Project">The Prisma project synced.</param>
internal sealed record SyncRequest(IReadOnlyList<RepositoryMigration> WorkingTree, MigrationHistory Local, MigrationHistory? Production, bool Reset, PrismaProject Project)
{
    /// <summary>The local database's tables and enum types (<see cref="CreatedObjects"/>): a schema that already holds what unrecorded migrations create lost its history.</summary>
    public IReadOnlySet<string>? LocalObjects { get; init; }

    /// <summary>The newest backup of the local history that holds rows, named in the fix for a lost history.</summary>
    public string? RestorableBackup { get; init; }

    /// <summary>The branches or commits that hold migrations production applied and the working tree lacks.</summary>
    public IReadOnlyDictionary<string, MigrationHolder>? Holders { get; init; }

    /// <summary>The commit (short id) holding the version of a migration production applied, by its name and recorded checksum, or null when none does.</summary>
    public Func<string, string?, string?>? AppliedVersionAt { get; init; }

    /// <summary>How the user runs DriftHooks, for the fixes.</summary>
    public Invocation Invocation { get; init; } = Invocation.Plain;

    /// <summary>The sync command as this installation runs it.</summary>
    public string Sync => Invocation.Command("sync");
}
