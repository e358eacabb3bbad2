using System.Text;
using DriftHooks.Core.Tests.Support;
using Npgsql;

namespace DriftHooks.EndToEnd.Tests.Support;

/// <summary>
/// A committed Prisma project with a local and a production database, each with the first N migrations applied as
/// Prisma applies them. Production is on a server of its own, as in real life: DriftHooks refuses to write anything
/// on production's server, whatever the database.
/// </summary>
internal sealed class CompanionScenario : IDisposable
{
    private CompanionScenario(TestRepository repository, PostgresServer server, PostgresServer productionServer, TestDatabase local, TestDatabase production)
    {
        Repository = repository;
        Server = server;
        ProductionServer = productionServer;
        Local = local;
        Production = production;
    }

    public TestRepository Repository { get; }

    /// <summary>The developer's server, holding <see cref="Local"/>.</summary>
    public PostgresServer Server { get; }

    /// <summary>Production's server, holding <see cref="Production"/>.</summary>
    public PostgresServer ProductionServer { get; }

    public TestDatabase Local { get; }

    public TestDatabase Production { get; }

    public static async Task<CompanionScenario> CreateAsync(int committed, int production, int local)
    {
        var server = await PostgresServer.SharedAsync();
        var productionServer = await PostgresServer.OtherAsync();
        var s = new CompanionScenario(new TestRepository(), server, productionServer, await server.CreateDatabaseAsync(), await productionServer.CreateDatabaseAsync());
        s.Repository.Write("prisma/schema.prisma", TestRepository.Datasource + "model T1 {\n  id Int @id @default(autoincrement())\n}\n");
        s.Repository.Write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        for (var i = 1; i <= committed; i++)
        {
            s.Repository.Write($"prisma/migrations/{PushScenario.Name(i)}/migration.sql", PushScenario.Script(i));
        }

        s.Repository.CommitAllWithoutHooks();
        s.Repository.Environment["DATABASE_URL"] = s.Local.PrismaUrl;
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = s.Production.PrismaUrl;
        await PrismaMigrator.ApplyAsync(s.Production.PrismaUrl, Migrations(production));
        await PrismaMigrator.ApplyAsync(s.Local.PrismaUrl, Migrations(local));
        return s;
    }

    public Task ApplyProductionAsync(string name, string script) =>
        PrismaMigrator.ApplyAsync(Production.PrismaUrl, [new PrismaMigrator.Migration(name, Encoding.UTF8.GetBytes(script))]);

    private static IEnumerable<PrismaMigrator.Migration> Migrations(int count) =>
        Enumerable.Range(1, count).Select(i => new PrismaMigrator.Migration(PushScenario.Name(i), Encoding.UTF8.GetBytes(PushScenario.Script(i))));

    /// <summary>Every column of every history row, as text, in start order.</summary>
    public async Task<IReadOnlyList<HistoryRow>> RowsAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT id, checksum, finished_at::text, migration_name, logs, rolled_back_at::text, started_at::text, applied_steps_count FROM "_prisma_migrations" ORDER BY started_at, id""",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<HistoryRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new HistoryRow(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetInt32(7)));
        }

        return rows;
    }

    public void Dispose() => Repository.Dispose();
}

internal sealed record HistoryRow(string Id, string Checksum, string? FinishedAt, string Name, string? Logs, string? RolledBackAt, string StartedAt, int Steps)
{
    public bool Finished => FinishedAt is not null;

    public bool RolledBack => RolledBackAt is not null;
}
