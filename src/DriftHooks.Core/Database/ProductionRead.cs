using DriftHooks.Core.Catalog;

namespace DriftHooks.Core.Database;

/// <summary>
/// One read of production for both comparisons: one read-only connection and transaction that reads the migration
/// history and then, when asked for, the schema catalog. Each result is handed over as soon as it is read, so the
/// history comparison (and the shadow's preparation, which needs the history) runs while the catalog is still read.
/// A failure reaches every result not yet read.
/// </summary>
public sealed class ProductionRead : IAsyncDisposable
{
    readonly TaskCompletionSource<Version> _version = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource<MigrationHistory> _history = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource<DatabaseCatalog> _catalog = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Task _run;

    ProductionRead(DatabaseUrl url, DatabaseConnectionOptions options, bool withCatalog, CancellationToken cancellationToken)
    {
        Url = url;
        _run = RunAsync(url, options, withCatalog, cancellationToken);
    }

    public DatabaseUrl Url { get; }

    public Task<Version> ServerVersion => _version.Task;

    public Task<MigrationHistory> History => _history.Task;

    /// <summary>Production's catalog of the URL's schema; only when started with the catalog.</summary>
    public Task<DatabaseCatalog> Catalog => _catalog.Task;

    /// <summary>Starts reading at once; <paramref name="withCatalog"/> reads the catalog after the history, in the same transaction.</summary>
    public static ProductionRead Start(DatabaseUrl url, DatabaseConnectionOptions options, bool withCatalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new ProductionRead(url, options, withCatalog, cancellationToken);
    }

    async Task RunAsync(DatabaseUrl url, DatabaseConnectionOptions options, bool withCatalog, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using var database = await ReadOnlyDatabase.OpenAsync(url, options, cancellationToken).ConfigureAwait(false);
            _version.SetResult(database.ServerVersion);
            _history.SetResult(await database.ReadMigrationHistoryAsync(cancellationToken).ConfigureAwait(false));
            if (withCatalog)
            {
                _catalog.SetResult(await database.ReadCatalogAsync([url.Schema], cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception e)
        {
            _version.TrySetException(e);
            _history.TrySetException(e);
            _catalog.TrySetException(e);
        }
    }

    /// <summary>Waits for the read to end (the transaction rolled back, the connection closed).</summary>
    public async ValueTask DisposeAsync()
    {
        await _run.ConfigureAwait(false);

        // A failure nobody asked about is not an unobserved one.
        _ = _catalog.Task.Exception;
        _ = _version.Task.Exception;
        _ = _history.Task.Exception;
    }
}
