using DriftHooks.Core.Configuration;
using DriftHooks.Core.Database;
using DriftHooks.Core.Drift;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using LibGit2Sharp;

namespace DriftHooks.Core.Hooks;

/// <summary>
/// The pre-push check: for each pushed branch, the migrations of the pushed commit's tree against production's
/// <c>_prisma_migrations</c>, read through a read-only connection. The database round trip overlaps the git reads.
/// </summary>
public static class PrePushCheck
{
    public const string Database = "production";

    public static async Task<IReadOnlyList<Finding>> RunAsync(
        RepositoryLocation location,
        DriftHooksOptions options,
        IReadOnlyList<PushedRef> pushed,
        IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken = default)
    {
        var refs = pushed
            .Where(r => !r.IsDeletion && r.RemoteBranch is { } branch && options.Production.Branches.Any(p => PushedRef.BranchMatches(branch, p)))
            .ToList();
        if (refs.Count == 0)
        {
            return [];
        }

        var project = ChooseProject(location, options);
        if (project is null)
        {
            return [];
        }

        var source = ProductionUrlResolver.Resolve(location, environment);
        if (source is null)
        {
            return [Finding.Warning(
                PushRuleCodes.ProductionNotConfigured,
                "No production database is configured, so this push was not compared with production's migration history.",
                null,
                $"export {ProductionUrlResolver.EnvironmentVariable}='postgresql://readonly_user:…@host:5432/db?schema=public' (a read-only role is enough), or put Production:Url in {OptionsLoader.LocalFile}")];
        }

        // Resolved before any database is read, so that a missing shadow server is reported at once.
        var shadow = options.Production.SchemaCheck ? RequireShadowServer(location, project, environment) : null;
        var commits = refs.Select(r => new CommitToCompare(r.LocalSha, $"the push of {r.RemoteBranch}", $"The pushed commit {r.LocalSha} ({r.LocalRef})")).ToList();
        var findings = await CompareAsync(location, options, project, source, commits, cancellationToken).ConfigureAwait(false);

        // A drift check on a diverged history is noise: only when the histories agree.
        if (shadow is null || findings.Any(f => f.Severity == Severity.Error))
        {
            return findings;
        }

        var all = findings.ToList();
        foreach (var commit in commits.DistinctBy(c => c.Sha))
        {
            all.AddRange(await SchemaCheckAsync(location, options, project, source, shadow, commit, cancellationToken).ConfigureAwait(false));
        }

        return all;
    }

    /// <summary>
    /// Production's schema against the schema its applied migrations produce, replayed from the pushed commit's tree
    /// (not the working tree) on a shadow database.
    /// </summary>
    static async Task<IReadOnlyList<Finding>> SchemaCheckAsync(
        RepositoryLocation location, DriftHooksOptions options, PrismaProject project, DatabaseUrlSource production, DatabaseUrl shadow, CommitToCompare commit, CancellationToken cancellationToken)
    {
        IReadOnlyList<RepositoryMigration> migrations;
        using (var repository = GitRepository.Open(location))
        {
            var found = repository.Lookup<Commit>(commit.Sha) ?? throw new ResourceUnavailableException($"{commit.Describe} is not in this repository's object database.");
            migrations = CommitMigrations.Read(repository, found, project);
        }

        var request = new SchemaDriftRequest(DatabaseUrl.Parse(production.Url), shadow, $"{project.MigrationsPath} at {commit.Sha[..Math.Min(7, commit.Sha.Length)]}")
        {
            Migrations = migrations,
            ProductionConnection = new DatabaseConnectionOptions { ConnectTimeout = options.Production.ConnectTimeout, StatementTimeout = options.Production.StatementTimeout },
        };
        var result = await SchemaDriftCheck.RunAsync(request, cancellationToken).ConfigureAwait(false);
        return result.Findings;
    }

    static DatabaseUrl RequireShadowServer(RepositoryLocation location, PrismaProject project, IReadOnlyDictionary<string, string?> environment)
    {
        var source = ShadowUrlResolver.Resolve(location, project, environment) ?? throw new ConfigurationException(
            "Production:SchemaCheck is on, but no server is configured for the shadow database the check replays production's migrations on. "
            + $"Set Shadow:Url (or Local:Url) in {OptionsLoader.LocalFile}, or DATABASE_URL to your local development database; or set Production:SchemaCheck to false.");
        return DatabaseUrl.Parse(source.Url);
    }

    /// <summary>
    /// The per-commit comparison on its own: each commit's migrations (from its tree) against production's history.
    /// Shared with <c>drifthooks check</c>, which compares one commit of a CI range, and <c>doctor</c>;
    /// <paramref name="subject"/> names what was checked in the fix texts ("the push", "the head commit").
    /// </summary>
    public static async Task<IReadOnlyList<Finding>> CompareAsync(
        RepositoryLocation location,
        DriftHooksOptions options,
        PrismaProject project,
        DatabaseUrlSource source,
        IReadOnlyList<CommitToCompare> commits,
        CancellationToken cancellationToken = default,
        string subject = "the push")
    {
        var url = DatabaseUrl.Parse(source.Url);
        var historyTask = ReadHistoryAsync(url, options.Production, cancellationToken);

        // The git side runs while the database answers.
        var perCommit = new List<(CommitToCompare Commit, string Sha, IReadOnlyList<RepositoryMigration> Migrations)>();
        using (var repository = GitRepository.Open(location))
        {
            foreach (var toCompare in commits)
            {
                var commit = repository.Lookup<Commit>(toCompare.Sha) ?? throw new ResourceUnavailableException(
                    $"{toCompare.Describe} is not in this repository's object database.");
                perCommit.Add((toCompare, commit.Sha[..7], CommitMigrations.Read(repository, commit, project)));
            }
        }

        MigrationHistory history;
        try
        {
            history = await historyTask.ConfigureAwait(false);
        }
        catch (ResourceUnavailableException e)
        {
            var finding = new Finding(
                PushRuleCodes.ProductionUnreachable,
                options.Production.WarnWhenUnreachable ? Severity.Warning : Severity.Error,
                $"{e.Message} (production URL from {source.Source})",
                url.Redacted,
                options.Production.WarnWhenUnreachable
                    ? $"{subject} was not compared with production (Production:OnUnreachable is \"warn\")"
                    : $"make production reachable (VPN, credentials), or set Production:OnUnreachable to \"warn\" to let {subject} through unchecked while it is unreachable");
            return [finding];
        }

        var findings = new List<Finding>();
        foreach (var (toCompare, sha, migrations) in perCommit)
        {
            var context = $"{toCompare.Label} ({sha})";
            if (!history.TableExists)
            {
                findings.Add(HistoryComparison.NoHistoryTable(Database, history.Schema, project, migrations));
                continue;
            }

            var statuses = HistoryComparison.Compare(migrations, history.Records);
            findings.AddRange(HistoryComparison.Findings(statuses, Database, context, project));
        }

        return findings;
    }

    private static async Task<MigrationHistory> ReadHistoryAsync(DatabaseUrl url, ProductionOptions options, CancellationToken cancellationToken)
    {
        await using var database = await ReadOnlyDatabase.OpenAsync(
            url,
            new DatabaseConnectionOptions { ConnectTimeout = options.ConnectTimeout, StatementTimeout = options.StatementTimeout },
            cancellationToken).ConfigureAwait(false);
        return await database.ReadMigrationHistoryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The project production belongs to: the only one, or the one <c>Production:Project</c> names.</summary>
    public static PrismaProject? ChooseProject(RepositoryLocation location, DriftHooksOptions options) =>
        ChooseProject(IndexProjects.Locate(location, options.Projects), options);

    /// <summary>Of the located projects, the one production runs: the only one, or the one <c>Production:Project</c> names.</summary>
    public static PrismaProject? ChooseProject(IReadOnlyList<PrismaProject> projects, DriftHooksOptions options)
    {
        if (projects.Count <= 1)
        {
            return projects.FirstOrDefault();
        }

        var named = options.Production.Project;
        return projects.FirstOrDefault(p => p.SchemaPath == named || p.MigrationsPath == named) ?? throw new ConfigurationException(
            $"This repository has {projects.Count} Prisma projects ({string.Join(", ", projects.Select(p => p.SchemaPath))}); say which one production runs with Production:Project (its schema path) in {OptionsLoader.CommittedFile}.");
    }
}
