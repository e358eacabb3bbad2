using DriftHooks.Core.Configuration;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Companion;

/// <summary>Reads a database's history through a read-only connection into a <see cref="DatabaseSide"/>, never throwing for an unreachable server.</summary>
public static class HistoryReads
{
    public static async Task<DatabaseSide> ReadSideAsync(string label, DatabaseUrlSource? source, DatabaseConnectionOptions options, CancellationToken cancellationToken = default)
    {
        if (source is null)
        {
            return DatabaseSide.NotConfigured(label);
        }

        var url = DatabaseUrl.Parse(source.Url);
        try
        {
            return DatabaseSide.Read(label, url.Redacted, source.Source, await ReadAsync(url, options, cancellationToken).ConfigureAwait(false));
        }
        catch (ResourceUnavailableException e)
        {
            return DatabaseSide.Unreachable(label, url.Redacted, source.Source, e.Message);
        }
    }

    /// <summary>Reads <c>_prisma_migrations</c> in a read-only transaction (for production and for looking at the local database alike).</summary>
    public static async Task<MigrationHistory> ReadAsync(DatabaseUrl url, DatabaseConnectionOptions options, CancellationToken cancellationToken = default)
    {
        await using var database = await ReadOnlyDatabase.OpenAsync(url, options, cancellationToken).ConfigureAwait(false);
        return await database.ReadMigrationHistoryAsync(cancellationToken).ConfigureAwait(false);
    }
}
