using System.Text;
using DriftHooks.Core.Database;
using DriftHooks.Core.Tests.Support;
using Npgsql;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Database;

public sealed class WritableDatabaseTests
{
    static async Task<bool> ExistsAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass($1)::text", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return await command.ExecuteScalarAsync() is string;
    }

    [Test]
    public async Task A_script_failing_midway_keeps_nothing_and_records_the_failure()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        const string Script = "CREATE TABLE \"first\" (x int);\nINSERT INTO \"first\" VALUES (1);\nCREATE TABLE \"second\" (y int);\nSELECT * FROM \"no_such_table\";\nCREATE TABLE \"third\" (z int);\n";

        await using var writable = await WritableDatabase.OpenAsync(DatabaseUrl.Parse(database.PrismaUrl), await PrismaMigrator.FixtureGuardAsync());
        var error = (await Assert.ThrowsAsync<MigrationFailedException>(() => writable.ApplyMigrationAsync("20240101000000_broken", Encoding.UTF8.GetBytes(Script))))!;
        Assert.That(error.SqlState, Is.EqualTo(PostgresErrorCodes.UndefinedTable));
        Assert.That(error.Message, Does.Contain("20240101000000_broken").And.Contain("42P01"));

        foreach (var table in new[] { "first", "second", "third" })
        {
            Assert.That(await ExistsAsync(database.ConnectionString, $"\"{table}\""), Is.False, table);
        }

        var row = (await writable.ReadMigrationHistoryAsync()).Records.Single();
        Assert.That(row.IsFailed, Is.True);
        Assert.That(row.AppliedStepsCount, Is.Zero);
        Assert.That(row.Logs, Does.Contain("42P01").And.Contain("no_such_table"));
    }

    [Test]
    public async Task A_script_with_its_own_transaction_and_dollar_quotes_applies()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        const string Script = """
            -- a comment; with a semicolon
            BEGIN;
            CREATE TABLE "t" (x int);
            CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
            COMMIT;
            """;
        await using var writable = await WritableDatabase.OpenAsync(DatabaseUrl.Parse(database.PrismaUrl), await PrismaMigrator.FixtureGuardAsync());
        var record = await writable.ApplyMigrationAsync("20240101000000_tx", Encoding.UTF8.GetBytes(Script));
        Assert.That(record.AppliedStepsCount, Is.EqualTo(1));
        Assert.That(await ExistsAsync(database.ConnectionString, "\"t\""), Is.True);
        var stored = (await writable.ReadMigrationHistoryAsync()).Records.Single();
        Assert.That(stored.IsApplied, Is.True);
        Assert.That(stored.Checksum, Is.EqualTo(Core.Prisma.MigrationChecksum.Compute(Encoding.UTF8.GetBytes(Script))));
    }

    [Test]
    public async Task Creates_the_history_table_exactly_once()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        await using var writable = await WritableDatabase.OpenAsync(DatabaseUrl.Parse(database.PrismaUrl), await PrismaMigrator.FixtureGuardAsync());
        await writable.EnsureMigrationsTableAsync();
        await writable.EnsureMigrationsTableAsync();
        var history = await writable.ReadMigrationHistoryAsync();
        Assert.That(history.TableExists, Is.True);
        Assert.That(history.Records, Is.Empty);
    }
}
