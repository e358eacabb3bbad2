using System.Text;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.SqlText;
using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>
/// Applies one migration the way Prisma's <c>migrate deploy</c> does on PostgreSQL: insert the row (uuid id,
/// checksum, started_at), run the whole script as one batch, then count the step and set finished_at. On failure
/// the row keeps finished_at null and gets the error in <c>logs</c>, as Prisma leaves it. Where the script allows it
/// (<see cref="MigrationTransaction.CanWrap"/>), the row, the script and the finish are one transaction, so an
/// interruption (a killed process, a lost connection) leaves all of it or nothing, never an unfinished row.
/// </summary>
internal static class MigrationApplier
{
    /// <summary>
    /// Applies <paramref name="script"/> (the bytes of <c>migration.sql</c>). The history table must exist.
    /// Npgsql errors other than the script's own propagate unchanged.
    /// </summary>
    public static async Task<MigrationRecord> ApplyAsync(
        NpgsqlConnection connection, string schema, string migrationName, ReadOnlyMemory<byte> script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(migrationName);

        // Prisma reads migration.sql as UTF-8 text; the checksum is over the file's bytes.
        string text;
        try
        {
            text = PrismaText.StrictUtf8.GetString(script.Span);
        }
        catch (DecoderFallbackException e)
        {
            throw new MigrationFailedException(migrationName, null, $"Migration {migrationName}: migration.sql is not valid UTF-8, so Prisma cannot read it either.", e);
        }

        // PostgreSQL takes no NUL in a statement: Prisma's engine fails such a script; it is refused before anything is sent.
        if (script.Span.IndexOf((byte)0) >= 0)
        {
            throw new MigrationFailedException(migrationName, null, $"Migration {migrationName}: migration.sql holds a NUL byte, which PostgreSQL accepts in no statement, so Prisma cannot apply it either. Nothing was sent.", null);
        }

        var table = Sql.MigrationsTableIn(schema);
        var id = Guid.NewGuid().ToString();
        var checksum = MigrationChecksum.Compute(script.Span);
        var startedAt = DateTimeOffset.UtcNow;
        if (MigrationTransaction.CanWrap(text))
        {
            return await ApplyInOneTransactionAsync(connection, table, migrationName, text, id, checksum, startedAt, cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = new NpgsqlCommand($"""INSERT INTO {table} ("id", "checksum", "started_at", "migration_name") VALUES ($1, $2, $3, $4)""", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            insert.Parameters.Add(new NpgsqlParameter { Value = checksum });
            insert.Parameters.Add(new NpgsqlParameter { Value = startedAt });
            insert.Parameters.Add(new NpgsqlParameter { Value = migrationName });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await ExecuteScriptAsync(connection, text, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            await using (var update = new NpgsqlCommand($"""UPDATE {table} SET "logs" = $1 WHERE "id" = $2""", connection))
            {
                update.Parameters.Add(new NpgsqlParameter { Value = Logs(migrationName, e) });
                update.Parameters.Add(new NpgsqlParameter { Value = id });
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            throw Failed(migrationName, e);
        }

        // Two updates, as Prisma records a successful step and then the finish.
        await using (var step = new NpgsqlCommand($"""UPDATE {table} SET "applied_steps_count" = "applied_steps_count" + 1 WHERE "id" = $1""", connection))
        {
            step.Parameters.Add(new NpgsqlParameter { Value = id });
            await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var finishedAt = DateTimeOffset.UtcNow;
        await using (var finish = new NpgsqlCommand($"""UPDATE {table} SET "finished_at" = $1 WHERE "id" = $2""", connection))
        {
            finish.Parameters.Add(new NpgsqlParameter { Value = finishedAt });
            finish.Parameters.Add(new NpgsqlParameter { Value = id });
            await finish.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new MigrationRecord(id, checksum, finishedAt, migrationName, null, null, startedAt, 1);
    }

    // The row, the script and the finish in one transaction; a failing script leaves the failed row Prisma leaves.
    static async Task<MigrationRecord> ApplyInOneTransactionAsync(
        NpgsqlConnection connection, string table, string migrationName, string text, string id, string checksum, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        PostgresException failure;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await InsertAsync(connection, transaction, table, id, checksum, startedAt, migrationName, null, cancellationToken).ConfigureAwait(false);
                await using (var command = new NpgsqlCommand(text, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var finishedAt = DateTimeOffset.UtcNow;
                await using (var finish = new NpgsqlCommand($"""UPDATE {table} SET "applied_steps_count" = 1, "finished_at" = $1 WHERE "id" = $2""", connection, transaction))
                {
                    finish.Parameters.Add(new NpgsqlParameter { Value = finishedAt });
                    finish.Parameters.Add(new NpgsqlParameter { Value = id });
                    await finish.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new MigrationRecord(id, checksum, finishedAt, migrationName, null, null, startedAt, 1);
            }
            catch (PostgresException e) when (!e.IsTransient)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                failure = e;
            }
        }

        await InsertAsync(connection, null, table, id, checksum, startedAt, migrationName, Logs(migrationName, failure), cancellationToken).ConfigureAwait(false);
        throw Failed(migrationName, failure);
    }

    static async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, string id, string checksum, DateTimeOffset startedAt, string migrationName, string? logs, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand($"""INSERT INTO {table} ("id", "checksum", "started_at", "migration_name", "logs") VALUES ($1, $2, $3, $4, $5)""", connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        insert.Parameters.Add(new NpgsqlParameter { Value = checksum });
        insert.Parameters.Add(new NpgsqlParameter { Value = startedAt });
        insert.Parameters.Add(new NpgsqlParameter { Value = migrationName });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)logs ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // The logs Prisma writes for a failed script.
    static string Logs(string migrationName, PostgresException e) =>
        $"Migration name: {migrationName}\n\nDatabase error code: {e.SqlState}\n\nDatabase error:\n{e.Severity}: {e.MessageText}"
        + (e.Position > 0 ? $"\n\nPosition: {e.Position}" : "");

    static MigrationFailedException Failed(string migrationName, PostgresException e) => new(
        migrationName,
        e.SqlState,
        $"Migration {migrationName} failed (SQLSTATE {e.SqlState}: {e.MessageText}); none of its statements were kept. Fix migration.sql, or the migrations before it.",
        e);

    /// <summary>
    /// Runs a whole script in one round trip. Npgsql splits a parameterless multi-statement text into a batch
    /// ending in a single Sync, which PostgreSQL runs as one implicit transaction, as it would a simple query:
    /// a failure midway keeps nothing, and the script's own BEGIN/COMMIT still work.
    /// </summary>
    public static async Task ExecuteScriptAsync(NpgsqlConnection connection, string script, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(script))
        {
            return;
        }

        await using var command = new NpgsqlCommand(script, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
