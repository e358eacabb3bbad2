using DriftHooks.Core.Database;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Rules;

/// <summary>
/// Per-migration states of one database against the working tree, built on <see cref="HistoryComparison.Compare"/>
/// (the one comparison), adding what status shows beyond it: rolled-back rows.
/// </summary>
internal static class PlaceStates
{
    public static IReadOnlyDictionary<string, PlaceState> Of(IReadOnlyList<RepositoryMigration> repository, MigrationHistory history)
    {
        var states = new Dictionary<string, PlaceState>(StringComparer.Ordinal);
        foreach (var status in HistoryComparison.Compare(repository, history.Records))
        {
            states[status.Name] = status.State switch
            {
                MigrationState.Applied => PlaceState.Applied,
                MigrationState.Pending when status.Record is { IsRolledBack: true } => PlaceState.RolledBack,
                MigrationState.Pending => PlaceState.Pending,
                MigrationState.PendingOutOfOrder => PlaceState.PendingOutOfOrder,
                MigrationState.MissingLocally => PlaceState.NotInRepository,
                MigrationState.Modified => PlaceState.Modified,
                MigrationState.Failed => PlaceState.Failed,
                _ => PlaceState.Malformed,
            };
        }

        // Compare leaves out names with only rolled-back rows and no folder; status shows them.
        foreach (var record in history.Records)
        {
            states.TryAdd(record.MigrationName, PlaceState.RolledBack);
        }

        return states;
    }

    /// <summary>The label status prints: a migration applied here but absent from the repository is "local-only" locally and "missing" in production.</summary>
    public static string Label(PlaceState state, bool isLocal) => state switch
    {
        PlaceState.Unknown => "?",
        PlaceState.Absent => "-",
        PlaceState.Applied => "applied",
        PlaceState.Pending => "pending",
        PlaceState.PendingOutOfOrder => "pending (out of order)",
        PlaceState.Modified => "modified",
        PlaceState.Failed => "failed",
        PlaceState.RolledBack => "rolled back",
        PlaceState.NotInRepository => isLocal ? "local-only" : "missing",
        _ => "no migration.sql",
    };

    /// <summary>The JSON value of a state (kebab-case, stable).</summary>
    public static string Key(PlaceState state, bool isLocal) => state switch
    {
        PlaceState.Unknown => "unknown",
        PlaceState.Absent => "absent",
        PlaceState.Applied => "applied",
        PlaceState.Pending => "pending",
        PlaceState.PendingOutOfOrder => "pending-out-of-order",
        PlaceState.Modified => "modified",
        PlaceState.Failed => "failed",
        PlaceState.RolledBack => "rolled-back",
        PlaceState.NotInRepository => isLocal ? "local-only" : "missing",
        _ => "no-script",
    };

    public static string Key(RepositoryState state) => state switch
    {
        RepositoryState.Committed => "committed",
        RepositoryState.Uncommitted => "uncommitted",
        RepositoryState.Deleted => "deleted",
        _ => "absent",
    };
}
