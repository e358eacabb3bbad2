using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Commits;

/// <summary>
/// Where this clone holds migrations a database applied but the compared commit lacks: the branches (local first,
/// then remote-tracking) whose tip has the migration's folder, as <c>git branch -a --contains</c> would find for it,
/// else the newest commit of any branch's history (or HEAD's reflog) that had it, as
/// <c>git log --all --reflog -- &lt;folder&gt;</c> would. A fix can then name what to merge or restore instead of a
/// blind <c>git pull</c>. Asked only for a few names, on the refusal path.
/// </summary>
internal static class MigrationHolders
{
    // How far back the history walk looks for a deleted folder: enough for years of a busy repository, bounded.
    private const int HistoryCommits = 50_000;

    /// <param name="location">The repository.</param>
    /// <param name="project">The Prisma project.</param>
    /// <param name="names">The migrations the compared commit lacks.</param>
    /// <param name="compared">The compared commit (null: HEAD): a branch it already contains would merge nothing.</param>
    public static IReadOnlyDictionary<string, MigrationHolder> Find(RepositoryLocation location, PrismaProject project, IEnumerable<string> names, string? compared = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        var wanted = names.Take(FixText.ShownNames).ToList();
        var holders = new Dictionary<string, MigrationHolder>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return holders;
        }

        using var reader = new RepositoryReader(location);
        var head = reader.Head();
        var target = compared ?? head.Commit;
        var branches = reader.References("refs/heads/").Concat(reader.References("refs/remotes/"))
            .Where(b => b.SymbolicTarget is null && b.Name != head.Branch && !b.Name.EndsWith("/HEAD", StringComparison.Ordinal))
            .Where(b => target is null || BringsCommits(reader, b.Commit, target))
            .OrderBy(b => b.Name.StartsWith("refs/remotes/", StringComparison.Ordinal))
            .ThenBy(b => DefaultBranch.DisplayName(b.Name), StringComparer.Ordinal)
            .ToList();
        foreach (var name in wanted)
        {
            if (branches.FirstOrDefault(b => reader.Trees(b.Commit).Find(Script(project, name)) is not null) is { } branch)
            {
                holders[name] = new MigrationHolder(DefaultBranch.DisplayName(branch.Name), null);
            }
        }

        var unheld = wanted.Where(n => !holders.ContainsKey(n)).ToList();
        var tips = unheld.Count > 0 ? ReachableTips(reader) : [];
        if (tips.Count > 0)
        {
            foreach (var commit in reader.Walk(tips, [], HistoryOrder.NewestFirst).Take(HistoryCommits))
            {
                var trees = reader.HistoryTrees(commit);
                foreach (var name in unheld.Where(n => !holders.ContainsKey(n) && trees.Find(Script(project, n)) is not null).ToList())
                {
                    holders[name] = new MigrationHolder(null, commit[..7]);
                }

                if (unheld.All(holders.ContainsKey))
                {
                    break;
                }
            }
        }

        return holders;
    }

    /// <summary>
    /// Every ref's commit and every commit HEAD's reflog names, as <c>git log --all --reflog</c> starts from: a commit
    /// of a deleted branch, or one amended away, stays in the reflog (and so in git) until it expires and is pruned.
    /// </summary>
    internal static List<string> ReachableTips(RepositoryReader reader) =>
        [.. reader.References("refs/").Select(r => r.Commit).Concat(reader.HeadReflog()).Distinct(StringComparer.Ordinal)];

    // Whether merging the tip into the target brings anything: a branch the target already contains merges nothing.
    private static bool BringsCommits(RepositoryReader reader, string tip, string target) =>
        reader.Walk([tip], [target], HistoryOrder.Any).Any();

    private static string Script(PrismaProject project, string name) => project.MigrationFolder(name) + "/migration.sql";
}
