using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Tests.Support;
using Npgsql;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Database;

/// <summary>Every way of not reaching the history becomes exit code 3 with one clear, password-free paragraph.</summary>
public sealed class DatabaseFailureTests
{
    const string WrongPassword = "Wr0ng:p@ss/word";

    static async Task<ResourceUnavailableException> FailsAsync(string url, DatabaseConnectionOptions? options = null)
    {
        var error = (await Assert.ThrowsAsync<ResourceUnavailableException>(async () =>
        {
            await using var database = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(url), options);
            await database.ReadMigrationHistoryAsync();
        }))!;
        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.ResourceUnavailable));
        foreach (var secret in new[] { WrongPassword, Uri.EscapeDataString(WrongPassword) })
        {
            Assert.That(error.Message, Does.Not.Contain(secret));
        }

        TestContext.Out.WriteLine(error.Message);
        return error;
    }

    [Test]
    public async Task Wrong_password()
    {
        var server = await PostgresServer.SharedAsync();
        var error = await FailsAsync(server.PrismaUrl("postgres", PostgresServer.SuperUser, WrongPassword));
        Assert.That(error.Message, Does.Contain("28P01").And.Contain("refused the password"));
    }

    [Test]
    public async Task Database_does_not_exist()
    {
        var server = await PostgresServer.SharedAsync();
        var error = await FailsAsync(server.PrismaUrl("no_such_database"));
        Assert.That(error.Message, Does.Contain("3D000").And.Contain("no_such_database"));
        Assert.That(error.Message, Does.Not.Contain(server.SuperPassword));
    }

    [Test]
    public async Task Connection_refused()
    {
        var error = await FailsAsync($"postgresql://u:{Uri.EscapeDataString(WrongPassword)}@127.0.0.1:{PostgresServer.FreePort()}/db");
        Assert.That(error.Message, Does.Contain("refused"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task Unknown_host()
    {
        var error = await FailsAsync($"postgresql://u:{Uri.EscapeDataString(WrongPassword)}@no-such-host.invalid:5432/db");
        Assert.That(error.Message, Does.Contain("could not be resolved").Or.Contain("did not answer"));
    }

    [Test]
    public async Task Silent_server_fails_within_the_connect_timeout()
    {
        // Accepts connections and never says a word.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    accepted.Add(await listener.AcceptSocketAsync());
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var watch = Stopwatch.StartNew();
        var error = await FailsAsync($"postgresql://u:{Uri.EscapeDataString(WrongPassword)}@127.0.0.1:{port}/db", new DatabaseConnectionOptions { ConnectTimeout = TimeSpan.FromSeconds(1) });
        watch.Stop();
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)));
        Assert.That(error.Message, Does.Contain("did not answer within 1 s"));
        foreach (var socket in accepted)
        {
            socket.Dispose();
        }
    }

    [Test]
    public async Task Statement_timeout_is_bounded()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        await PrismaMigrator.EnsureTableAsync(database.PrismaUrl);

        // Another session holds the table, as a running migrate deploy might.
        await using var locker = new NpgsqlConnection(database.ConnectionString);
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE \"_prisma_migrations\" IN ACCESS EXCLUSIVE MODE", locker, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        var error = await FailsAsync(database.PrismaUrl, new DatabaseConnectionOptions { StatementTimeout = TimeSpan.FromMilliseconds(500) });
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)));
        Assert.That(error.Message, Does.Contain("57014"));
    }

    [Test]
    public async Task Permission_denied_on_the_table()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        await PrismaMigrator.EnsureTableAsync(database.PrismaUrl);
        var role = await server.CreateRoleAsync();
        var error = await FailsAsync(server.PrismaUrl(database.Name, role.Name, role.Password));
        Assert.That(error.Message, Does.Contain("42501").And.Contain("Grant"));
        Assert.That(error.Message, Does.Not.Contain(role.Password).And.Not.Contain(Uri.EscapeDataString(role.Password)));
    }

    [Test]
    public async Task Tls_required_but_server_has_none()
    {
        var server = await PostgresServer.SharedAsync();
        if (server.IsContainer)
        {
            Assert.Ignore("The container's TLS set-up differs.");
        }

        var error = await FailsAsync(server.PrismaUrl("postgres", query: "sslmode=require"));
        Assert.That(error.Message, Does.Contain("TLS"));
    }

    [Test]
    public async Task No_password_in_url_does_not_fall_back_to_PGPASSWORD()
    {
        var server = await PostgresServer.SharedAsync();
        var url = $"postgresql://{PostgresServer.SuperUser}@{server.Host}:{server.Port}/postgres";
        var saved = Environment.GetEnvironmentVariable("PGPASSWORD");
        Environment.SetEnvironmentVariable("PGPASSWORD", server.SuperPassword);
        try
        {
            var error = await FailsAsync(url);
            Assert.That(error.Message, Does.Contain("asked for a password and the URL has none"));

            // Only when the caller opts in does the environment's password count.
            await using var database = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(url), new DatabaseConnectionOptions { AllowEnvironmentPassword = true });
            Assert.That((await database.ReadMigrationHistoryAsync()).TableExists, Is.False);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PGPASSWORD", saved);
        }
    }
}
