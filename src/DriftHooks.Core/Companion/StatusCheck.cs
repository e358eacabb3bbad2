using DriftHooks.Core.Database;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Companion;

/// <summary><c>drifthooks status</c>: reads both databases at once (read-only) and builds the three-way report.</summary>
public static class StatusCheck
{
    public static async Task<ThreeWayReport> RunAsync(CompanionContext context, CancellationToken cancellationToken = default)
    {
        var local = HistoryReads.ReadSideAsync("local", context.LocalSource, new DatabaseConnectionOptions(), cancellationToken);
        var production = HistoryReads.ReadSideAsync("production", context.ProductionSource, context.ProductionConnection, cancellationToken);
        return ThreeWayStatus.Build(context.WorkingTree, context.Head, await local.ConfigureAwait(false), await production.ConfigureAwait(false), context.Project);
    }
}
