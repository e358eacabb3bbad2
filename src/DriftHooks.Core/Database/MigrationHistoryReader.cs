using DriftHooks.Core.Findings;
using DriftHooks.Core.SqlText;
using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>
/// Reads <c>_prisma_migrations</c> with SELECTs only, so that it is safe inside a read-only transaction.
/// Shared by <see cref="ReadOnlyDatabase"/> and <see cref="WritableDatabase"/>.
/// </summary>
internal static class MigrationHistoryReader
{
    /// <summary>
    /// Reads the history table in <paramref name="schema"/>; a missing table (or schema) is reported as
    /// <see cref="MigrationHistory.TableMissing"/>, not as an error. Database errors propagate as Npgsql exceptions.
    /// </summary>
    public static async Task<MigrationHistory> ReadAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(schema);

        // to_regclass answers NULL rather than failing when the table or its schema does not exist.
        await using (var exists = new NpgsqlCommand("SELECT to_regclass($1)::text", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = Sql.MigrationsTableIn(schema) });
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string)
            {
                return MigrationHistory.TableMissing(schema);
            }
        }

        // Prisma orders by started_at only; id breaks ties so that the order is stable.
        var select = $"""
            SELECT "id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count"
            FROM {Sql.MigrationsTableIn(schema)}
            ORDER BY "started_at" ASC, "id" ASC
            """;
        var records = new List<MigrationRecord>();
        await using var command = new NpgsqlCommand(select, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            RefuseMalformedRow(reader, schema, records.Count + 1);
            records.Add(new MigrationRecord(
                Id: reader.GetString(0),
                Checksum: reader.IsDBNull(1) ? null : reader.GetString(1),
                FinishedAt: reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                MigrationName: reader.GetString(3),
                Logs: reader.IsDBNull(4) ? null : reader.GetString(4),
                RolledBackAt: reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                StartedAt: reader.GetFieldValue<DateTimeOffset>(6),
                AppliedStepsCount: reader.GetInt32(7)));
        }

        return MigrationHistory.FromRecords(schema, records);
    }
    // Prisma declares these NOT NULL; a NULL means the table was altered and the row written by hand: say which row
    // and column (the checksum has its own finding, DH202), instead of failing inside the reader.
    private static readonly (int Ordinal, string Column)[] RequiredColumns = [(0, "id"), (3, "migration_name"), (6, "started_at"), (7, "applied_steps_count")];

    private static void RefuseMalformedRow(NpgsqlDataReader reader, string schema, int row)
    {
        foreach (var (ordinal, column) in RequiredColumns)
        {
            if (reader.IsDBNull(ordinal))
            {
                var name = reader.IsDBNull(3) ? "(no name)" : "'" + reader.GetString(3) + "'";
                throw new ConfigurationException(
                    $"Row {row} of {schema}._prisma_migrations (ordered by started_at; migration {name}) has no {column} (NULL), which Prisma's table " +
                    $"declares NOT NULL: the table was altered and the row written by hand. Put the value back or delete that row " +
                    $"(e.g. psql: DELETE FROM \"{schema}\"._prisma_migrations WHERE \"{column}\" IS NULL;), then run the command again.");
            }
        }
    }
}
