using System.Globalization;
using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>
/// Reads a connection's <see cref="ServerIdentity"/> with SELECTs only (safe in a read-only transaction). PostgreSQL
/// checks the privilege on every function and catalog a statement names before running any of it, so one statement
/// cannot leave out what the role may not read: all parts are asked for at once, and only when that is refused are the
/// role's privileges asked first and the permitted parts read. An error of the server (a refusal, a function some
/// PostgreSQL-like server lacks) never fails the caller: the part is then unknown; only a lost connection propagates.
/// </summary>
internal static class ServerIdentityReader
{
    const string DatabaseOid = "(SELECT d.oid::bigint FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database())";
    const string SystemIdentifier = "(SELECT c.system_identifier::text FROM pg_catalog.pg_control_system() c)";
    const string StartedAt = "pg_catalog.pg_postmaster_start_time()";
    const string Port = "(SELECT s.setting FROM pg_catalog.pg_settings s WHERE s.name = 'port')";

    // A role without pg_read_all_settings simply does not see this row: NULL, no error.
    const string DataDirectory = "(SELECT s.setting FROM pg_catalog.pg_settings s WHERE s.name = 'data_directory')";

    /// <summary>The identity, or null when even the permitted parts could not be read. In a transaction, a savepoint keeps a refused read from aborting it.</summary>
    public static async Task<ServerIdentity?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadPartsAsync(connection, transaction, [DatabaseOid, SystemIdentifier, StartedAt, Port, DataDirectory], cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException)
        {
            // Refused (or a server without one of these functions): read what is permitted instead.
            if (transaction is not null)
            {
                await transaction.RollbackAsync("drifthooks_identity", cancellationToken).ConfigureAwait(false);
            }
        }

        try
        {
            var permitted = await PermittedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            return await ReadPartsAsync(
                connection,
                transaction,
                [
                    permitted.Database ? DatabaseOid : "NULL::bigint",
                    permitted.ControlSystem ? SystemIdentifier : "NULL::text",
                    permitted.StartTime ? StartedAt : "NULL::timestamptz",
                    permitted.Settings ? Port : "NULL::text",
                    permitted.Settings ? DataDirectory : "NULL::text",
                ],
                cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException)
        {
            // Nothing readable: the guard then cannot tell, and refuses; a read of production goes on without it.
            if (transaction is not null)
            {
                await transaction.RollbackAsync("drifthooks_identity", cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
    }

    static async Task<ServerIdentity> ReadPartsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string[] parts, CancellationToken cancellationToken)
    {
        var select = "SELECT pg_catalog.current_database(), " + string.Join(", ", parts);
        await using var command = new NpgsqlCommand((transaction is null ? "" : "SAVEPOINT drifthooks_identity; ") + select, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new ServerIdentity(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
            reader.IsDBNull(4) ? null : int.Parse(reader.GetString(4), NumberStyles.None, CultureInfo.InvariantCulture),
            reader.IsDBNull(5) ? null : reader.GetString(5));
    }

    static async Task<(bool Database, bool ControlSystem, bool StartTime, bool Settings)> PermittedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            (transaction is null ? "" : "SAVEPOINT drifthooks_identity; ")
            + """
            SELECT pg_catalog.has_table_privilege('pg_catalog.pg_database', 'SELECT'),
                   COALESCE(pg_catalog.has_function_privilege(pg_catalog.to_regprocedure('pg_catalog.pg_control_system()'), 'EXECUTE'), false),
                   COALESCE(pg_catalog.has_function_privilege(pg_catalog.to_regprocedure('pg_catalog.pg_postmaster_start_time()'), 'EXECUTE'), false),
                   pg_catalog.has_table_privilege('pg_catalog.pg_settings', 'SELECT')
            """,
            connection,
            transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
    }
}
