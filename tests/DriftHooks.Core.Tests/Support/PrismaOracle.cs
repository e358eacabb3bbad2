using System.Diagnostics;

namespace DriftHooks.Core.Tests.Support;

/// <summary>
/// Runs the real Prisma CLI (../shared/prisma-oracle/prisma.sh beside the checkout, Prisma 6.19.3 on its WebAssembly engine)
/// against a test database, so that tests can compare DriftHooks with what Prisma itself does.
/// </summary>
public static class PrismaOracle
{
    // prisma.sh installs its npm packages on first use and rewrites its config files on every call (and deletes
    // node_modules when they differ), so concurrent calls can break one another: one call at a time, in this process
    // and across the test processes dotnet test runs side by side (a call that read a half-written prisma.config.ts
    // ran without its adapter and could exit 0 having done nothing).
    static readonly SemaphoreSlim OneAtATime = new(1, 1);

    static readonly string LockFile = Path.Combine(Path.GetTempPath(), "drifthooks-prisma-oracle.lock");

    // FileShare.None is an exclusive flock on Unix, released when the process dies, so a crashed run holds nothing.
    static FileStream OtherProcessesWait()
    {
        while (true)
        {
            try
            {
                return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                Thread.Sleep(50);
            }
        }
    }

    public static string Script => Path.Combine(SharedFolder.Root, "prisma-oracle", "prisma.sh");

    public static string Corpus => SharedFolder.Corpus;

    public sealed record Result(int ExitCode, string Output);

    /// <summary>Why the oracle cannot run here (node/npm or the script missing), or null when it can.</summary>
    public static string? Unavailable()
    {
        if (SharedFolder.Found is null)
        {
            return "Needs the real Prisma CLI of the shared folder (shared/prisma-oracle beside the checkout), which is absent.";
        }

        if (!File.Exists(Script))
        {
            return $"{Script} is missing.";
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var tool in new[] { "node", "npm" })
        {
            if (!path.Any(d => File.Exists(Path.Combine(d, tool))))
            {
                return $"{tool} is not installed, so the real Prisma CLI cannot run.";
            }
        }

        return null;
    }

    /// <summary>
    /// Copies the first <paramref name="count"/> migration folders (by name) and the lock file into a temp folder,
    /// so that Prisma sees exactly the migrations a test applied.
    /// </summary>
    public static string CopyMigrations(string migrationsDirectory, int count)
    {
        var target = Directory.CreateTempSubdirectory("drifthooks-migrations-").FullName;
        foreach (var folder in Directory.GetDirectories(migrationsDirectory).OrderBy(Path.GetFileName, StringComparer.Ordinal).Take(count))
        {
            var copy = Path.Combine(target, Path.GetFileName(folder));
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(folder))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }
        }

        var lockFile = Path.Combine(migrationsDirectory, "migration_lock.toml");
        if (File.Exists(lockFile))
        {
            File.Copy(lockFile, Path.Combine(target, "migration_lock.toml"));
        }

        return target;
    }

    /// <summary>Runs <paramref name="run"/>, which calls the oracle's script by other means (a printed <c>npx prisma</c>), alone among this process's calls.</summary>
    public static T Alone<T>(Func<T> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        OneAtATime.Wait();
        try
        {
            using var alone = OtherProcessesWait();
            return run();
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>Runs <c>prisma ARGS</c> with the given database URL, schema file and migrations folder.</summary>
    public static Task<Result> RunAsync(string databaseUrl, string schemaFile, string migrationsDirectory, params string[] arguments) =>
        RunAsync(databaseUrl, schemaFile, migrationsDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>As above, with extra environment (e.g. <c>DEBUG=prisma:schemaEngine*</c> to see the engine's diagnosis).</summary>
    public static async Task<Result> RunAsync(string databaseUrl, string schemaFile, string migrationsDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        await OneAtATime.WaitAsync();
        try
        {
            using var alone = OtherProcessesWait();
            return await RunAloneAsync(databaseUrl, schemaFile, migrationsDirectory, environment, arguments);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    static async Task<Result> RunAloneAsync(string databaseUrl, string schemaFile, string migrationsDirectory, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo(Script)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ORACLE_DATABASE_URL"] = databaseUrl;
        start.Environment["ORACLE_SCHEMA"] = schemaFile;
        start.Environment["ORACLE_MIGRATIONS"] = migrationsDirectory;

        // Schemas in the corpus read their URL from various variables; all point at the test database.
        start.Environment["DATABASE_URL"] = databaseUrl;
        start.Environment["NEXT_PRIVATE_DATABASE_URL"] = databaseUrl;
        start.Environment["NEXT_PRIVATE_DIRECT_DATABASE_URL"] = databaseUrl;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Script}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"prisma {string.Join(' ', arguments)} did not finish within 5 minutes.");
        }

        return new Result(process.ExitCode, await stdout + await stderr);
    }
}
