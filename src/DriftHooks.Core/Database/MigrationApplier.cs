using System.Text;
using DriftHooks.Core.Prisma;
using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>
/// Applies one migration the way Prisma's <c>migrate deploy</c> does on PostgreSQL: insert the row (uuid id,
/// checksum, started_at), run the whole script as one batch, then count the step and set finished_at. On failure
/// the row keeps finished_at null and gets the error in <c>logs</c>, as Prisma leaves it.
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

        var table = Sql.MigrationsTableIn(schema);
        var id = Guid.NewGuid().ToString();
        var checksum = MigrationChecksum.Compute(script.Span);
        var startedAt = DateTimeOffset.UtcNow;

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
            var logs = $"Migration name: {migrationName}\n\nDatabase error code: {e.SqlState}\n\nDatabase error:\n{e.Severity}: {e.MessageText}"
                + (e.Position > 0 ? $"\n\nPosition: {e.Position}" : "");
            await using (var update = new NpgsqlCommand($"""UPDATE {table} SET "logs" = $1 WHERE "id" = $2""", connection))
            {
                update.Parameters.Add(new NpgsqlParameter { Value = logs });
                update.Parameters.Add(new NpgsqlParameter { Value = id });
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            throw new MigrationFailedException(
                migrationName,
                e.SqlState,
                $"Migration {migrationName} failed (SQLSTATE {e.SqlState}: {e.MessageText}); none of its statements were kept. Fix migration.sql, or the migrations before it.",
                e);
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
