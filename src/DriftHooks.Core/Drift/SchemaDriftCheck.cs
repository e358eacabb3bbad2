using System.Diagnostics;
using System.Globalization;
using System.Text;
using DriftHooks.Core.Catalog;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Drift;

/// <summary>
/// Schema drift: does production's actual schema equal the schema its applied migrations produce? Production is
/// read (history and catalog, one read-only transaction) while a shadow database is created; the migrations
/// production has applied are replayed there in production's order from the repository's files; the two catalogs
/// are compared by <see cref="CatalogDiff"/>; the shadow database is dropped, also on failure.
/// </summary>
public static class SchemaDriftCheck
{
    public static async Task<SchemaDriftResult> RunAsync(SchemaDriftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RefuseProductionAsShadow(request.Production, request.ShadowServer);
        if (request.Migrations is null && !Directory.Exists(request.MigrationsDirectory))
        {
            throw new ConfigurationException($"The migrations folder '{request.MigrationsDirectory}' does not exist. Give the Prisma project's migrations folder (--migrations <dir>).");
        }

        var total = Stopwatch.StartNew();
        var phases = new List<DriftPhase>();
        var findings = new List<Finding>();
        var replayed = await RunPhasesAsync(request, phases, findings, cancellationToken).ConfigureAwait(false);
        return new SchemaDriftResult(findings, replayed, phases, total.Elapsed);
    }

    // Fills phases and findings; returns how many migrations were replayed. The shadow is dropped before it returns.
    static async Task<int> RunPhasesAsync(SchemaDriftRequest request, List<DriftPhase> phases, List<Finding> findings, CancellationToken cancellationToken)
    {
        var schema = request.Production.Schema;

        // Production's read and the shadow's creation do not depend on each other: overlap them.
        var productionTask = ReadProductionAsync(request, cancellationToken);
        var shadowTask = TimedAsync(() => ShadowDatabase.CreateAsync(request.ShadowServer.With(schema: schema), schema, request.ShadowConnection, cancellationToken));
        ShadowDatabase? shadow = null;
        var replayed = 0;
        try
        {
            try
            {
                await Task.WhenAll(productionTask, shadowTask).ConfigureAwait(false);
            }
            finally
            {
                if (shadowTask.IsCompletedSuccessfully)
                {
                    shadow = shadowTask.Result.Value;
                }
            }

            var (history, actual, productionElapsed) = productionTask.Result;
            phases.Add(new DriftPhase("production: connect, read history and catalog (concurrent with shadow create)", productionElapsed));
            phases.Add(new DriftPhase("shadow: create database", shadowTask.Result.Elapsed));

            var watch = Stopwatch.StartNew();
            var migrations = LoadMigrations(request, history, findings);
            phases.Add(new DriftPhase("read migration files", watch.Elapsed));
            if (migrations is null)
            {
                return 0;
            }

            watch.Restart();
            try
            {
                foreach (var (name, script) in migrations)
                {
                    await shadow!.Database.ReplayMigrationAsync(name, script, cancellationToken).ConfigureAwait(false);
                    replayed++;
                }
            }
            catch (MigrationFailedException e)
            {
                findings.Add(Finding.Error(
                    SchemaDriftCodes.ReplayFailed,
                    $"Migration {e.MigrationName} failed to replay on an empty shadow database ({e.Message}), so production's schema could not be compared; production applied it, so the script or an earlier one differs from what ran there.",
                    e.MigrationName,
                    "Compare the migration with what production ran (`SELECT logs, checksum FROM _prisma_migrations`), and make the migrations replay from scratch: `npx prisma migrate reset` on a local database shows the same failure."));
                phases.Add(new DriftPhase($"shadow: replay {replayed} migrations (failed)", watch.Elapsed));
                return replayed;
            }

            phases.Add(new DriftPhase($"shadow: replay {replayed} migrations", watch.Elapsed));

            watch.Restart();
            var expected = await shadow!.Database.ReadCatalogAsync([schema], cancellationToken).ConfigureAwait(false);
            phases.Add(new DriftPhase("shadow: read catalog", watch.Elapsed));

            watch.Restart();
            findings.AddRange(CatalogDiff.Compare(expected, actual));
            phases.Add(new DriftPhase("compare catalogs", watch.Elapsed));
            return replayed;
        }
        finally
        {
            if (shadow is not null)
            {
                var watch = Stopwatch.StartNew();
                await shadow.DropAsync().ConfigureAwait(false);
                phases.Add(new DriftPhase("shadow: drop database", watch.Elapsed));
            }
        }
    }

    static async Task<(MigrationHistory History, DatabaseCatalog Catalog, TimeSpan Elapsed)> ReadProductionAsync(SchemaDriftRequest request, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var production = await ReadOnlyDatabase.OpenAsync(request.Production, request.ProductionConnection, cancellationToken).ConfigureAwait(false);
        var history = await production.ReadMigrationHistoryAsync(cancellationToken).ConfigureAwait(false);
        var catalog = await production.ReadCatalogAsync([request.Production.Schema], cancellationToken).ConfigureAwait(false);
        return (history, catalog, watch.Elapsed);
    }

    static async Task<(T Value, TimeSpan Elapsed)> TimedAsync<T>(Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        var value = await action().ConfigureAwait(false);
        return (value, watch.Elapsed);
    }

    // The scripts to replay, in the order production applied them; null (with findings) when that is impossible.
    static List<(string Name, string Script)>? LoadMigrations(SchemaDriftRequest request, MigrationHistory history, List<Finding> findings)
    {
        if (!history.TableExists)
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.NoHistoryTable,
                $"Production has no _prisma_migrations table in schema \"{history.Schema}\", so no migration explains its schema.",
                request.Production.Redacted,
                "Check the URL's ?schema=; if production was set up with `prisma db push`, baseline it: `npx prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script` into a first migration, then `npx prisma migrate resolve --applied <it>`."));
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, string)>();
        var utf8 = PrismaText.StrictUtf8;
        var given = request.Migrations?.Where(m => m.Script is not null).ToDictionary(m => m.Name, m => m.Script!, StringComparer.Ordinal);
        var complete = true;
        foreach (var record in history.Records.Where(r => r.IsApplied))
        {
            if (!seen.Add(record.MigrationName))
            {
                continue;
            }

            var path = Path.Combine(request.MigrationsDirectory, record.MigrationName, "migration.sql");
            byte[]? bytes;
            try
            {
                bytes = given is null ? File.ReadAllBytes(path) : given.GetValueOrDefault(record.MigrationName);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                bytes = null;
            }

            if (bytes is null)
            {
                complete = false;
                findings.Add(Finding.Error(
                    SchemaDriftCodes.AppliedMigrationMissing,
                    $"Production applied migration {record.MigrationName}, which is not in {request.MigrationsDirectory}, so the schema it should have cannot be rebuilt.",
                    record.MigrationName,
                    "Fetch the branch that has this migration (`git log --all -- '*/" + record.MigrationName + "/*'`), then run `drifthooks drift` again."));
                continue;
            }

            if (!MigrationChecksum.Matches(record.Checksum, bytes))
            {
                findings.Add(Finding.Warning(
                    SchemaDriftCodes.ChecksumDiffers,
                    $"Migration {record.MigrationName} was edited after production applied it (checksum {record.Checksum[..Math.Min(12, record.Checksum.Length)]}… in production); the replay uses the repository's version.",
                    Path.Combine(request.MigrationsDirectory, record.MigrationName, "migration.sql"),
                    "Restore the applied version from git (`git log -p -- <that migration.sql>`); put further changes into a new migration."));
            }

            try
            {
                result.Add((record.MigrationName, utf8.GetString(bytes)));
            }
            catch (DecoderFallbackException)
            {
                throw new ConfigurationException($"{path} is not valid UTF-8; Prisma cannot read it either.");
            }
        }

        return complete ? result : null;
    }

    /// <summary>The shadow server must not be production itself: same host, port and database is refused.</summary>
    public static void RefuseProductionAsShadow(DatabaseUrl production, DatabaseUrl shadowServer)
    {
        ArgumentNullException.ThrowIfNull(production);
        ArgumentNullException.ThrowIfNull(shadowServer);
        if (SameHost(production.Host, shadowServer.Host) && production.Port == shadowServer.Port
            && string.Equals(production.Database, shadowServer.Database, StringComparison.Ordinal))
        {
            throw new ConfigurationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The shadow server ({shadowServer.Redacted}) is production's own database; DriftHooks never writes to production. Point Shadow:Url (or Local:Url, or DATABASE_URL) at a development server where it may create and drop a temporary database."));
        }
    }

    static bool SameHost(string? a, string? b)
    {
        static string Normal(string? host) => (host ?? "").Trim('[', ']').ToLowerInvariant() switch
        {
            "localhost" or "127.0.0.1" or "::1" => "localhost",
            var h => h,
        };

        return Normal(a) == Normal(b);
    }
}
