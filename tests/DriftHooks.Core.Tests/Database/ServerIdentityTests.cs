using System.Text;
using DriftHooks.Core.Database;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Database;

/// <summary>Server identities read from a real PostgreSQL, remembered, and used by the guard that opens writable connections.</summary>
public sealed class ServerIdentityTests
{
    [Test]
    public async Task A_superuser_reads_every_part_and_two_databases_of_one_server_differ_only_in_name_and_oid_and_share_the_server()
    {
        var server = await PostgresServer.SharedAsync();
        var first = await server.CreateDatabaseAsync();
        var second = await server.CreateDatabaseAsync();
        var a = await ReadAsync(first.PrismaUrl);
        var b = await ReadAsync(second.PrismaUrl);

        Assert.That(a.DatabaseName, Is.EqualTo(first.Name));
        Assert.That(a.SystemIdentifier, Is.EqualTo((await server.QueryScalarAsync("postgres", "SELECT system_identifier::text FROM pg_control_system()"))!.ToString()));
        Assert.That(a.Port, Is.EqualTo(int.Parse((string)(await server.QueryScalarAsync("postgres", "SHOW port"))!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That((a.StartedAt, a.DataDirectory, a.DatabaseOid), Is.Not.EqualTo(((DateTimeOffset?)null, (string?)null, (long?)null)));
        Assert.That(b with { DatabaseName = a.DatabaseName, DatabaseOid = a.DatabaseOid }, Is.EqualTo(a));
        Assert.That(IdentityComparison.Compare(b, a, productionReadNow: true).Verdict, Is.EqualTo(IdentityVerdict.SameServer));
    }

    [Test]
    public async Task A_role_refused_the_control_functions_still_reads_what_it_may_and_the_transaction_goes_on()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(database.PrismaUrl, [new PrismaMigrator.Migration("20240101000000_init", Encoding.UTF8.GetBytes("CREATE TABLE \"T\" (\"id\" int);\n"))]);
        var role = await server.CreateRoleAsync();

        // Function privileges live in each database's own catalog: this changes nothing for other tests.
        await server.ExecuteAsync(database.Name, $"""
            REVOKE EXECUTE ON FUNCTION pg_catalog.pg_control_system() FROM PUBLIC;
            REVOKE EXECUTE ON FUNCTION pg_catalog.pg_postmaster_start_time() FROM PUBLIC;
            GRANT SELECT ON "_prisma_migrations" TO {PostgresServer.Quote(role.Name)};
            """);
        var url = DatabaseUrl.Parse(server.PrismaUrl(database.Name, role.Name, role.Password));

        await using var readOnly = await ReadOnlyDatabase.OpenAsync(url);
        var identity = await readOnly.ReadIdentityAsync(rememberIn: null);
        Assert.That(identity, Is.Not.Null);
        Assert.That((identity!.DatabaseName, identity.SystemIdentifier, identity.StartedAt, identity.DataDirectory), Is.EqualTo((database.Name, (string?)null, (DateTimeOffset?)null, (string?)null)));
        Assert.That(identity.DatabaseOid, Is.Not.Null);
        Assert.That((await readOnly.ReadMigrationHistoryAsync()).Records, Has.Count.EqualTo(1), "the refused read did not abort the read-only transaction");

        // Production read by the superuser, the same database reached by the restricted role: the servers cannot be
        // told apart and the name, oid and port are production's, so the guard refuses, confirmed or not.
        var production = await ReadAsync(database.PrismaUrl);
        foreach (var confirmed in new[] { false, true })
        {
            var guard = new ProductionGuard(production, [], null, confirmed, null);
            var error = (await Assert.ThrowsAsync<TargetIsProductionException>(() => WritableDatabase.OpenAsync(url, guard)))!;
            Assert.That(error.Message, Does.Contain(ProductionGuard.ConfirmFlag + " does not settle that").And.Contain("database oid"));
        }
    }

    [Test]
    public async Task Production_s_identity_is_remembered_once_per_database_and_read_back()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        var state = Directory.CreateTempSubdirectory("drifthooks-state-").FullName;
        try
        {
            var url = DatabaseUrl.Parse(database.PrismaUrl);
            for (var i = 0; i < 2; i++)
            {
                await using var production = await ReadOnlyDatabase.OpenAsync(url);
                await production.ReadIdentityAsync(state);
            }

            var remembered = ProductionIdentities.Read(state).Single();
            Assert.That(remembered.Identity, Is.EqualTo(await ReadAsync(database.PrismaUrl)));
            Assert.That(remembered.Url, Is.EqualTo(url.Redacted));
            Assert.That(File.ReadAllText(ProductionIdentities.PathFor(state)), Does.Not.Contain(server.SuperPassword));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Test]
    public async Task The_guard_opens_a_database_of_another_server_and_refuses_production_and_every_other_database_of_its_server()
    {
        var server = await PostgresServer.SharedAsync();
        var production = await server.CreateDatabaseAsync();
        var neighbour = await server.CreateDatabaseAsync();
        var local = await (await PostgresServer.OtherAsync()).CreateDatabaseAsync();
        var guard = await ProductionGuard.PrepareAsync(new ProductionReference(DatabaseUrl.Parse(production.PrismaUrl), new DatabaseConnectionOptions(), null, false));

        await using (var writable = await WritableDatabase.OpenAsync(DatabaseUrl.Parse(local.PrismaUrl), guard))
        {
            await writable.EnsureMigrationsTableAsync();
        }

        var spelled = DatabaseUrl.Parse(production.PrismaUrl.Replace("@127.0.0.1:", "@127.1:", StringComparison.Ordinal));
        await Assert.ThrowsAsync<TargetIsProductionException>(() => WritableDatabase.OpenAsync(spelled, guard));
        var beside = (await Assert.ThrowsAsync<TargetIsProductionException>(() => WritableDatabase.OpenAsync(DatabaseUrl.Parse(neighbour.PrismaUrl), guard)))!;
        Assert.That(beside.Message, Does.Contain("production's server").And.Contain(neighbour.Name));
        Assert.That(await server.QueryScalarAsync(production.Name, "SELECT to_regclass('_prisma_migrations')::text"), Is.EqualTo(DBNull.Value));
        Assert.That(await server.QueryScalarAsync(neighbour.Name, "SELECT to_regclass('_prisma_migrations')::text"), Is.EqualTo(DBNull.Value));
    }

    static async Task<ServerIdentity> ReadAsync(string url)
    {
        await using var database = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(url));
        return (await database.ReadIdentityAsync(rememberIn: null))!;
    }
}
