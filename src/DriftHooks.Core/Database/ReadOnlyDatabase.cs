using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>
/// A production database, opened so that nothing can be written: one connection (<c>application_name</c>
/// drifthooks), one transaction set <c>READ ONLY</c> with a <c>statement_timeout</c> before any read, and only
/// read methods. Disposing rolls the transaction back and closes the connection.
/// </summary>
internal sealed class ReadOnlyDatabase : IAsyncDisposable
{
    readonly NpgsqlDataSource _dataSource;
    readonly DatabaseConnectionOptions _options;

    ReadOnlyDatabase(DatabaseUrl url, DatabaseConnectionOptions options, NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Url = url;
        _options = options;
        _dataSource = dataSource;
        Connection = connection;
        Transaction = transaction;
    }

    public DatabaseUrl Url { get; }

    /// <summary>The server's PostgreSQL version, as it announced it when the connection opened (no round trip).</summary>
    public Version ServerVersion => Connection.PostgreSqlVersion;

    // For tests only (InternalsVisibleTo): proves the session really refuses writes.
    internal NpgsqlConnection Connection { get; }

    internal NpgsqlTransaction Transaction { get; }

    /// <summary>Connects and starts the read-only transaction; failures are <see cref="Findings.ResourceUnavailableException"/>s.</summary>
    public static async Task<ReadOnlyDatabase> OpenAsync(DatabaseUrl url, DatabaseConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        options ??= new DatabaseConnectionOptions();
        var (dataSource, connection) = await DatabaseConnector.OpenAsync(url, options, "connect to", cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // Both settings in one round trip, before anything is read.
            await using var setup = new NpgsqlCommand("SET TRANSACTION READ ONLY; " + DatabaseConnector.StatementTimeoutSql(options.StatementTimeout), connection, transaction);
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new ReadOnlyDatabase(url, options, dataSource, connection, transaction);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw DatabaseFailure.Translate(e, url, "start a read-only transaction on", options.StatementTimeout);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Which database this is, as the server reports it (null when the role may not read even that), inside the
    /// read-only transaction. With <paramref name="rememberIn"/> (the repository's <c>.git/drifthooks</c>), this
    /// database is production and its identity is remembered there for <see cref="ProductionGuard"/>.
    /// </summary>
    public async Task<ServerIdentity?> ReadIdentityAsync(string? rememberIn, CancellationToken cancellationToken = default)
    {
        ServerIdentity? identity;
        try
        {
            identity = await ServerIdentityReader.ReadAsync(Connection, Transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw DatabaseFailure.Translate(e, Url, "read which database is", _options.StatementTimeout);
        }

        if (identity is not null && rememberIn is not null)
        {
            ProductionIdentities.Remember(rememberIn, identity, Url);
        }

        return identity;
    }

    /// <summary>Reads <c>_prisma_migrations</c> in the URL's schema.</summary>
    public async Task<MigrationHistory> ReadMigrationHistoryAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await MigrationHistoryReader.ReadAsync(Connection, Url.Schema, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw DatabaseFailure.Translate(e, Url, "read the migration history of", _options.StatementTimeout);
        }
    }

    /// <summary>
    /// Reads the catalog of <paramref name="schemas"/> (default: the URL's schema) inside the read-only transaction.
    /// </summary>
    public async Task<Catalog.DatabaseCatalog> ReadCatalogAsync(IReadOnlyList<string>? schemas = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CatalogReader.ReadAsync(Connection, Transaction, schemas ?? [Url.Schema], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw DatabaseFailure.Translate(e, Url, "read the schema catalog of", _options.StatementTimeout);
        }
    }

    /// <summary>The tables and enum types of every non-system schema (see <see cref="SchemaObjectsReader"/>).</summary>
    public async Task<IReadOnlySet<string>> ReadObjectNamesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await SchemaObjectsReader.ReadAsync(Connection, Transaction, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw DatabaseFailure.Translate(e, Url, "list the tables of", _options.StatementTimeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Nothing was written; rolling back just ends the transaction cleanly.
            if (Connection.State == System.Data.ConnectionState.Open)
            {
                await Transaction.RollbackAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // A broken connection has nothing left to roll back.
        }
        finally
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
