using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Production;

namespace DriftHooks.Core.PrePush;

/// <summary>
/// The pre-push check: for each pushed branch, the migrations of the pushed commit's tree against production's
/// <c>_prisma_migrations</c>, read through a read-only connection. The database round trip overlaps the git reads.
/// </summary>
internal static class PrePushCheck
{
    public static async Task<IReadOnlyList<Finding>> RunAsync(
        CommandContext context,
        IReadOnlyList<PushedRef> pushed,
        string? remote = null,
        IReadOnlyList<string>? gitArguments = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var location = context.Repository;
        var options = context.Options;
        var refs = pushed
            .Where(r => !r.IsDeletion && r.RemoteBranch is { } branch && options.Production.Branches.Any(p => PushedRef.BranchMatches(branch, p)))
            .ToList();
        if (refs.Count == 0)
        {
            return [];
        }

        var project = context.Project;
        if (project is null)
        {
            return [];
        }

        if (PrismaDatasource.OtherThanPostgres(project, location.ReadWorkTreeFile) is { } provider)
        {
            return [Finding.Note(PushRuleCodes.ProductionNotConfigured, $"{PrismaDatasource.NotCompared(provider)}, so this push was not compared with production; the pre-commit hook still protects committed migrations.", project.SchemaPath)];
        }

        var findings = new List<Finding>();
        var production = ProductionIdentityRead.NotConfigured;
        if (context.Production is null)
        {
            findings.Add(Finding.Warning(
                PushRuleCodes.ProductionNotConfigured,
                $"No production database is configured, so this push was not compared with production's migration history. Its URL is read from {ProductionUrlResolver.WhereToSet}; a read-only role is enough.",
                null,
                ProductionUrlResolver.Fix));
        }
        else
        {
            // Decided before any database is read, so that a required but missing shadow server is reported at once.
            var schemaCheck = SchemaCheckPlan.Decide(context, project, options.Production);
            var commits = refs.Select(r => new CommitToCompare(r.LocalSha, $"the push of {r.RemoteBranch}", $"The pushed commit {r.LocalSha} ({r.LocalRef})", r.LocalRef)).ToList();
            var rerun = remote is null ? null : PushedRef.Repeat(gitArguments, remote, pushed);
            var comparison = await ProductionComparer.CompareAsync(context, new ComparisonRequest(project, commits) { SchemaCheck = schemaCheck, Rerun = rerun }, cancellationToken).ConfigureAwait(false);
            findings.AddRange(comparison.Findings);
            production = comparison.Production;
        }

        foreach (var pushedRef in ChangingMigrations(location, project, refs))
        {
            var (exact, _) = await ExactCheckRun.RunAsync(
                context, project, pushedRef.LocalSha, $"the pushed commit {pushedRef.LocalSha[..7]} ({pushedRef.LocalRef})", ", then commit and push again", SchemaCheckPlan.TurnOn, production, cancellationToken).ConfigureAwait(false);
            findings.AddRange(exact);
        }

        return findings;
    }

    // The pushed commits whose range (from what the remote has, else from where they leave the default branch) changes
    // the schema or the migrations: only those can have migrations that miss the schema, so only those are replayed.
    static List<PushedRef> ChangingMigrations(RepositoryLocation location, PrismaProject project, IReadOnlyList<PushedRef> refs)
    {
        using var reader = new RepositoryReader(location);
        var changing = new List<PushedRef>();
        foreach (var pushedRef in refs.DistinctBy(r => r.LocalSha))
        {
            if (reader.RevParse(pushedRef.LocalSha) is not { } local)
            {
                continue;
            }

            var remote = pushedRef.RemoteSha.All(c => c == '0')
                ? DefaultBranch.Find(reader) is { } main ? reader.MergeBase(local, main.Commit) : null
                : reader.RevParse(pushedRef.RemoteSha);
            if (ExactCheckRun.Changes(remote is null ? null : reader.Trees(remote), reader.Trees(local), project))
            {
                changing.Add(pushedRef);
            }
        }

        return changing;
    }
}
