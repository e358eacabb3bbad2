using DriftHooks.Core.Configuration;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Companion;

/// <summary>Reads a database's history through a read-only connection into a <see cref="DatabaseSide"/>, never throwing for an unreachable server.</summary>
internal static class HistoryReads
{
    /// <param name="rememberIn">For production: the repository's <c>.git/drifthooks</c>, where its identity is remembered (see <see cref="ProductionIdentities"/>).</param>
    /// <param name="prismaAt">What points a printed <c>npx prisma</c> at this database (<see cref="DatabaseSide.PrismaAt"/>).</param>
    /// <param name="withObjects">Also read its tables, enum types, columns and indexes, and take a missing database for one not created yet (the local database).</param>
    public static async Task<DatabaseSide> ReadSideAsync(
        string label, DatabaseUrlSource? source, DatabaseConnectionOptions options, string? rememberIn, string? prismaAt, bool withObjects = false, CancellationToken cancellationToken = default)
    {
        if (source is null)
        {
            return DatabaseSide.NotConfigured(label);
        }

        var url = source.Parse();
        try
        {
            await using var database = await ReadOnlyDatabase.OpenAsync(url, options, cancellationToken).ConfigureAwait(false);
            var history = await database.ReadMigrationHistoryAsync(cancellationToken).ConfigureAwait(false);
            if (rememberIn is not null)
            {
                await database.ReadIdentityAsync(rememberIn, cancellationToken).ConfigureAwait(false);
            }

            var side = DatabaseSide.Read(label, url.Redacted, source.Source, history, prismaAt);
            return withObjects ? side with { Objects = await database.ReadObjectNamesAsync(cancellationToken).ConfigureAwait(false) } : side;
        }
        catch (ResourceUnavailableException e) when (withObjects && DatabaseFailure.IsMissingDatabase(e))
        {
            return DatabaseSide.Missing(label, url.Redacted, source.Source, url.Schema, prismaAt);
        }
        catch (ResourceUnavailableException e)
        {
            return DatabaseSide.Unreachable(label, url.Redacted, e.Message, UnreachableServer.Of(url, source.Source, e));
        }
    }

    /// <summary>Reads <c>_prisma_migrations</c> in a read-only transaction (for production and for looking at the local database alike).</summary>
    /// <param name="rememberIn">For production: the repository's <c>.git/drifthooks</c>, where its identity is remembered; null for any other database.</param>
    public static async Task<MigrationHistory> ReadAsync(DatabaseUrl url, DatabaseConnectionOptions options, string? rememberIn, CancellationToken cancellationToken = default)
    {
        await using var database = await ReadOnlyDatabase.OpenAsync(url, options, cancellationToken).ConfigureAwait(false);
        var history = await database.ReadMigrationHistoryAsync(cancellationToken).ConfigureAwait(false);
        if (rememberIn is not null)
        {
            await database.ReadIdentityAsync(rememberIn, cancellationToken).ConfigureAwait(false);
        }

        return history;
    }
}
