using DriftHooks.Core.Configuration;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Hooks;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using LibGit2Sharp;

namespace DriftHooks.Core.Range;

/// <summary>
/// <c>drifthooks check</c>: the commit rules over every commit of <c>base..head</c>, each against its first parent
/// (a root commit against nothing), and, when production is configured, the push comparison for the head commit.
/// For CI, which catches what <c>--no-verify</c> commits and hand-made pushes let past the hooks.
/// The working tree plays no part: a CI checkout is not a developer's staging area.
/// </summary>
public static class RangeCheck
{
    public static async Task<RangeCheckResult> RunAsync(
        RepositoryLocation location,
        DriftHooksOptions options,
        string? baseRef,
        string headRef,
        IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken = default)
    {
        CommitInfo baseInfo;
        CommitInfo headInfo;
        string baseSource;
        var commits = new List<CommitInfo>();
        var findings = new List<CommitFinding>();
        PrismaProject? productionProject;

        using (var repository = GitRepository.Open(location))
        {
            var head = Resolve(repository, headRef, "--head");
            Commit @base;
            if (baseRef is not null)
            {
                @base = Resolve(repository, baseRef, "--base");
                baseSource = $"--base {baseRef}";
            }
            else
            {
                var (name, commit) = DefaultBranch.Find(repository) ?? throw new ConfigurationException(
                    "No default branch (origin/HEAD, origin/main, main, origin/master, master) is known here, so the range to check cannot be chosen. " +
                    "Give it with --base <ref> (in GitHub Actions: --base origin/${{ github.base_ref }}), and fetch full history (actions/checkout with fetch-depth: 0)." +
                    (repository.Info.IsShallow ? " This clone is shallow." : ""));
                @base = repository.ObjectDatabase.FindMergeBase(head, commit) ?? throw new ConfigurationException(
                    $"{headRef} and {DefaultBranch.DisplayName(name)} share no history" + (repository.Info.IsShallow ? " in this shallow clone: fetch full history (actions/checkout with fetch-depth: 0)" : "") + ". Give the range's start with --base <ref>.");
                baseSource = $"merge-base of {headRef} with {DefaultBranch.DisplayName(name)}";
            }

            baseInfo = CommitInfo.Of(@base);
            headInfo = CommitInfo.Of(head);

            var range = repository.Commits.QueryBy(new CommitFilter
            {
                IncludeReachableFrom = head,
                ExcludeReachableFrom = @base,
                SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
            }).ToList();

            // The projects of both ends, so that one added or removed inside the range is still judged.
            var projects = CommitProjects.Locate(head, options)
                .Concat(CommitProjects.Locate(@base, options))
                .DistinctBy(p => p.SchemaPath)
                .ToList();
            var baseTree = new ObjectDatabaseTrees(repository, @base);
            foreach (var commit in range)
            {
                var info = CommitInfo.Of(commit);
                commits.Add(info);
                var before = new ObjectDatabaseTrees(repository, commit.Parents.FirstOrDefault());
                var after = new ObjectDatabaseTrees(repository, commit);
                foreach (var (project, previous) in ProjectPairing.Pair(projects, before, after))
                {
                    if (ProjectChangesReader.IsUnchanged(project, before, after))
                    {
                        continue;
                    }

                    var changes = ProjectChangesReader.Read(project, before, after, workTree: null, previous);
                    var parent = commit.Parents.FirstOrDefault()?.Sha[..7];
                    findings.AddRange(CommitRules.Evaluate(changes, AllDisabled(options))
                        .Where(f => !IsMainlineOrder(f, commit, baseTree))
                        .Select(f => new CommitFinding(info, ForCommit(f, parent))));
                }
            }

            productionProject = PrePushCheck.ChooseProject(CommitProjects.Locate(head, options), options);
        }

        var compared = false;
        if (productionProject is not null)
        {
            var source = ProductionUrlResolver.Resolve(location, environment);
            if (source is null)
            {
                findings.Add(new CommitFinding(headInfo, Finding.Note(
                    PushRuleCodes.ProductionNotConfigured,
                    "No production database is configured, so the head commit was not compared with production's migration history.",
                    null,
                    $"give CI a read-only URL in the {ProductionUrlResolver.EnvironmentVariable} secret to compare it")));
            }
            else
            {
                // In CI the environment is the workflow's, which the team commits: a schema check switched off there is policy.
                var schemaCheck = SchemaCheckPlan.Decide(
                    location,
                    productionProject,
                    options with { Production = options.Production with { SchemaCheckOffBy = null } },
                    environment,
                    Database.DatabaseUrl.Parse(source.Url),
                    SchemaCheckPlan.TurnOnInCi);
                var production = await PrePushCheck.CompareAsync(
                    location,
                    options,
                    productionProject,
                    source,
                    [new CommitToCompare(headInfo.Sha, "the head commit", $"The head commit {headInfo.Sha}")],
                    cancellationToken,
                    subject: "the head commit",
                    schemaCheck: schemaCheck).ConfigureAwait(false);
                findings.AddRange(production.Select(f => new CommitFinding(headInfo, f)));
                compared = !production.Any(f => f.Code == PushRuleCodes.ProductionUnreachable);
            }
        }

        return new RangeCheckResult(baseInfo, baseSource, headInfo, commits, findings, compared);
    }

    // In CI the environment is the workflow's, which the team commits: a rule switched off there is policy.
    private static HashSet<string> AllDisabled(DriftHooksOptions options) =>
        [.. options.DisabledRules, .. options.LocallyDisabledRules.Keys];

    // The rules' fixes speak of the index against HEAD; in a range the commit's parent plays HEAD's part.
    // A merge that brings the range's base (the mainline) into a branch brings migrations committed there: one that
    // sorts before the branch's own newest is no fault of the merge (as pre-merge-commit judges it).
    private static bool IsMainlineOrder(Finding finding, LibGit2Sharp.Commit commit, ObjectDatabaseTrees baseTree) =>
        finding.Code == RuleCodes.MigrationOutOfOrder && commit.Parents.Skip(1).Any() && finding.Location is { } folder && baseTree.Find(folder) is { IsTree: true };

    private static Finding ForCommit(Finding finding, string? parent) =>
        parent is null || finding.Fix is null || !finding.Fix.Contains("--source=HEAD", StringComparison.Ordinal)
            ? finding
            : finding with { Fix = finding.Fix.Replace("--source=HEAD", "--source=" + parent, StringComparison.Ordinal) + ", and commit the result" };

    private static Commit Resolve(Repository repository, string reference, string option)
    {
        try
        {
            return repository.Lookup<Commit>(reference) ?? throw new ConfigurationException(
                $"{option} {reference} is not a commit in this repository." + (repository.Info.IsShallow ? " This clone is shallow: fetch full history (actions/checkout with fetch-depth: 0)." : " Fetch it first (git fetch origin)."));
        }
        catch (LibGit2SharpException e)
        {
            throw new ConfigurationException($"{option} {reference} cannot be read as a commit: {e.Message}", e);
        }
    }
}
