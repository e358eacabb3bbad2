using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

/// <summary>
/// The history comparison against the real Prisma (../shared/prisma-oracle) on the same folder and database.
/// Where Prisma's CLI says "up to date" although its engine diagnoses a problem (an edited applied migration, a
/// database ahead of the folder), DriftHooks must agree with the engine's diagnosis and block.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class HistoryComparisonOracleTests
{
    private const int Count = 6;
    private static string Documenso => Path.Combine(SharedFolder.Corpus, "documenso");
    private static readonly Dictionary<string, string> EngineDebug = new() { ["DEBUG"] = "prisma:schemaEngine*" };

    [Test]
    public async Task In_sync_both_say_up_to_date()
    {
        var (prisma, ours) = await CompareAsync(applied: Count, folder: Count);
        Assert.That(prisma.ExitCode, Is.Zero, prisma.Output);
        Assert.That(prisma.Output, Does.Contain("Database schema is up to date!"));
        Assert.That(ours.Select(s => s.State), Is.All.EqualTo(MigrationState.Applied));
    }

    [Test]
    public async Task Pending_both_name_the_unapplied_migration()
    {
        var (prisma, ours) = await CompareAsync(applied: Count - 1, folder: Count);
        var last = ours[^1];
        Assert.That(prisma.ExitCode, Is.EqualTo(1), prisma.Output);
        Assert.That(prisma.Output, Does.Contain("not yet been applied").And.Contain(last.Name));
        Assert.That(last.State, Is.EqualTo(MigrationState.Pending));
        Assert.That(ours.Take(Count - 1).Select(s => s.State), Is.All.EqualTo(MigrationState.Applied));
    }

    [Test]
    public async Task Failed_both_report_the_failed_migration()
    {
        var (prisma, ours) = await CompareAsync(applied: Count - 1, folder: Count, prepare: async (url, migrations) =>
            await PrismaMigrator.InsertFailedAsync(url, migrations[^1].Name, MigrationChecksum.Compute(migrations[^1].Script)));
        Assert.That(prisma.ExitCode, Is.EqualTo(1), prisma.Output);
        Assert.That(prisma.Output, Does.Contain("failed").IgnoreCase.And.Contain(ours[^1].Name));
        Assert.That(ours[^1].State, Is.EqualTo(MigrationState.Failed));
    }

    [Test]
    public async Task Edited_after_apply_the_engine_diagnoses_it_and_so_do_we()
    {
        var (prisma, ours) = await CompareAsync(applied: Count, folder: Count, editFolder: 2);
        var edited = ours[2];
        Assert.That(prisma.Output, Does.Contain("editedMigrationNames").And.Contain(edited.Name), "the engine's diagnosis");
        Assert.That(edited.State, Is.EqualTo(MigrationState.Modified));
        Assert.That(HistoryComparison.Findings(new(ours, "production", "the test", new PrismaProject("prisma/schema.prisma", false, "prisma/migrations"), PrismaAt: "")).Select(f => f.Code), Does.Contain(PushRuleCodes.ModifiedAfterApply));
    }

    [Test]
    public async Task Database_ahead_of_the_folder_the_engine_diagnoses_it_and_so_do_we()
    {
        var (prisma, ours) = await CompareAsync(applied: Count, folder: Count - 1);
        Assert.That(prisma.Output, Does.Contain("migrationsDirectoryIsBehind").IgnoreCase, "the engine's diagnosis");
        Assert.That(ours[^1].State, Is.EqualTo(MigrationState.MissingLocally));
        Assert.That(HistoryComparison.Findings(new(ours, "production", "the test", new PrismaProject("prisma/schema.prisma", false, "prisma/migrations"), PrismaAt: "")).Select(f => f.Code), Does.Contain(PushRuleCodes.MissingLocally));
    }

    [Test]
    public async Task A_failed_attempt_beside_a_finished_row_stops_prisma_deploy_and_blocks_us()
    {
        var failedIndex = 2;
        var (prisma, ours) = await CompareAsync(applied: Count - 1, folder: Count, prepare: async (url, migrations) =>
            await PrismaMigrator.InsertFailedAsync(url, migrations[failedIndex].Name, MigrationChecksum.Compute(migrations[failedIndex].Script)));
        var name = ours[failedIndex].Name;
        Assert.That(prisma.Output, Does.Contain(name), "migrate status names the failed attempt");
        Assert.That(ours[failedIndex].State, Is.EqualTo(MigrationState.Failed));
        Assert.That(ours[failedIndex].AlsoFinished, Is.True);
    }

    [Test]
    public async Task Prisma_deploy_refuses_a_failed_attempt_beside_a_finished_row_until_the_attempt_is_marked_rolled_back()
    {
        if (PrismaOracle.Unavailable() is { } why)
        {
            Assert.Ignore(why);
        }

        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        var all = PrismaMigrator.Load(Path.Combine(Documenso, "migrations"), Count);
        await PrismaMigrator.ApplyAsync(database.PrismaUrl, all.Take(Count - 1));
        await PrismaMigrator.InsertFailedAsync(database.PrismaUrl, all[2].Name, MigrationChecksum.Compute(all[2].Script));
        var copy = PrismaOracle.CopyMigrations(Path.Combine(Documenso, "migrations"), Count);
        try
        {
            var schema = Path.Combine(Documenso, "schema.prisma");
            var deploy = await PrismaOracle.RunAsync(database.PrismaUrl, schema, copy, "migrate", "deploy");
            Assert.That(deploy.ExitCode, Is.Not.Zero, deploy.Output);
            Assert.That(deploy.Output, Does.Contain("P3009").And.Contain(all[2].Name));

            // The fix DriftHooks prints is `migrate resolve --rolled-back`, which (prisma-engines'
            // mark_migration_rolled_back; the oracle cannot run resolve, it needs the native engine) sets rolled_back_at
            // on the unfinished rows of that name and keeps the finished one. Do that, and Prisma deploys again.
            Assert.That(await PrismaMigrator.MarkRolledBackAsync(database.PrismaUrl, all[2].Name), Is.EqualTo(1), "the failed attempt, not the finished row");
            var again = await PrismaOracle.RunAsync(database.PrismaUrl, schema, copy, "migrate", "deploy");
            Assert.That(again.ExitCode, Is.Zero, again.Output);

            await using var production = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(database.PrismaUrl));
            var repository = all.Select(m => new RepositoryMigration(m.Name, m.Script)).ToList();
            Assert.That(HistoryComparison.Compare(repository, (await production.ReadMigrationHistoryAsync()).Records).Select(s => s.State), Is.All.EqualTo(MigrationState.Applied));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static async Task<(PrismaOracle.Result Prisma, IReadOnlyList<MigrationStatus> Ours)> CompareAsync(
        int applied, int folder, int? editFolder = null, Func<string, IReadOnlyList<PrismaMigrator.Migration>, Task>? prepare = null)
    {
        if (PrismaOracle.Unavailable() is { } why)
        {
            Assert.Ignore(why);
        }

        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        var all = PrismaMigrator.Load(Path.Combine(Documenso, "migrations"), Count);
        await PrismaMigrator.ApplyAsync(database.PrismaUrl, all.Take(applied));
        if (prepare is not null)
        {
            await prepare(database.PrismaUrl, all);
        }

        var copy = PrismaOracle.CopyMigrations(Path.Combine(Documenso, "migrations"), folder);
        try
        {
            if (editFolder is { } index)
            {
                File.AppendAllText(Path.Combine(copy, all[index].Name, "migration.sql"), "\n-- edited after it was applied\n");
            }

            var prisma = await PrismaOracle.RunAsync(database.PrismaUrl, Path.Combine(Documenso, "schema.prisma"), copy, EngineDebug, "migrate", "status");
            var repository = Directory.GetDirectories(copy)
                .Select(d => new RepositoryMigration(Path.GetFileName(d), File.ReadAllBytes(Path.Combine(d, "migration.sql"))))
                .ToList();
            await using var production = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(database.PrismaUrl));
            var history = await production.ReadMigrationHistoryAsync();
            return (prisma, HistoryComparison.Compare(repository, history.Records));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
