using DriftHooks.Core.Prisma;
using LibGit2Sharp;

namespace DriftHooks.Core.Git;

/// <summary>
/// Where this clone holds migrations a database applied but the compared commit lacks: the branches (local first,
/// then remote-tracking) whose tip has the migration's folder, as <c>git branch -a --contains</c> would find for it.
/// A fix can then name what to merge instead of a blind <c>git pull</c>. Asked only for a few names, on the refusal path.
/// </summary>
public static class MigrationHolders
{
    public static IReadOnlyDictionary<string, string> Find(RepositoryLocation location, PrismaProject project, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(project);
        var wanted = names.Take(Rules.FixText.ShownNames).ToList();
        var holders = new Dictionary<string, string>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return holders;
        }

        using var repository = GitRepository.Open(location);
        var branches = repository.Branches
            .Where(b => b.Tip is not null && !b.IsCurrentRepositoryHead && !b.CanonicalName.EndsWith("/HEAD", StringComparison.Ordinal))
            .OrderBy(b => b.IsRemote)
            .ThenBy(b => b.FriendlyName, StringComparer.Ordinal)
            .ToList();
        foreach (var name in wanted)
        {
            var path = project.MigrationFolder(name) + "/migration.sql";
            if (branches.FirstOrDefault(b => b.Tip.Tree[path] is not null) is { } branch)
            {
                holders[name] = branch.FriendlyName;
            }
        }

        return holders;
    }
}
