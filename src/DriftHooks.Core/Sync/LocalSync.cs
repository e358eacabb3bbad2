using System.Diagnostics;
using DriftHooks.Core.Backups;
using DriftHooks.Core.Commits;
using DriftHooks.Core.Companion;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Sync;

/// <summary>
/// <c>drifthooks sync</c>: brings the local database to the working tree's history, each migration applied as Prisma
/// applies it (<see cref="WritableDatabase.ApplyMigrationAsync"/>), after a backup of the local history. Production is
/// only read, through <see cref="ReadOnlyDatabase"/>.
/// </summary>
internal static class LocalSync
{
    // A migration may rebuild a large table; the local database is the developer's, so wait.
    static readonly TimeSpan MigrationTimeout = TimeSpan.FromMinutes(30);

    /// <param name="confirm">Asked before a reset changes anything; false cancels.</param>
    /// <param name="targetConfirmedNotProduction">The user's <see cref="ProductionGuard.ConfirmFlag"/>.</param>
    public static async Task<SyncResult> RunAsync(
        CompanionContext context, bool reset, bool skipProduction, bool targetConfirmedNotProduction, Func<SyncPlan, bool> confirm, IProgress<SyncProgress>? progress, CancellationToken cancellationToken = default)
    {
        var url = context.RequireLocalUrl("sync");

        MigrationHistory? production = null;
        if (!skipProduction && context.Command.Production is { } target)
        {
            try
            {
                production = await HistoryReads.ReadAsync(target.Url, target.Connection, context.Location.StateDirectory, cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceUnavailableException e)
            {
                throw new ResourceUnavailableException(e.Message + $" Sync compares with production first; pass {SyncPlanner.SkipProductionFlag} to sync from the working tree alone.", e);
            }
        }

        var guard = await context.PrepareGuardAsync(targetConfirmedNotProduction, cancellationToken).ConfigureAwait(false);
        await using var database = await OpenOrCreateAsync(url, guard, new DatabaseConnectionOptions { StatementTimeout = MigrationTimeout }, cancellationToken).ConfigureAwait(false);
        await database.LockMigrationsAsync(reset ? "drifthooks sync --reset" : "drifthooks sync", cancellationToken).ConfigureAwait(false);
        var local = await database.ReadMigrationHistoryAsync(cancellationToken).ConfigureAwait(false);
        var objects = await database.ReadObjectNamesAsync(cancellationToken).ConfigureAwait(false);
        var plan = SyncPlanner.Plan(Request(context, local, objects, production, reset));
        if (plan.IsBlocked || (plan.ToApply.Count == 0 && !reset))
        {
            return new SyncResult(plan, null, [], false);
        }

        if (!confirm(plan))
        {
            return new SyncResult(plan, null, [], true);
        }

        var backup = BackupTaker.Save(context.BackupFolder, "local", url, local);

        if (reset)
        {
            var schemaFile = Path.Combine(context.Location.WorkTree, context.Project.SchemaPath);
            var schemas = new List<string> { url.Schema };
            if (!context.Project.SchemaIsFolder && File.Exists(schemaFile))
            {
                schemas.AddRange(PrismaDatasource.Schemas(Files.RegularFile.ReadText(schemaFile, Files.RegularFile.SourceLimit)));
            }

            await LocalDatabaseMaintenance.ResetSchemasAsync(database, schemas, cancellationToken).ConfigureAwait(false);
        }

        var applied = new List<(string, TimeSpan)>();
        try
        {
            for (var i = 0; i < plan.ToApply.Count; i++)
            {
                var migration = plan.ToApply[i];
                progress?.Report(new SyncProgress(i + 1, plan.ToApply.Count, migration.Name, null));
                var watch = Stopwatch.StartNew();
                await database.ApplyMigrationAsync(migration.Name, migration.Script, cancellationToken).ConfigureAwait(false);
                applied.Add((migration.Name, watch.Elapsed));
                progress?.Report(new SyncProgress(i + 1, plan.ToApply.Count, migration.Name, watch.Elapsed));
            }
        }
        finally
        {
            context.Audit("sync", [Finding.Note(
                CompanionRuleCodes.SyncDone,
                $"{(reset ? "reset and replayed" : "applied")} {applied.Count} of {plan.ToApply.Count} migrations on {url.Redacted}: {string.Join(", ", applied.Select(a => a.Item1))}",
                backup,
                null)]);
        }

        return new SyncResult(plan, backup, applied, false);
    }

    /// <summary>What the plan is decided from: the histories read, and where production's migrations the working tree lacks are held.</summary>
    static SyncRequest Request(CompanionContext context, MigrationHistory local, IReadOnlySet<string> objects, MigrationHistory? production, bool reset)
    {
        var inTree = context.WorkingTree.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var holders = MigrationHolders.Find(context.Location, context.Project, production?.Records.Where(r => r.IsApplied && !inTree.Contains(r.MigrationName)).Select(r => r.MigrationName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>());
        return new SyncRequest(context.WorkingTree, local, production, reset, context.Project)
        {
            LocalObjects = objects,
            RestorableBackup = context.RestorableLocalBackup,
            Holders = holders,
            AppliedVersionAt = (name, checksum) => AppliedVersion.Find(context.Location, "HEAD", context.Project.MigrationFolder(name) + "/migration.sql", checksum),
            Invocation = context.Invocation,
        };
    }

    /// <summary>
    /// Opens the local database, creating it first when the server says it does not exist, as
    /// <c>prisma migrate dev</c> does (through the server's <c>postgres</c> database, with the URL's own user).
    /// </summary>
    static async Task<WritableDatabase> OpenOrCreateAsync(DatabaseUrl url, ProductionGuard guard, DatabaseConnectionOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await WritableDatabase.OpenAsync(url, guard, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceUnavailableException e) when (DatabaseFailure.IsMissingDatabase(e))
        {
            await LocalDatabaseMaintenance.CreateDatabaseAsync(url, guard, options, cancellationToken).ConfigureAwait(false);
            return await WritableDatabase.OpenAsync(url, guard, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
