using DriftHooks.Core.Commits;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Database;
using DriftHooks.Core.DataRisks;
using DriftHooks.Core.Drift;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Production;

/// <summary>
/// The production comparison that pre-push, <c>check</c>, <c>status</c> and <c>doctor</c> share: each commit's migrations
/// (from its tree) against production's <c>_prisma_migrations</c>, read in one read-only transaction; then, where the
/// histories agree, the pending migrations against production's data and the schema they make against production's.
/// </summary>
internal static class ProductionComparer
{
    /// <summary>How findings name the database compared with.</summary>
    public const string Database = "production";

    /// <summary><c>Production:OnUnreachable</c> as the environment variable the settings read (<see cref="SettingFiles"/>).</summary>
    const string WarnVariable = "DRIFTHOOKS__PRODUCTION__ONUNREACHABLE";

    /// <summary>
    /// The per-commit comparison on its own: each commit's migrations (from its tree) against production's history.
    /// Shared with <c>drifthooks check</c>, which compares one commit of a CI range, and <c>doctor</c>.
    /// Returns production's identity as read on the way, for a later guard of the same command.
    /// </summary>
    /// <exception cref="InvalidOperationException">The context has no production URL: the caller says so first.</exception>
    public static async Task<ProductionComparison> CompareAsync(CommandContext context, ComparisonRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var target = context.Production ?? throw new InvalidOperationException("No production URL: the caller reports that before comparing.");
        var location = context.Repository;

        // One read of production for both comparisons: the catalog follows the history in the same transaction. The
        // shadow server is connected to meanwhile.
        await using var production = ProductionRead.Start(target.Url, target.Connection, withCatalog: request.SchemaCheck?.ShadowServer is not null, location.StateDirectory, cancellationToken);
        var run = new ComparisonRun(location, context.Options, request.Project, target.Source, target.Url, target.Connection, request.Subject, request.Rerun, request.SchemaCheck, context.Invocation);
        var shadowServer = run.Shadow is null ? null : WritableDatabase.OpenAsync(run.Shadow, ProductionGuard.FromReadAsync(production, location.StateDirectory, false), SchemaDriftRequest.DefaultShadowConnection, cancellationToken);
        IReadOnlyList<Finding> findings;
        try
        {
            findings = await CompareAsync(run, request.Commits, production, shadowServer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (shadowServer is not null)
            {
                try
                {
                    await (await shadowServer.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
                }
                catch (DriftHooksException e) when (e is ResourceUnavailableException or TargetIsProductionException or TargetNotVerifiedException)
                {
                    // Reported where it mattered, or not needed (the histories differed).
                }
            }
        }

        return new ProductionComparison(findings, await ProductionIdentityRead.OfAsync(production).ConfigureAwait(false));
    }

    /// <summary>What one comparison with production works from, named once for each of its steps.</summary>
    sealed record ComparisonRun(
        RepositoryLocation Location,
        DriftHooksOptions Options,
        PrismaProject Project,
        DatabaseUrlSource Source,
        DatabaseUrl Url,
        DatabaseConnectionOptions Connection,
        string Subject,
        string? Rerun,
        SchemaCheckPlan? SchemaCheck,
        Installation.Invocation Invocation)
    {
        public DatabaseUrl? Shadow => SchemaCheck?.ShadowServer;

        /// <summary>Where a command run with Prisma finds the project's URL, as the fixes print it.</summary>
        public string? PrismaAt { get; } = ProductionUrlResolver.PrismaEnvironment(LocalUrlSetting.UrlVariable(Options.Settings, Project).Variable);

        public Finding Unreachable(ResourceUnavailableException e) => new(
            PushRuleCodes.ProductionUnreachable,
            Options.Production.WarnWhenUnreachable ? Severity.Warning : Severity.Error,
            $"{e.Message} (production URL from {Source.Source})",
            Url.Redacted,
            Options.Production.WarnWhenUnreachable
                ? $"{Subject} was not compared with production (Production:OnUnreachable is \"warn\")"
                : UnreachableFix.For(UnreachableServer.Of(Url, Source.Source, e), isLocal: false, Rerun ?? "run it again")
                    + $"; or let {Subject} through unchecked while production is unreachable: "
                    + (Rerun is null ? $"{WarnVariable}=warn in its environment" : $"{WarnVariable}=warn {Rerun}")
                    + $" (to keep it so on this machine: \"Production\": {{ \"OnUnreachable\": \"warn\" }} in {OptionsLoader.LocalFile})");
    }

    /// <summary>A compared commit with its short id and the migrations of its tree.</summary>
    sealed record CommitAtHand(CommitToCompare Commit, string Sha, IReadOnlyList<RepositoryMigration> Migrations);

    static async Task<IReadOnlyList<Finding>> CompareAsync(
        ComparisonRun run, IReadOnlyList<CommitToCompare> commits, ProductionRead production, Task<WritableDatabase>? shadowServer, CancellationToken cancellationToken)
    {
        // The git side runs while the database answers.
        var perCommit = ReadCommits(run.Location, run.Project, commits);
        MigrationHistory history;
        try
        {
            history = await production.History.ConfigureAwait(false);
        }
        catch (ResourceUnavailableException e)
        {
            return [run.Unreachable(e)];
        }

        var (findings, pendingScripts) = CompareHistories(run, perCommit, history);
        if (!findings.Any(f => f.Severity == Severity.Error))
        {
            findings.AddRange(await DataRisksAsync(production, pendingScripts, run.Project, run.Source, run.Options, withCatalog: run.Shadow is not null).ConfigureAwait(false));
        }

        if (run.SchemaCheck?.Notice is { } notice)
        {
            findings.Add(notice);
        }

        // A schema comparison on a diverged history is noise: only when the histories agree.
        if (run.Shadow is not null && !findings.Any(f => f.Severity == Severity.Error))
        {
            await CompareSchemasAsync(run, perCommit, production, shadowServer, findings, cancellationToken).ConfigureAwait(false);
        }

        return findings;
    }

    static List<CommitAtHand> ReadCommits(RepositoryLocation location, PrismaProject project, IReadOnlyList<CommitToCompare> commits)
    {
        using var reader = new RepositoryReader(location);
        var perCommit = new List<CommitAtHand>();
        foreach (var toCompare in commits)
        {
            var commit = reader.RevParse(toCompare.Sha) ?? throw new ResourceUnavailableException(
                $"{toCompare.Describe} is not in this repository's object database.");
            perCommit.Add(new CommitAtHand(toCompare, commit[..7], CommitMigrations.Read(reader.Trees(commit), project)));
        }

        return perCommit;
    }

    // Each commit's migrations against production's history; the migrations pending on production, per commit, for the data checks.
    static (List<Finding> Findings, List<IReadOnlyList<(string Migration, string Script)>> PendingScripts) CompareHistories(
        ComparisonRun run, List<CommitAtHand> perCommit, MigrationHistory history)
    {
        var (location, project) = (run.Location, run.Project);
        var findings = new List<Finding>();
        var pendingScripts = new List<IReadOnlyList<(string Migration, string Script)>>();
        foreach (var (toCompare, sha, migrations) in perCommit)
        {
            var context = $"{toCompare.Label} ({sha})";
            if (!history.TableExists)
            {
                findings.Add(HistoryComparison.NoHistoryTable(Database, history.Schema, project, migrations, run.PrismaAt));
                continue;
            }

            var statuses = HistoryComparison.Compare(migrations, history.Records);
            pendingScripts.Add(DataRiskCheck.Pending(migrations, statuses));
            var holders = MigrationHolders.Find(location, project, statuses.Where(s => s.State == MigrationState.MissingLocally).Select(s => s.Name), toCompare.Sha);
            using var places = new MigrationPlaces(location, toCompare.Branch);
            findings.AddRange(HistoryComparison.Findings(new ComparedHistory(statuses, Database, context, project, run.PrismaAt)
            {
                AppliedVersionAt = s => AppliedVersion.Find(location, toCompare.Sha, project.MigrationFolder(s.Name) + "/migration.sql", s.Record?.Checksum),
                Repository = migrations,
                Holders = holders,
                Published = places.Find,
                Invocation = run.Invocation,
            }));
        }

        return (findings, pendingScripts);
    }

    // Production's schema against each distinct commit's migrations replayed on the shadow server.
    static async Task CompareSchemasAsync(
        ComparisonRun run, List<CommitAtHand> perCommit, ProductionRead production, Task<WritableDatabase>? shadowServer, List<Finding> findings, CancellationToken cancellationToken)
    {
        foreach (var (_, sha, migrations) in perCommit.DistinctBy(c => c.Commit.Sha))
        {
            // Replayed from the compared commit's tree, not the working tree.
            var request = new SchemaDriftRequest(run.Url, run.Shadow!, $"{run.Project.MigrationsPath} at {sha}")
            {
                Migrations = migrations,
                ProductionConnection = run.Connection,
                StateDirectory = run.Location.StateDirectory,
                PrismaAt = run.PrismaAt ?? SchemaDriftRequest.DefaultPrismaAt,
                SchemaArgument = ProjectFixText.SchemaArgument(run.Project),
                Invocation = run.Invocation,
            };
            try
            {
                findings.AddRange((await SchemaDriftCheck.CompareAsync(request, production, shadowServer, cancellationToken).ConfigureAwait(false)).Findings);
            }
            catch (ResourceUnavailableException e) when (production.Catalog.IsFaulted)
            {
                findings.Add(run.Unreachable(e));
                return;
            }
            catch (DriftHooksException e) when (e is ResourceUnavailableException or TargetNotVerifiedException && !run.SchemaCheck!.Required)
            {
                // By default an unreachable shadow server (a local database not started), or one that may be production
                // and so is never written, costs the check, not the push. One on production's server refuses (exit 4):
                // the setting that points there must change before a replay ever runs there.
                findings.Add(Finding.Warning(
                    SchemaDriftCodes.NotCompared,
                    $"Production's schema was not compared with its migrations: {e.Message} (shadow server from {run.SchemaCheck.ShadowSource})",
                    null,
                    null));
                return;
            }
        }
    }

    // Each distinct set of pending migrations walked over production's catalog and asked about, in the read-only
    // transaction of the history read; nothing is read when no pending statement can fail on data.
    static async Task<IReadOnlyList<Finding>> DataRisksAsync(
        ProductionRead production, List<IReadOnlyList<(string Migration, string Script)>> pendingScripts, PrismaProject project, DatabaseUrlSource source, DriftHooksOptions options, bool withCatalog)
    {
        var worth = pendingScripts.DistinctBy(p => string.Join("\n", p.Select(m => m.Migration))).Where(DataRiskCheck.Worth).ToList();
        if (worth.Count == 0)
        {
            return [];
        }

        try
        {
            return await production.ThenAsync(async (database, cancellationToken) =>
            {
                var catalog = withCatalog ? await production.Catalog.ConfigureAwait(false) : await database.ReadCatalogAsync(null, cancellationToken).ConfigureAwait(false);
                var findings = new List<Finding>();
                foreach (var pending in worth)
                {
                    findings.AddRange(await DataRiskCheck.RunAsync(
                        database, catalog, pending, project, ProductionUrlResolver.ShellReference(source), DataCheckSettings.Of(options), cancellationToken).ConfigureAwait(false));
                }

                return (IReadOnlyList<Finding>)findings.Distinct().ToList();
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ResourceUnavailableException or Npgsql.NpgsqlException or TimeoutException)
        {
            return [Finding.Warning(DataRiskCodes.CannotTell, $"The pending migrations were not checked against production's data: {e.Message}", null)];
        }
    }
}
