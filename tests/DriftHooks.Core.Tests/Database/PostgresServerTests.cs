using DriftHooks.Core.Tests.Support;
using Npgsql;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Database;

public sealed class PostgresServerTests
{
    [Test]
    public async Task Creates_databases_and_logs_statements()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT 'fixture-marker-1'", connection);
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("fixture-marker-1"));
        }

        var log = await server.ReadStatementLogAsync();
        Assert.That(log.Any(l => l.Contains("fixture-marker-1", StringComparison.Ordinal) && l.Contains($"db={database.Name}", StringComparison.Ordinal)), Is.True);
    }
}
