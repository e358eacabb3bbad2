using DriftHooks.Core.Findings;
using DriftHooks.Core.SqlText;
using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>
/// A local or shadow database the tool may change: it can create Prisma's history table and apply migrations.
/// It can only be opened through a <see cref="ProductionGuard"/>, which refuses production's database whatever the
/// URL; production gets <see cref="ReadOnlyDatabase"/>.
/// </summary>
internal sealed class WritableDatabase : IAsyncDisposable
{
    readonly NpgsqlDataSource _dataSource;
    readonly DatabaseConnectionOptions _options;

    WritableDatabase(DatabaseUrl url, ProductionGuard guard, DatabaseConnectionOptions options, NpgsqlDataSource dataSource, NpgsqlConnection connection)
    {
        Url = url;
        Guard = guard;
        _options = options;
        _dataSource = dataSource;
        Connection = connection;
    }

    public DatabaseUrl Url { get; }

    /// <summary>The guard this database was opened through: a database created beside it (a shadow, a template) is opened through it too.</summary>
    public ProductionGuard Guard { get; }

    internal NpgsqlConnection Connection { get; }

    /// <summary>The server's PostgreSQL version, as it announced it when the connection opened (no round trip).</summary>
    public Version ServerVersion => Connection.PostgreSqlVersion;

    /// <summary>
    /// Connects, has <paramref name="guard"/> check on this very connection, before any other statement, that the
    /// server is not production's database (see <see cref="ProductionGuard"/>), then sets <c>search_path</c> to the
    /// URL's schema, as Prisma does, so that unqualified names in migration scripts land in that schema.
    /// </summary>
    public static Task<WritableDatabase> OpenAsync(DatabaseUrl url, ProductionGuard guard, DatabaseConnectionOptions? options = null, CancellationToken cancellationToken = default) =>
        OpenAsync(url, Task.FromResult(guard ?? throw new ArgumentNullException(nameof(guard))), options, cancellationToken);

    /// <summary>
    /// As above with a guard still being made (from a production read under way): the connection and the server's
    /// identity are read meanwhile, and nothing but that identity is sent before the guard has decided.
    /// </summary>
    public static async Task<WritableDatabase> OpenAsync(DatabaseUrl url, Task<ProductionGuard> guardTask, DatabaseConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(guardTask);
        options ??= new DatabaseConnectionOptions();
        var (dataSource, connection) = await DatabaseConnector.OpenAsync(url, options, "connect to", cancellationToken).ConfigureAwait(false);
        WritableDatabase? database = null;
        try
        {
            ServerIdentity? identity;
            try
            {
                identity = await ServerIdentityReader.ReadAsync(connection, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsDatabaseFailure(e, cancellationToken))
            {
                throw DatabaseFailure.Translate(e, url, "read which database is", options.StatementTimeout);
            }

            var guard = await guardTask.ConfigureAwait(false);
            guard.Authorize(url, identity);
            database = new WritableDatabase(url, guard, options, dataSource, connection);
            await database.RunAsync("SET search_path TO " + Sql.QuoteIdentifier(url.Schema), cancellationToken).ConfigureAwait(false);
            return database;
        }
        catch
        {
            if (database is null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                await dataSource.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await database.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async Task<MigrationHistory> ReadMigrationHistoryAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await MigrationHistoryReader.ReadAsync(Connection, Url.Schema, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDatabaseFailure(e, cancellationToken))
        {
            throw DatabaseFailure.Translate(e, Url, "read the migration history of", _options.StatementTimeout);
        }
    }

    /// <summary>Reads the catalog of <paramref name="schemas"/> (default: the URL's schema).</summary>
    public async Task<Catalog.DatabaseCatalog> ReadCatalogAsync(IReadOnlyList<string>? schemas = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CatalogReader.ReadAsync(Connection, null, schemas ?? [Url.Schema], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDatabaseFailure(e, cancellationToken))
        {
            throw DatabaseFailure.Translate(e, Url, "read the schema catalog of", _options.StatementTimeout);
        }
    }

    /// <summary>The tables and enum types of every non-system schema (see <see cref="SchemaObjectsReader"/>).</summary>
    public async Task<IReadOnlySet<string>> ReadObjectNamesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await SchemaObjectsReader.ReadAsync(Connection, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDatabaseFailure(e, cancellationToken))
        {
            throw DatabaseFailure.Translate(e, Url, "list the tables of", _options.StatementTimeout);
        }
    }

    /// <summary>
    /// Runs a migration script as one batch without writing a history row (a shadow replay needs only the schema).
    /// An error from the script is a <see cref="MigrationFailedException"/>; a broken connection is not.
    /// </summary>
    public async Task ReplayMigrationAsync(string migrationName, string script, CancellationToken cancellationToken = default)
    {
        try
        {
            await MigrationApplier.ExecuteScriptAsync(Connection, script, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (!e.IsTransient)
        {
            throw new MigrationFailedException(
                migrationName,
                e.SqlState,
                $"Migration {migrationName} failed on the shadow database (SQLSTATE {e.SqlState}: {e.MessageText}).",
                e);
        }
        catch (Exception e) when (IsDatabaseFailure(e, cancellationToken))
        {
            throw DatabaseFailure.Translate(e, Url, $"replay migration {migrationName} on", _options.StatementTimeout);
        }
    }

    /// <summary>The advisory lock Prisma's migrate commands hold on a database while they migrate it.</summary>
    public const long MigrationLockKey = 72707369;

    /// <summary>
    /// Takes, for this connection's life, the advisory lock Prisma's migrate takes (<see cref="MigrationLockKey"/>; an
    /// advisory lock belongs to one database), so that two syncs or restores, or one and a <c>prisma migrate</c>, never
    /// change one database's history at once. Held elsewhere: a <see cref="ResourceUnavailableException"/> saying so.
    /// </summary>
    public async Task LockMigrationsAsync(string command, CancellationToken cancellationToken = default)
    {
        bool taken;
        try
        {
            await using var lockCommand = new NpgsqlCommand("SELECT pg_catalog.pg_try_advisory_lock($1)", Connection);
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = MigrationLockKey });
            taken = (bool)(await lockCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (Exception e) when (IsDatabaseFailure(e, cancellationToken))
        {
            throw DatabaseFailure.Translate(e, Url, "lock the migration history of", _options.StatementTimeout);
        }

        if (!taken)
        {
            throw new ResourceUnavailableException(
                $"Another sync or restore (or a prisma migrate command) is running on {Url.Redacted}: it holds the advisory lock {MigrationLockKey} Prisma's migrate takes. "
                + $"{command} changed nothing; run it again once that one has finished.");
        }
    }

    /// <summary>Creates the schema and Prisma's history table unless the table already exists.</summary>
    public async Task EnsureMigrationsTableAsync(CancellationToken cancellationToken = default)
    {
        var history = await ReadMigrationHistoryAsync(cancellationToken).ConfigureAwait(false);
        if (history.TableExists)
        {
            return;
        }

        await RunAsync(
            "CREATE SCHEMA IF NOT EXISTS " + Sql.QuoteIdentifier(Url.Schema) + ";\n" + Sql.CreateMigrationsTable(Url.Schema),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies one migration like Prisma (see <see cref="MigrationApplier"/>), creating the history table first
    /// if needed. A failing script throws <see cref="MigrationFailedException"/>.
    /// </summary>
    public async Task<MigrationRecord> ApplyMigrationAsync(string migrationName, ReadOnlyMemory<byte> script, CancellationToken cancellationToken = default)
    {
        await EnsureMigrationsTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await MigrationApplier.ApplyAsync(Connection, Url.Schema, migrationName, script, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDatabaseFailure(e, cancellationToken))
        {
            throw DatabaseFailure.Translate(e, Url, $"apply migration {migrationName} to", _options.StatementTimeout);
        }
    }

    /// <summary>Runs a script as one batch (see <see cref="MigrationApplier.ExecuteScriptAsync"/>).</summary>
    public async Task RunAsync(string script, CancellationToken cancellationToken = default)
    {
        try
        {
            await MigrationApplier.ExecuteScriptAsync(Connection, script, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDatabaseFailure(e, cancellationToken))
        {
            throw DatabaseFailure.Translate(e, Url, "run a script on", _options.StatementTimeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    static bool IsDatabaseFailure(Exception e, CancellationToken cancellationToken) =>
        e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
