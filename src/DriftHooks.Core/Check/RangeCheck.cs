using DriftHooks.Core.Commits;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Production;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Check;

/// <summary>
/// <c>drifthooks check</c>: the commit rules over what <c>base..head</c> leaves (the head against the base), each finding
/// naming the commit that caused it, and, when production is configured, the push comparison for the head commit.
/// For CI, which catches what <c>--no-verify</c> commits and hand-made pushes let past the hooks.
/// The working tree plays no part: a CI checkout is not a developer's staging area.
/// </summary>
internal static class RangeCheck
{
    /// <param name="branch">
    /// The branch the head is (<see cref="CiBranch.Find"/>), whose pushed copy is no other place holding a migration: a
    /// migration only it holds may be renamed. Null: HEAD's branch, none in a detached checkout.
    /// </param>
    public static async Task<RangeCheckResult> RunAsync(
        CommandContext context,
        string? baseRef,
        string headRef,
        string? branch = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var range = ReadRange(context, baseRef, headRef);
        var findings = range.EndState;
        var (compared, productionRead, changedProjects) = await CompareHeadAsync(context, range, branch, findings, cancellationToken).ConfigureAwait(false);

        // In CI the environment is the workflow's: DH115 switched off there switches the exact check off too. A schema
        // change with no migration at all (DH101) is that finding's one cause: the replay would only say it again (DH115).
        foreach (var project in AllDisabled(context.Options).Contains(RuleCodes.MigrationsMissSchema) ? [] : changedProjects.Where(p => !HasNoMigration(p, findings)))
        {
            await ExactAsync(context, project, range.Head, productionRead, findings, cancellationToken).ConfigureAwait(false);
        }

        return new RangeCheckResult(range.Base, range.BaseSource, range.Head, range.Commits, findings, compared);
    }

    /// <summary>What one read of the repository gives the check: the range, its end state judged, and the projects to compare.</summary>
    sealed record RangeRead(
        CommitInfo Base, string BaseSource, CommitInfo Head, List<CommitInfo> Commits, List<CommitFinding> EndState,
        PrismaProject? ProductionProject, List<PrismaProject> ChangedProjects);

    static RangeRead ReadRange(CommandContext context, string? baseRef, string headRef)
    {
        var (location, options) = (context.Repository, context.Options);
        using var reader = new RepositoryReader(location);
        var head = Resolve(reader, headRef, "--head");
        var (@base, baseSource) = baseRef is not null
            ? (Resolve(reader, baseRef, "--base"), $"--base {baseRef}")
            : MergeBaseWithDefaultBranch(reader, head, headRef);
        var range = reader.Walk([head], [@base], HistoryOrder.OldestFirst).ToList();

        // The projects of both ends, so that one added or removed inside the range is still judged; the head's located once.
        var headProjects = ProjectLocator.InCommit(reader, head, options.Projects);
        var projects = headProjects
            .Concat(ProjectLocator.InCommit(reader, @base, options.Projects))
            .DistinctBy(p => p.SchemaPath)
            .ToList();
        var endState = JudgeEndState(reader, @base, head, range, projects, AllDisabled(options), project => ThrowawayShadow.For(location, project, options.Settings), context.Invocation);
        var (baseTrees, headTrees) = (reader.Trees(@base), reader.Trees(head));
        return new RangeRead(
            CommitInfo.Of(reader, @base),
            baseSource,
            CommitInfo.Of(reader, head),
            [.. range.Select(c => CommitInfo.Of(reader, c))],
            endState,
            ProjectChoice.Choose(headProjects, options),
            [.. headProjects.Where(p => ExactCheckRun.Changes(baseTrees, headTrees, p))]);
    }

    static (string Base, string Source) MergeBaseWithDefaultBranch(RepositoryReader reader, string head, string headRef)
    {
        var (name, commit) = DefaultBranch.Find(reader) ?? throw new ConfigurationException(
            "No default branch (origin/HEAD, origin/main, main, origin/master, master) is known here, so the range to check cannot be chosen. " +
            "Give it with --base <ref> (in GitHub Actions: --base origin/${{ github.base_ref }}), and fetch full history (actions/checkout with fetch-depth: 0)." +
            (reader.IsShallow ? " This clone is shallow." : ""));
        var @base = reader.MergeBase(head, commit) ?? throw new ConfigurationException(
            $"{headRef} and {DefaultBranch.DisplayName(name)} share no history" + (reader.IsShallow ? " in this shallow clone: fetch full history (actions/checkout with fetch-depth: 0)" : "") + ". Give the range's start with --base <ref>.");
        return (@base, $"merge-base of {headRef} with {DefaultBranch.DisplayName(name)}");
    }

    // The head commit against production, when there is a project to compare and production is configured; the
    // projects left for the exact check (a project not on PostgreSQL is neither compared nor replayed).
    static async Task<(bool Compared, ProductionIdentityRead Production, List<PrismaProject> ChangedProjects)> CompareHeadAsync(
        CommandContext context, RangeRead range, string? branch, List<CommitFinding> findings, CancellationToken cancellationToken)
    {
        var location = context.Repository;
        var (project, headInfo) = (range.ProductionProject, range.Head);
        if (project is null)
        {
            return (false, ProductionIdentityRead.NotConfigured, range.ChangedProjects);
        }

        if (PrismaDatasource.OtherThanPostgres(project, location.ReadWorkTreeFile) is { } provider)
        {
            findings.Add(new CommitFinding(headInfo, Finding.Note(
                PushRuleCodes.ProductionNotConfigured, $"{PrismaDatasource.NotCompared(provider)}, so the head commit was not compared with production, nor replayed on a shadow server.", project.SchemaPath)));
            return (false, ProductionIdentityRead.NotConfigured, [.. range.ChangedProjects.Where(p => PrismaDatasource.OtherThanPostgres(p, location.ReadWorkTreeFile) is null)]);
        }

        if (context.Production is null)
        {
            findings.Add(new CommitFinding(headInfo, Finding.Note(
                PushRuleCodes.ProductionNotConfigured,
                "No production database is configured, so the head commit was not compared with production's migration history.",
                null,
                $"give CI a read-only URL in the {ProductionUrlResolver.EnvironmentVariable} secret to compare it")));
            return (false, ProductionIdentityRead.NotConfigured, range.ChangedProjects);
        }

        // In CI the environment is the workflow's, which the team commits: a schema check switched off there is policy.
        var schemaCheck = SchemaCheckPlan.Decide(context, project, context.Options.Production with { SchemaCheckOffBy = null }, SchemaCheckPlan.TurnOnInCi);
        var production = await ProductionComparer.CompareAsync(
            context,
            new ComparisonRequest(project, [new CommitToCompare(headInfo.Sha, "the head commit", $"The head commit {headInfo.Sha}", branch is null ? null : "refs/heads/" + branch)])
            {
                Subject = "the head commit",
                SchemaCheck = schemaCheck,
            },
            cancellationToken).ConfigureAwait(false);
        findings.AddRange(production.Findings.Select(f => new CommitFinding(headInfo, f)));
        return (!production.Findings.Any(f => f.Code == PushRuleCodes.ProductionUnreachable), production.Production, range.ChangedProjects);
    }

    static bool HasNoMigration(PrismaProject project, List<CommitFinding> findings) =>
        findings.Any(f => f.Finding.Code == RuleCodes.SchemaWithoutMigration && f.Finding.Location is { } at
            && at.Split(", ").Any(path => project.IsSchemaFile(path)));

    // The head's migrations replayed on a shadow database decide DH115 where a server is at hand: what they conclude
    // replaces the offline verdict (a "cannot tell" note, a refusal) and DH113's guess for that project.
    private static async Task ExactAsync(
        CommandContext context, PrismaProject project, CommitInfo head, ProductionIdentityRead production, List<CommitFinding> findings, CancellationToken cancellationToken)
    {
        var (exact, concluded) = await ExactCheckRun.RunAsync(
            context, project, head.Sha, $"the head commit {head.ShortSha}", ", then commit and push", SchemaCheckPlan.TurnOnInCi, production, cancellationToken).ConfigureAwait(false);
        if (concluded)
        {
            findings.RemoveAll(f => f.Finding.Code is RuleCodes.MigrationsMissSchema or RuleCodes.MigrationMissesSchemaChange
                && f.Finding.Location is { } at && project.Prefixes.Any(p => RepoPath.IsUnder(at, p)));
        }

        findings.AddRange(exact.Select(f => new CommitFinding(head, f)));
    }

    // In CI the environment is the workflow's, which the team commits: a rule switched off there is policy.
    private static HashSet<string> AllDisabled(DriftHooksOptions options) =>
        [.. options.DisabledRules, .. options.LocallyDisabledRules.Keys];

    /// <summary>
    /// The range judged as what it leaves: the head's tree against the base's, as merging it would bring. A later commit
    /// repairs an earlier one (the migration a --no-verify commit lacked, added afterwards, turns the check green), and a
    /// migration born in the range may be edited or renamed there, as no deployed database has it; an edit of the base's
    /// migrations is judged against the base, which is what databases applied. Each finding names the last commit that
    /// caused it, judged on its own against its first parent (else the head). Order is judged commit by commit too,
    /// for the migrations that still carry the name.
    /// </summary>
    private static List<CommitFinding> JudgeEndState(
        RepositoryReader reader, string @base, string head, List<string> range, IReadOnlyList<PrismaProject> projects, HashSet<string> disabled,
        Func<PrismaProject, ThrowawayShadow> shadow, Installation.Invocation invocation)
    {
        var baseTrees = reader.Trees(@base);
        var baseName = @base[..7];

        // The base is where the range leaves the mainline (by default its merge-base with the default branch): its
        // migrations are the published ones, and those a merge brings from it are committed there.
        PublishedMigration? Published(string folder) =>
            baseTrees.Find(folder) is { IsTree: true }
                ? new PublishedMigration(baseName, baseTrees.Find(folder + "/migration.sql")?.ObjectId, OnMainline: true)
                : null;

        var headTrees = reader.Trees(head);
        const string ThenCommit = ", then commit and push";
        var endState = CommitJudgement.Judge(
            projects, baseTrees, headTrees, workTree: null, new CommitBase { Revision = baseName, ThenCommit = ThenCommit, Published = Published, Shadow = shadow, Invocation = invocation }, disabled);

        // Order is history: a migration that sorted before the newest when its commit (a merge, say) landed stays
        // wrong while it keeps that name, even when both are new to the base.
        var causes = new Dictionary<(string, string?), CommitInfo>();
        var found = new List<CommitFinding>();
        foreach (var commit in range)
        {
            var parent = reader.FirstParent(commit);
            var own = CommitJudgement.Judge(
                projects, reader.Trees(parent), reader.Trees(commit), workTree: null,
                new CommitBase { Revision = parent?[..7] ?? baseName, ThenCommit = ThenCommit, Published = Published, Shadow = shadow, Invocation = invocation },
                disabled);
            var info = own.Count == 0 ? null : CommitInfo.Of(reader, commit);
            foreach (var finding in own)
            {
                causes[(finding.Code, finding.Location)] = info!;
                if (finding.Code == RuleCodes.MigrationOutOfOrder && finding.Location is { } folder && headTrees.Find(folder) is { IsTree: true }
                    && !endState.Any(f => f.Code == finding.Code && f.Location == folder))
                {
                    found.Add(new CommitFinding(info!, finding));
                }
            }
        }

        var headInfo = CommitInfo.Of(reader, head);
        return [.. endState.Select(f => new CommitFinding(causes.GetValueOrDefault((f.Code, f.Location), headInfo), f)), .. found.DistinctBy(f => f.Finding.Location)];
    }

    private static string Resolve(RepositoryReader reader, string reference, string option)
    {
        try
        {
            return reader.RevParse(reference) ?? throw new ConfigurationException(
                $"{option} {reference} is not a commit in this repository." + (reader.IsShallow ? " This clone is shallow: fetch full history (actions/checkout with fetch-depth: 0)." : " Fetch it first (git fetch origin)."));
        }
        catch (ConfigurationException e) when (e.InnerException is not null)
        {
            throw new ConfigurationException($"{option} {e.Message}", e.InnerException);
        }
    }
}
