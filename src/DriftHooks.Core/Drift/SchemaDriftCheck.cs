using System.Diagnostics;
using System.Globalization;
using System.Text;
using DriftHooks.Core.Catalog;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Drift;

/// <summary>
/// Schema drift: does production's actual schema equal the schema its applied migrations produce? Production is
/// read (history and catalog, one read-only transaction) while the shadow server is connected to; the schema the
/// migrations production has applied produce (in production's order, from the repository's files) comes from a
/// template database on the shadow server, built or extended by replay when needed (<see cref="ShadowTemplates"/>);
/// the two catalogs are compared by <see cref="CatalogDiff"/>.
/// </summary>
internal static class SchemaDriftCheck
{
    /// <summary>The oldest shadow server the catalog reader supports (<c>pg_attribute.attgenerated</c>).</summary>
    public const int OldestShadowMajor = 12;

    public static async Task<SchemaDriftResult> RunAsync(SchemaDriftRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        await using var production = ProductionRead.Start(request.Production, request.ProductionConnection, withCatalog: true, request.StateDirectory, cancellationToken);
        return await CompareAsync(request, production, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The check on a production read already under way (<see cref="ProductionRead"/> started with its catalog), so
    /// that a caller comparing production's history too reads production once. The shadow server is connected to
    /// while production answers; <paramref name="shadowServer"/>, a connection to it the caller opened earlier still
    /// (and closes), saves that wait.
    /// The shadow server is opened through the guard made from production's identity (read first thing on its
    /// connection): it is never production's database, whatever its URL.
    /// </summary>
    public static async Task<SchemaDriftResult> CompareAsync(
        SchemaDriftRequest request, ProductionRead production, Task<WritableDatabase>? shadowServer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(production);
        Validate(request);
        var total = Stopwatch.StartNew();
        var phases = new List<DriftPhase>();
        var findings = new List<Finding>();
        var adminTask = TimedAsync(() => shadowServer ?? WritableDatabase.OpenAsync(
            request.ShadowServer,
            ProductionGuard.FromReadAsync(production, request.StateDirectory, request.TargetConfirmedNotProduction),
            request.ShadowConnection,
            cancellationToken));
        try
        {
            var expected = await PhasesAsync(request, production, adminTask, phases, findings, cancellationToken).ConfigureAwait(false);
            return new SchemaDriftResult(findings, expected?.Replayed ?? 0, phases, total.Elapsed) { ReusedMigrations = expected?.Reused ?? 0, Template = expected?.Template };
        }
        finally
        {
            try
            {
                if (shadowServer is null)
                {
                    await (await adminTask.ConfigureAwait(false)).Value.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (Exception) when (!adminTask.IsCompletedSuccessfully)
            {
                // The failure, if it mattered, was reported where the connection was awaited.
            }
        }
    }

    static void Validate(SchemaDriftRequest request)
    {
        if (request.Migrations is null && !Directory.Exists(request.MigrationsDirectory))
        {
            throw new ConfigurationException($"The migrations folder '{request.MigrationsDirectory}' does not exist. Give the Prisma project's migrations folder (--migrations <dir>).");
        }
    }

    // Fills phases and findings; returns the expected schema, or null when it could not be had (findings say why).
    static async Task<ExpectedSchema?> PhasesAsync(
        SchemaDriftRequest request, ProductionRead production, Task<(WritableDatabase Value, TimeSpan Elapsed)> adminTask, List<DriftPhase> phases, List<Finding> findings, CancellationToken cancellationToken)
    {
        var schema = request.Production.Schema;
        var watch = Stopwatch.StartNew();
        var history = await production.History.ConfigureAwait(false);
        phases.Add(new DriftPhase("production: connect, read history", watch.Elapsed));
        var (admin, connected) = await adminTask.ConfigureAwait(false);
        phases.Add(new DriftPhase("shadow server: connect (concurrent with production)", connected));

        if (Unfit(admin.ServerVersion, await production.ServerVersion.ConfigureAwait(false), admin.Url) is { } unfit)
        {
            findings.Add(unfit);
            return null;
        }

        watch.Restart();
        var migrations = LoadMigrations(request, history, findings);
        phases.Add(new DriftPhase("read migration files", watch.Elapsed));
        if (migrations is null)
        {
            return null;
        }

        watch.Restart();
        ExpectedSchema expected;
        try
        {
            expected = await ShadowTemplates.CatalogAsync(admin, request.ShadowServer.With(schema: schema), schema, migrations, request.ShadowConnection, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationFailedException e)
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ReplayFailed,
                $"Migration {e.MigrationName} failed to replay on a shadow database ({e.Message}), so production's schema could not be compared; production applied it, so the script or an earlier one differs from what ran there.",
                e.MigrationName,
                "Compare the migration with what production ran (SELECT logs, checksum FROM _prisma_migrations), and make the migrations replay from scratch: npx prisma migrate reset on a local database shows the same failure."));
            phases.Add(new DriftPhase("shadow: replay (failed)", watch.Elapsed));
            return null;
        }
        catch (ShadowServerUnfitException e)
        {
            findings.Add(Finding.Warning(SchemaDriftCodes.NotCompared, e.Message, null, e.Fix));
            return null;
        }

        phases.Add(new DriftPhase(
            expected.Replayed == 0
                ? $"shadow: read template {expected.Template} ({expected.Reused} migrations, none replayed)"
                : $"shadow: {expected.Reused} migrations from a template, {expected.Replayed} replayed, kept as {expected.Template}",
            watch.Elapsed));

        watch.Restart();
        var actual = await production.Catalog.ConfigureAwait(false);
        phases.Add(new DriftPhase("production: catalog read (waited for)", watch.Elapsed));

        watch.Restart();
        var differences = CatalogDiff.Compare(expected.Catalog, actual, $"{request.PrismaAt}npx prisma migrate resolve{request.SchemaArgument} --applied");
        var pending = Pending(request, history, schema);
        var defaults = await DefaultCapture.ReplayAsync(
            differences, pending, capture => ShadowTemplates.CatalogAsync(admin, request.ShadowServer.With(schema: schema), schema, [.. migrations, capture], request.ShadowConnection, cancellationToken)).ConfigureAwait(false);
        findings.AddRange(Captured(differences, request, pending, defaults, actual));
        phases.Add(new DriftPhase("compare catalogs", watch.Elapsed));
        return expected;
    }

    /// <summary>
    /// A column or index production has that no applied migration creates (DH303, DH312), or a column default production
    /// holds that the applied migrations do not set (DH307), where a migration of the repository production has not
    /// recorded creates that object or sets that column's default: the manual change was captured in that migration, so
    /// the drift is no longer the thing to fix. Production now records that migration as applied instead of running it
    /// (a deploy would fail on what already exists, or run what production already did).
    /// </summary>
    /// <remarks>
    /// A default is captured only when the migration sets the default production has: <paramref name="defaults"/> holds,
    /// per DH307 location, what the migration leaves there replayed after the applied ones, as PostgreSQL prints it,
    /// compared here with production's (<paramref name="production"/>) as PostgreSQL prints that.
    /// </remarks>
    static IEnumerable<Finding> Captured(
        IReadOnlyList<Finding> differences, SchemaDriftRequest request, IReadOnlyList<PendingMigration> pending, IReadOnlyDictionary<string, DefaultCapture.Replay> defaults, DatabaseCatalog production)
    {
        var capturable = differences.Where(f => f.Code is SchemaDriftCodes.ExtraColumn or SchemaDriftCodes.ExtraIndex or SchemaDriftCodes.ColumnDefault).ToList();
        if (capturable.Count == 0)
        {
            return differences;
        }

        return differences.Select(f =>
        {
            var isDefault = f.Code == SchemaDriftCodes.ColumnDefault;
            if (!capturable.Contains(f) || f.Location is not { } at
                || pending.FirstOrDefault(m => (isDefault ? m.SetsDefault : m.Creates).Contains(at))?.Name is not { } name)
            {
                return f;
            }

            if (isDefault && DefaultCapture.NotCaptured(f, defaults[at], CatalogDiff.ColumnAt(production, at)?.Default) is { } notCaptured)
            {
                return notCaptured;
            }

            var what = isDefault
                ? $"Production's default of {at} differs from the one its applied migrations set, and migration {name}, which production has not recorded, sets it"
                : $"Production has {at}, which no migration it applied creates, and migration {name}, which production has not recorded, does";
            var why = isDefault ? "production already has the default it sets" : "a deploy would fail: it already exists";
            return Finding.Error(
                f.Code,
                $"{what}: the change is captured. Production must now record {name} as applied instead of running it ({why}).",
                at,
                $"{request.PrismaAt}npx prisma migrate resolve{request.SchemaArgument} --applied {FixText.Quote(name)} {Configuration.ProductionUrlResolver.AdminRemark}");
        });
    }

    /// <summary>A repository migration production has not recorded, with what it creates and the column defaults it sets (as CatalogDiff locates them).</summary>
    internal sealed record PendingMigration(string Name, byte[] Script, HashSet<string> Creates, HashSet<string> SetsDefault);

    static List<PendingMigration> Pending(SchemaDriftRequest request, MigrationHistory history, string schema)
    {
        var applied = history.Records.Where(r => r.IsApplied).Select(r => r.MigrationName).ToHashSet(StringComparer.Ordinal);
        return [.. NotRecorded(request, applied).Select(m => new PendingMigration(
            m.Name,
            m.Script,
            CreatedObjects.Of(m.Script, schema).Select(o => AsLocation(o, schema)).ToHashSet(StringComparer.Ordinal),
            CreatedObjects.DefaultsSet(m.Script, schema).Select(o => AsLocation(o, schema)).ToHashSet(StringComparer.Ordinal)))];
    }

    // CreatedObjects names "column public.User.name"; CatalogDiff's locations leave the public schema out ("column User.name").
    static string AsLocation(string created, string schema)
    {
        var space = created.IndexOf(' ', StringComparison.Ordinal);
        var name = created[(space + 1)..];
        return name.StartsWith(schema + ".", StringComparison.Ordinal) && schema == "public" ? created[..space] + " " + name[(schema.Length + 1)..] : created;
    }

    // The repository's migrations production has not recorded as applied, in name order: those given, else the folder's.
    static IEnumerable<(string Name, byte[] Script)> NotRecorded(SchemaDriftRequest request, HashSet<string> applied)
    {
        if (request.Migrations is { } given)
        {
            return given.Where(m => m.Script is not null && !applied.Contains(m.Name)).OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => (m.Name, m.Script!));
        }

        if (!Directory.Exists(request.MigrationsDirectory))
        {
            return [];
        }

        return Directory.EnumerateDirectories(request.MigrationsDirectory)
            .Select(d => (Name: Path.GetFileName(d), Path: Path.Combine(d, "migration.sql")))
            .Where(m => !applied.Contains(m.Name) && File.Exists(m.Path))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => (m.Name, File.ReadAllBytes(m.Path)))
            .ToList();
    }

    /// <summary>
    /// A shadow server that cannot stand for production: older than the catalog reader supports, or of an older major
    /// version than production (its migrations may use what that version lacks, and catalogs print differently).
    /// </summary>
    public static Finding? Unfit(Version shadow, Version production, DatabaseUrl shadowServer)
    {
        ArgumentNullException.ThrowIfNull(shadow);
        ArgumentNullException.ThrowIfNull(production);
        ArgumentNullException.ThrowIfNull(shadowServer);
        var needed = Math.Max(OldestShadowMajor, production.Major);
        return shadow.Major >= needed
            ? null
            : Finding.Warning(
                SchemaDriftCodes.NotCompared,
                string.Create(CultureInfo.InvariantCulture, $"Production's schema was not compared: the shadow server {shadowServer.Redacted} runs PostgreSQL {shadow.Major}, and the check needs {needed} or later ({(production.Major >= OldestShadowMajor && production.Major > shadow.Major ? $"production runs {production.Major}" : "the oldest it reads")})."),
                null,
                string.Create(CultureInfo.InvariantCulture, $"point Shadow:Url in {Configuration.OptionsLoader.LocalFile} at a PostgreSQL {needed} server where you may create databases{(shadowServer.Origin is { } origin ? $" (the shadow server in use is read from {origin})" : "")} (e.g. docker run -p 5433:5432 -e POSTGRES_PASSWORD=dev postgres:{needed})"));
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
                "Check the URL's ?schema=; if production was set up with prisma db push, baseline it: npx prisma migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script into a first migration, then npx prisma migrate resolve --applied <it>."));
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
                bytes = given is null ? Files.RegularFile.Read(path, Files.RegularFile.SourceLimit) : given.GetValueOrDefault(record.MigrationName);
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
                    $"{request.Invocation.Command("status")} (its DH201 names the branch or commit that holds this migration and the command that brings it here), then {request.Invocation.Command("drift")} again"));
                continue;
            }

            if (!MigrationChecksum.Matches(record.Checksum, bytes))
            {
                findings.Add(Finding.Warning(
                    SchemaDriftCodes.ChecksumDiffers,
                    $"Migration {record.MigrationName} was edited after production applied it ({(record.Checksum is { } checksum ? $"checksum {checksum[..Math.Min(12, checksum.Length)]}…" : "no checksum, NULL")} in production); the replay uses the repository's version.",
                    Path.Combine(request.MigrationsDirectory, record.MigrationName, "migration.sql"),
                    $"{request.Invocation.Command("status")} (its DH202 names the commit holding the version production applied and the commands that restore it and move the edit into a new migration), then {request.Invocation.Command("drift")} again"));
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
}
