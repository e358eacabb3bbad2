using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Commits;

/// <summary>Where this clone holds the version of a migration that a database applied.</summary>
internal static class AppliedVersion
{
    /// <summary>
    /// The newest commit reachable from <paramref name="sha"/> whose <paramref name="path"/> has the checksum a database
    /// recorded (short id), else the newest such commit of any branch, tag or of HEAD's reflog (a fetched colleague's
    /// branch, a commit amended away), as <c>git log --all --reflog</c> would find it; null when this clone holds none.
    /// Read only for a migration modified after it was applied.
    /// </summary>
    public static string? Find(RepositoryLocation location, string sha, string path, string? checksum)
    {
        if (checksum is null)
        {
            return null;
        }

        using var reader = new RepositoryReader(location);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? Search(IEnumerable<string> include, IEnumerable<string> exclude)
        {
            foreach (var commit in reader.Walk(include, exclude, HistoryOrder.NewestFirst).Take(10_000))
            {
                if (reader.HistoryTrees(commit).Find(path) is { IsBlob: true } blob && seen.Add(blob.ObjectId) && MigrationChecksum.Matches(checksum, reader.ReadBlob(blob.ObjectId)))
                {
                    return commit[..7];
                }
            }

            return null;
        }

        var others = MigrationHolders.ReachableTips(reader);
        return Search([sha], []) ?? (others.Count == 0 ? null : Search(others, [sha]));
    }
}
