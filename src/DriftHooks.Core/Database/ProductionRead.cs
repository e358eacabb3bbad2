using DriftHooks.Core.Catalog;

namespace DriftHooks.Core.Database;

/// <summary>
/// One read of production for both comparisons: one read-only connection and transaction that reads the migration
/// history and then, when asked for, the schema catalog. Each result is handed over as soon as it is read, so the
/// history comparison (and the shadow's preparation, which needs the history) runs while the catalog is still read.
/// A failure reaches every result not yet read.
/// </summary>
internal sealed class ProductionRead : IAsyncDisposable
{
    readonly TaskCompletionSource<Version> _version = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource<ServerIdentity?> _identity = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource<MigrationHistory> _history = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource<DatabaseCatalog> _catalog = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource<Func<ReadOnlyDatabase, CancellationToken, Task>?> _more = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Task _run;
    Exception? _failure;

    ProductionRead(DatabaseUrl url, DatabaseConnectionOptions options, bool withCatalog, string? rememberIn, CancellationToken cancellationToken)
    {
        Url = url;
        _run = RunAsync(url, options, withCatalog, rememberIn, cancellationToken);
    }

    public DatabaseUrl Url { get; }

    public Task<Version> ServerVersion => _version.Task;

    /// <summary>Which database production is, as its server reports it (null when the role may not read it); see <see cref="ProductionGuard"/>.</summary>
    public Task<ServerIdentity?> Identity => _identity.Task;

    public Task<MigrationHistory> History => _history.Task;

    /// <summary>Production's catalog of the URL's schema; only when started with the catalog.</summary>
    public Task<DatabaseCatalog> Catalog => _catalog.Task;

    /// <summary>
    /// Starts reading at once; <paramref name="withCatalog"/> reads the catalog after the history, in the same transaction.
    /// <paramref name="rememberIn"/> (the repository's <c>.git/drifthooks</c>) remembers production's identity there.
    /// </summary>
    public static ProductionRead Start(DatabaseUrl url, DatabaseConnectionOptions options, bool withCatalog, string? rememberIn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new ProductionRead(url, options, withCatalog, rememberIn, cancellationToken);
    }

    async Task RunAsync(DatabaseUrl url, DatabaseConnectionOptions options, bool withCatalog, string? rememberIn, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using var database = await ReadOnlyDatabase.OpenAsync(url, options, cancellationToken).ConfigureAwait(false);
            _version.SetResult(database.ServerVersion);
            _identity.SetResult(await database.ReadIdentityAsync(rememberIn, cancellationToken).ConfigureAwait(false));
            _history.SetResult(await database.ReadMigrationHistoryAsync(cancellationToken).ConfigureAwait(false));
            if (withCatalog)
            {
                _catalog.SetResult(await database.ReadCatalogAsync([url.Schema], cancellationToken).ConfigureAwait(false));
            }

            // The same transaction stays open for one more read until the comparison says it needs none.
            if (await _more.Task.ConfigureAwait(false) is { } more)
            {
                await more(database, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            _failure = e;
            _version.TrySetException(e);
            _identity.TrySetException(e);
            _history.TrySetException(e);
            _catalog.TrySetException(e);
        }
    }

    /// <summary>
    /// One more read in the same read-only transaction, after the history (and catalog): for questions that depend on
    /// what the comparison found. At most once; a failure of the connection reaches the caller.
    /// </summary>
    public async Task<T> ThenAsync<T>(Func<ReadOnlyDatabase, CancellationToken, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_more.TrySetResult(async (database, cancellationToken) =>
        {
            try
            {
                result.SetResult(await read(database, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        }))
        {
            throw new InvalidOperationException("This production read was already given its last read.");
        }

        if (await Task.WhenAny(result.Task, _run).ConfigureAwait(false) != result.Task && !result.Task.IsCompleted)
        {
            // The read failed before it got there.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure ?? new InvalidOperationException("The production read ended before its last read."));
        }

        return await result.Task.ConfigureAwait(false);
    }

    /// <summary>Waits for the read to end (the transaction rolled back, the connection closed).</summary>
    public async ValueTask DisposeAsync()
    {
        _more.TrySetResult(null);
        await _run.ConfigureAwait(false);

        // A failure nobody asked about is not an unobserved one.
        _ = _catalog.Task.Exception;
        _ = _version.Task.Exception;
        _ = _identity.Task.Exception;
        _ = _history.Task.Exception;
    }
}
