using System.Text;
using DriftHooks.Core.Database;
using DriftHooks.Core.Tests.Support;
using Npgsql;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Database;

public sealed class ReadOnlyDatabaseTests
{
    static readonly PrismaMigrator.Migration[] Migrations =
    [
        new("20240101000000_init", Encoding.UTF8.GetBytes("CREATE TABLE \"User\" (\"id\" SERIAL PRIMARY KEY, \"email\" TEXT NOT NULL);\n")),
        new("20240102000000_posts", Encoding.UTF8.GetBytes("CREATE TABLE \"Post\" (\"id\" SERIAL PRIMARY KEY);\r\nCREATE INDEX \"Post_id_idx\" ON \"Post\"(\"id\");\r\n")),
    ];

    [Test]
    public async Task Reads_the_history_prisma_wrote_in_order()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        var applied = await PrismaMigrator.ApplyAsync(database.PrismaUrl, Migrations);

        await using var readOnly = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(database.PrismaUrl));
        var history = await readOnly.ReadMigrationHistoryAsync();

        Assert.That(history.TableExists, Is.True);
        Assert.That(history.Schema, Is.EqualTo("public"));
        Assert.That(history.Records.Select(r => r.MigrationName), Is.EqualTo(Migrations.Select(m => m.Name)));
        Assert.That(history.Records.Select(r => r.Id), Is.EqualTo(applied.Select(r => r.Id)));
        Assert.That(history.Records.All(r => r.IsApplied && r.AppliedStepsCount == 1 && r.Logs is null), Is.True);
        Assert.That(history.Records[1].Checksum, Is.EqualTo(Core.Prisma.MigrationChecksum.Compute(Migrations[1].Script)));
    }

    [Test]
    public async Task Missing_table_is_reported_as_such()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        await using var readOnly = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(database.PrismaUrl));
        var history = await readOnly.ReadMigrationHistoryAsync();
        Assert.That(history.TableExists, Is.False);
        Assert.That(history.Records, Is.Empty);
    }

    [Test]
    public async Task Really_refuses_writes()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(database.PrismaUrl, Migrations);

        await using var readOnly = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(database.PrismaUrl));
        await readOnly.ReadMigrationHistoryAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO \"User\" (\"email\") VALUES ('x')", readOnly.Connection, readOnly.Transaction);
        var error = (await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync()))!;
        Assert.That(error.SqlState, Is.EqualTo(PostgresErrorCodes.ReadOnlySqlTransaction));
    }

    [Test]
    public async Task Sends_only_reads_after_setting_the_transaction_read_only()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(database.PrismaUrl, Migrations);
        var before = (await server.ReadStatementLogAsync()).Count - 1;

        await using (var readOnly = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(database.PrismaUrl)))
        {
            await readOnly.ReadMigrationHistoryAsync();
        }

        var ours = SessionLines((await server.ReadStatementLogAsync()).Skip(before), database.Name);
        Assert.That(ours, Is.Not.Empty);
        var writes = new[] { "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "TRUNCATE", "GRANT", "COPY", "MERGE" };
        Assert.That(ours.Where(l => writes.Any(w => l.Contains(w, StringComparison.OrdinalIgnoreCase))), Is.Empty, string.Join('\n', ours));

        var setReadOnly = ours.FindIndex(l => l.Contains("SET TRANSACTION READ ONLY", StringComparison.Ordinal));
        var select = ours.FindIndex(l => l.Contains("FROM \"public\".\"_prisma_migrations\"", StringComparison.Ordinal));
        Assert.That(setReadOnly, Is.GreaterThanOrEqualTo(0), string.Join('\n', ours));
        Assert.That(select, Is.GreaterThan(setReadOnly), string.Join('\n', ours));
        Assert.That(ours.Any(l => l.Contains("statement_timeout", StringComparison.Ordinal)), Is.True);
    }

    // The reader's session, continuation lines of multi-line statements included (they carry no prefix).
    static List<string> SessionLines(IEnumerable<string> log, string database)
    {
        var result = new List<string>();
        var inSession = false;
        foreach (var line in log)
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(line, @"^\d{4}-\d\d-\d\d "))
            {
                inSession = line.Contains("app=drifthooks ", StringComparison.Ordinal) && line.Contains($"db={database} ", StringComparison.Ordinal);
            }

            if (inSession)
            {
                result.Add(line);
            }
        }

        return result;
    }

    [Test]
    public async Task Schema_parameter_selects_where_the_table_lives()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        var other = database.PrismaUrl + "?schema=Other%20Schema";
        await PrismaMigrator.ApplyAsync(other, Migrations);

        await using (var readOther = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(other)))
        {
            var history = await readOther.ReadMigrationHistoryAsync();
            Assert.That(history.TableExists, Is.True);
            Assert.That(history.Schema, Is.EqualTo("Other Schema"));
            Assert.That(history.Records, Has.Count.EqualTo(2));
        }

        await using var readPublic = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(database.PrismaUrl));
        Assert.That((await readPublic.ReadMigrationHistoryAsync()).TableExists, Is.False);

        // The migrations themselves landed in that schema, as Prisma's search_path puts them.
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass('\"Other Schema\".\"User\"')::text", connection);
        Assert.That(await command.ExecuteScalarAsync(), Is.Not.Null.And.Not.EqualTo(DBNull.Value));
    }

    [Test]
    public async Task Password_with_special_characters_works_through_a_prisma_url()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(database.PrismaUrl, Migrations);
        var role = await server.CreateRoleAsync();
        await server.ExecuteAsync(database.Name, $"GRANT SELECT ON \"_prisma_migrations\" TO {PostgresServer.Quote(role.Name)}");

        var url = server.PrismaUrl(database.Name, role.Name, role.Password);
        Assert.That(url, Does.Contain("p%40ss%3Aw%2Frd%3F%23%25%26%3D"));
        await using var readOnly = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(url));
        Assert.That((await readOnly.ReadMigrationHistoryAsync()).Records, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Reads_failed_rolled_back_and_unpadded_rows()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        await PrismaMigrator.InsertFailedAsync(database.PrismaUrl, "a_failed", new string('a', 64), "boom");
        await PrismaMigrator.InsertRolledBackAsync(database.PrismaUrl, "b_rolled_back", new string('b', 64));
        await PrismaMigrator.InsertAppliedAsync(database.PrismaUrl, "c_old", "abc123");

        await using var readOnly = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(database.PrismaUrl));
        var records = (await readOnly.ReadMigrationHistoryAsync()).Records;
        Assert.That(records.Select(r => r.MigrationName), Is.EqualTo(new[] { "a_failed", "b_rolled_back", "c_old" }));
        Assert.That(records[0].IsFailed && records[0].Logs == "boom" && records[0].AppliedStepsCount == 0, Is.True);
        Assert.That(records[1].IsRolledBack && !records[1].IsFailed, Is.True);
        Assert.That(records[2].IsApplied && records[2].Checksum == "abc123", Is.True);
    }
}
