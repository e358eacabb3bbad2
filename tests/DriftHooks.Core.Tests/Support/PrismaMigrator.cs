using DriftHooks.Core.Database;
using Npgsql;

namespace DriftHooks.Core.Tests.Support;

/// <summary>
/// Puts a database in the state Prisma's <c>migrate deploy</c> leaves it in, by calling the product's own
/// <see cref="WritableDatabase"/>/<see cref="MigrationApplier"/> (checked against the real Prisma in
/// PrismaOracleTests), plus helpers that write the unusual rows Prisma leaves behind.
/// </summary>
internal static class PrismaMigrator
{
    /// <summary>
    /// The guard a test fixture writes its databases through: no production configured, none remembered. Fixtures stand
    /// in for Prisma's own deploy, which writes production too; the product's commands get their guard from the repository.
    /// </summary>
    public static Task<ProductionGuard> FixtureGuardAsync() =>
        ProductionGuard.PrepareAsync(new ProductionReference(null, new DatabaseConnectionOptions(), null, false));

    // Shown to the server as this application, so that a statement log tells the fixture's writes (standing in for
    // Prisma's) from DriftHooks's own.
    static DatabaseConnectionOptions Options => new() { StatementTimeout = TimeSpan.FromMinutes(2), ApplicationName = "prisma-fixture" };

    /// <summary>A migration as it sits on disk: the folder name and the bytes of <c>migration.sql</c>.</summary>
    public sealed record Migration(string Name, byte[] Script);

    /// <summary>The migration folders under <paramref name="migrationsDirectory"/>, sorted by name as Prisma sorts them.</summary>
    public static IReadOnlyList<Migration> Load(string migrationsDirectory, int? take = null)
    {
        var folders = Directory.GetDirectories(migrationsDirectory)
            .Where(d => File.Exists(Path.Combine(d, "migration.sql")))
            .OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal)
            .Take(take ?? int.MaxValue);
        return [.. folders.Select(d => new Migration(Path.GetFileName(d), File.ReadAllBytes(Path.Combine(d, "migration.sql"))))];
    }

    /// <summary>Applies the migrations in order, as Prisma does; returns the rows written.</summary>
    public static async Task<IReadOnlyList<MigrationRecord>> ApplyAsync(string url, IEnumerable<Migration> migrations)
    {
        await using var database = await WritableDatabase.OpenAsync(DatabaseUrl.Parse(url), await FixtureGuardAsync(), Options);
        var records = new List<MigrationRecord>();
        foreach (var migration in migrations)
        {
            records.Add(await database.ApplyMigrationAsync(migration.Name, migration.Script));
        }

        return records;
    }

    /// <summary>Creates Prisma's history table (and the schema) if missing.</summary>
    public static async Task EnsureTableAsync(string url)
    {
        await using var database = await WritableDatabase.OpenAsync(DatabaseUrl.Parse(url), await FixtureGuardAsync(), Options);
        await database.EnsureMigrationsTableAsync();
    }

    /// <summary>A row as Prisma leaves a failed migration: started, finished_at null, logs set, no step counted.</summary>
    public static Task<string> InsertFailedAsync(string url, string name, string checksum, string logs = "Database error: boom") =>
        InsertAsync(url, name, checksum, finished: false, rolledBack: false, logs, appliedSteps: 0);

    /// <summary>A row as <c>migrate resolve --rolled-back</c> leaves it: failed, then rolled_back_at set.</summary>
    public static Task<string> InsertRolledBackAsync(string url, string name, string checksum, string logs = "Database error: boom") =>
        InsertAsync(url, name, checksum, finished: false, rolledBack: true, logs, appliedSteps: 0);

    /// <summary>A successfully applied row with any checksum (e.g. an edited script, or an old unpadded value).</summary>
    public static Task<string> InsertAppliedAsync(string url, string name, string checksum) =>
        InsertAsync(url, name, checksum, finished: true, rolledBack: false, logs: null, appliedSteps: 1);

    static async Task<string> InsertAsync(string url, string name, string checksum, bool finished, bool rolledBack, string? logs, int appliedSteps)
    {
        await EnsureTableAsync(url);
        await using var database = await WritableDatabase.OpenAsync(DatabaseUrl.Parse(url), await FixtureGuardAsync(), Options);
        var id = Guid.NewGuid().ToString();
        var table = PostgresServer.Quote(database.Url.Schema) + ".\"_prisma_migrations\"";
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {table} ("id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count")
            VALUES ($1, $2, CASE WHEN $3 THEN clock_timestamp() END, $4, $5, CASE WHEN $6 THEN clock_timestamp() END, clock_timestamp(), $7)
            """,
            database.Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = checksum });
        command.Parameters.Add(new NpgsqlParameter { Value = finished });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)logs ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rolledBack });
        command.Parameters.Add(new NpgsqlParameter { Value = appliedSteps });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>
    /// What <c>prisma migrate resolve --rolled-back</c> does (prisma-engines' <c>mark_migration_rolled_back</c>): the
    /// unfinished rows of that migration get <c>rolled_back_at</c>; a finished row is kept. For tests that follow such a
    /// fix where the oracle cannot run resolve; returns the rows marked.
    /// </summary>
    public static async Task<int> MarkRolledBackAsync(string url, string name)
    {
        await using var database = await WritableDatabase.OpenAsync(DatabaseUrl.Parse(url), await FixtureGuardAsync(), Options);
        var table = PostgresServer.Quote(database.Url.Schema) + ".\"_prisma_migrations\"";
        await using var command = new NpgsqlCommand(
            $"UPDATE {table} SET \"rolled_back_at\" = now() WHERE \"migration_name\" = $1 AND \"finished_at\" IS NULL AND \"rolled_back_at\" IS NULL",
            database.Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await command.ExecuteNonQueryAsync();
    }
}
