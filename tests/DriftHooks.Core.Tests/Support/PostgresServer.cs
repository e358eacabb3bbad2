using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Testcontainers.PostgreSql;

namespace DriftHooks.Core.Tests.Support;

/// <summary>
/// A real PostgreSQL server for the test run: a Testcontainers container when a Docker engine answers,
/// otherwise a throwaway cluster started with the local initdb/pg_ctl. Every statement is logged
/// (<c>log_statement=all</c>, prefix <c>app=%a db=%d user=%u</c>) so tests can check what was sent.
/// Get it with <see cref="SharedAsync"/>; <see cref="PostgresSetUp"/> stops it after the run.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string SuperUser = "postgres";
    const string LogLinePrefix = "%m [%p] app=%a db=%d user=%u ";

    static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    static readonly Lazy<Task<PostgresServer>> Other = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    static int _counter;

    readonly string? _root;
    readonly string? _binDirectory;
    readonly PostgreSqlContainer? _container;

    PostgresServer(string host, int port, string password, string? root, string? binDirectory, PostgreSqlContainer? container)
    {
        Host = host;
        Port = port;
        SuperPassword = password;
        _root = root;
        _binDirectory = binDirectory;
        _container = container;
    }

    public string Host { get; }

    public int Port { get; }

    public string SuperPassword { get; }

    public bool IsContainer => _container is not null;

    /// <summary>The folder of the server's Unix socket (local cluster only).</summary>
    public string? SocketDirectory => _root;

    /// <summary>The server's log file (local cluster only).</summary>
    public string? LogPath => _root is null ? null : Path.Combine(_root, "server.log");

    /// <summary>A connection string to the <c>postgres</c> database as the superuser.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    static bool RunningAsRoot => Environment.UserName == "root";

    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>
    /// A second server of its own (another cluster: another system identifier, port and statement log), for tests in
    /// which production and the developer's database must be different servers, as they are in real life.
    /// </summary>
    public static Task<PostgresServer> OtherAsync() => Other.Value;

    internal static async Task StopSharedAsync()
    {
        foreach (var server in new[] { Shared, Other })
        {
            if (server.IsValueCreated && server.Value.IsCompletedSuccessfully)
            {
                await server.Value.Result.DisposeAsync();
            }
        }
    }

    public string ConnectionString(string database, string? user = null, string? password = null) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = database,
            Username = user ?? SuperUser,
            Password = password ?? (user is null ? SuperPassword : null),
            Pooling = false,
            ApplicationName = "drifthooks-tests",
        }.ConnectionString;

    /// <summary>A Prisma-style URL; user and password are percent-encoded.</summary>
    public string PrismaUrl(string database, string? user = null, string? password = null, string? query = null)
    {
        var credentials = Uri.EscapeDataString(user ?? SuperUser);
        var secret = password ?? (user is null ? SuperPassword : null);
        if (secret is not null)
        {
            credentials += ":" + Uri.EscapeDataString(secret);
        }

        return $"postgresql://{credentials}@{Host}:{Port}/{Uri.EscapeDataString(database)}" + (query is null ? "" : "?" + query);
    }

    /// <summary>Creates an empty database (a unique name unless given) and returns how to reach it.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"t{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await ExecuteAdminAsync($"CREATE DATABASE {Quote(name)}");
        return new TestDatabase(name, ConnectionString(name), PrismaUrl(name));
    }

    /// <summary>Creates a login role; the default password is full of characters that need URL escaping.</summary>
    public async Task<TestRole> CreateRoleAsync(string? name = null, string password = "p@ss:w/rd?#%&=", bool superuser = false)
    {
        name ??= $"role{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await ExecuteAdminAsync($"CREATE ROLE {Quote(name)} LOGIN {(superuser ? "SUPERUSER" : "")} PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'");
        return new TestRole(name, password);
    }

    /// <summary>Runs SQL as the superuser in the given database.</summary>
    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public Task ExecuteAdminAsync(string sql) => ExecuteAsync("postgres", sql);

    /// <summary>Runs a query as the superuser in the given database and returns its first value.</summary>
    public async Task<object?> QueryScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The server log's lines so far (statements among them, one <c>LOG:  statement:</c> line each).</summary>
    public async Task<IReadOnlyList<string>> ReadStatementLogAsync()
    {
        if (_container is not null)
        {
            var (stdout, stderr) = await _container.GetLogsAsync();
            return (stdout + stderr).Split('\n');
        }

        // The server keeps the file open; share it.
        await using var stream = new FileStream(LogPath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return (await reader.ReadToEndAsync()).Split('\n');
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
            return;
        }

        if (_root is null)
        {
            return;
        }

        var data = Path.Combine(_root, "data");
        try
        {
            await RunAsync(Path.Combine(_binDirectory!, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w"], TimeSpan.FromSeconds(30), RunningAsRoot);
        }
        catch (InvalidOperationException) when (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            // pg_ctl failed: stop the postmaster this fixture started, by its own pid, so no server outlives the run.
            // (No pid file: the server was already stopped, as a test of a stopped server may leave it.)
            if (int.TryParse(File.ReadLines(Path.Combine(data, "postmaster.pid")).FirstOrDefault(), out var pid))
            {
                using var postmaster = Process.GetProcessById(pid);
                postmaster.Kill();
            }

            throw;
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing the run for.
            }
        }
    }

    static async Task<PostgresServer> StartAsync()
    {
        if (await DockerAnswersAsync())
        {
            return await StartContainerAsync();
        }

        return await StartLocalClusterAsync();
    }

    static async Task<PostgresServer> StartContainerAsync()
    {
        var password = "test-" + Guid.NewGuid().ToString("N");
        var container = new PostgreSqlBuilder("postgres:15-alpine")
            .WithUsername(SuperUser)
            .WithPassword(password)
            .WithCommand("-c", "fsync=off", "-c", "log_statement=all", "-c", $"log_line_prefix={LogLinePrefix}")
            .Build();
        await container.StartAsync();
        return new PostgresServer(container.Hostname, container.GetMappedPublicPort(PostgreSqlBuilder.PostgreSqlPort), password, null, null, container);
    }

    // Quick: a socket that exists but whose engine does not answer /_ping within a second counts as no Docker.
    static async Task<bool> DockerAnswersAsync()
    {
        var path = "/var/run/docker.sock";
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { } host)
        {
            if (!host.StartsWith("unix://", StringComparison.Ordinal))
            {
                return false;
            }

            path = host["unix://".Length..];
        }

        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), timeout.Token);
            await socket.SendAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), SocketFlags.None, timeout.Token);
            var buffer = new byte[256];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    static async Task<PostgresServer> StartLocalClusterAsync()
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "No PostgreSQL server for the tests: no Docker engine answers and initdb/pg_ctl are neither on PATH nor under "
            + "/usr/lib/postgresql/*/bin. Install PostgreSQL: apt-get install -y postgresql");

        var root = Directory.CreateTempSubdirectory("drifthooks-pg-").FullName;
        var data = Path.Combine(root, "data");
        var log = Path.Combine(root, "server.log");
        var passwordFile = Path.Combine(root, "password");
        var password = "test-" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(passwordFile, password + "\n");

        // initdb refuses to run as root; the cluster then belongs to the postgres user.
        var asRoot = RunningAsRoot;
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root], TimeSpan.FromSeconds(10));
        }

        var port = FreePort();
        try
        {
            await RunAsync(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", SuperUser, "-A", "scram-sha-256", "--pwfile", passwordFile, "-E", "UTF8", "--locale=C", "--no-sync"],
                TimeSpan.FromSeconds(120), asRoot);
            // In postgresql.conf, not on pg_ctl's command line: a plain "pg_ctl start -D <data>" brings it back as it was.
            await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"),
                $"\nport = {port}\nunix_socket_directories = '{root}'\nlisten_addresses = '127.0.0.1'\nfsync = off\nlog_statement = 'all'\nlog_line_prefix = '{LogLinePrefix}'\n");
            await PgCtlStartAsync(bin, data, log);
        }
        catch (Exception e)
        {
            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no server log)";
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }

            throw new InvalidOperationException(
                $"Could not start a throwaway PostgreSQL cluster with {bin}: {e.Message}\nServer log:\n{serverLog}\n"
                + "Install PostgreSQL (apt-get install -y postgresql) or run a Docker engine.", e);
        }

        return new PostgresServer("127.0.0.1", port, password, root, bin, null);
    }

    // As a user starts a stopped cluster: its settings are in postgresql.conf.
    static Task PgCtlStartAsync(string bin, string data, string log) =>
        RunAsync(Path.Combine(bin, "pg_ctl"), ["start", "-w", "-t", "60", "-D", data, "-l", log], TimeSpan.FromSeconds(90), RunningAsRoot);

    /// <summary>
    /// A throwaway cluster of the caller's own (never a container), which it may stop and start again; the caller
    /// disposes of it. For tests of a database server that is down.
    /// </summary>
    public static Task<PostgresServer> StartOwnAsync() => StartLocalClusterAsync();

    /// <summary>The cluster's data directory (local cluster only).</summary>
    public string? DataDirectory => _root is null ? null : Path.Combine(_root, "data");

    /// <summary>Stops the server, as <c>pg_ctl stop</c> does (local cluster only).</summary>
    public Task StopAsync() =>
        RunAsync(Path.Combine(_binDirectory!, "pg_ctl"), ["stop", "-D", DataDirectory!, "-m", "fast", "-w"], TimeSpan.FromSeconds(60), RunningAsRoot);

    /// <summary>Starts the stopped server again as its owner would: <c>pg_ctl start -D &lt;data directory&gt;</c> (local cluster only).</summary>
    public Task StartAgainAsync() => PgCtlStartAsync(_binDirectory!, DataDirectory!, LogPath!);

    static string? FindBinDirectory()
    {
        // PATH: Homebrew's postgresql@16 on macOS, the runner's PGBIN on Windows (initdb.exe, listed with ';').
        static bool Holds(string directory, string program) =>
            File.Exists(Path.Combine(directory, program)) || (OperatingSystem.IsWindows() && File.Exists(Path.Combine(directory, program + ".exe")));

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Holds(directory, "initdb") && Holds(directory, "pg_ctl"))
            {
                return directory;
            }
        }

        const string Versions = "/usr/lib/postgresql";
        if (!Directory.Exists(Versions))
        {
            return null;
        }

        return Directory.GetDirectories(Versions)
            .Select(d => (Directory: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(c => File.Exists(Path.Combine(c.Directory, "initdb")) && File.Exists(Path.Combine(c.Directory, "pg_ctl")))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Directory)
            .FirstOrDefault();
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    static async Task RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(file)} did not finish within {timeout.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
