using System.Text;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Commits;

/// <summary>
/// Finds a repository's Prisma projects from what git holds, one way for every command: the candidate paths of the
/// index (pre-commit, pre-push, doctor, drift, status) or of a commit's tree (check), gathered by one rule
/// (<see cref="PrismaProjectLocator.IsCandidate(ReadOnlySpan{byte})"/>: nothing under <c>node_modules</c> or <c>.git</c>)
/// and one tree walk (<see cref="CollectCandidates"/>), then decided by <see cref="PrismaProjectLocator"/>.
/// </summary>
internal static class ProjectLocator
{
    /// <summary>The projects the index holds, from a scan the caller already made.</summary>
    /// <param name="scan">A scan whose first entries are the index's candidates.</param>
    /// <param name="reader">Reads the trees of a sparse index's collapsed folders and their files' blobs.</param>
    /// <param name="configured">Projects named in configuration; when present they replace discovery.</param>
    /// <param name="collapsed">
    /// Whether to look inside a sparse index's collapsed folders (their candidates come from their trees, since the work
    /// tree does not have them). Pre-commit does not: it refuses a collapsed folder that differs from HEAD, so a project
    /// inside one is HEAD's and unchanged by the commit, and a sparse monorepo's hidden part is not walked on every commit.
    /// </param>
    public static IReadOnlyList<PrismaProject> InIndex(IndexScan scan, RepositoryReader reader, IReadOnlyList<ProjectLocation> configured, bool collapsed = true)
    {
        var location = reader.Location;
        var candidates = scan.First.Select(e => e.Path).ToList();
        if (configured.Count > 0 || !collapsed || scan.Collapsed is not { Count: > 0 } folders)
        {
            return PrismaProjectLocator.Locate(candidates, location.ReadWorkTreeFile, configured);
        }

        var hidden = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var folder in folders)
            {
                CollectCandidates(reader.ReadTree, folder.ObjectId, folder.Path + "/", hidden);
            }
        }
        catch (Findings.ResourceUnavailableException e)
        {
            throw GitIndexReader.SparseDirectory(location.IndexFile, folders[0].Path, $"is collapsed into one entry whose tree cannot be read ({e.Message})");
        }

        candidates.AddRange(hidden.Keys);
        return PrismaProjectLocator.Locate(
            candidates,
            path => hidden.TryGetValue(path, out var blob) ? Encoding.UTF8.GetString(reader.ReadBlob(blob)) : location.ReadWorkTreeFile(path),
            configured);
    }

    /// <summary>The projects the index holds (for the commands that locate them once: pre-push, doctor, drift, status).</summary>
    public static IReadOnlyList<PrismaProject> InIndex(RepositoryLocation location, IReadOnlyList<ProjectLocation> configured)
    {
        var scan = GitIndexReader.ScanForCandidates(location.IndexFile);
        using var reader = new RepositoryReader(location);
        return InIndex(scan, reader, configured);
    }

    /// <summary>
    /// The projects of a commit, from its tree (not the work tree): a CI checkout may hold another commit, and a range's
    /// verdict must not depend on what happens to be checked out.
    /// </summary>
    public static IReadOnlyList<PrismaProject> InCommit(RepositoryReader reader, string commit, IReadOnlyList<ProjectLocation> configured)
    {
        if (configured.Count > 0)
        {
            return PrismaProjectLocator.Locate([], _ => null, configured);
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectCandidates(reader.ReadTree, reader.CommitTree(commit), "", found);
        return PrismaProjectLocator.Locate(
            [.. found.Keys],
            path => found.TryGetValue(path, out var blob) ? Encoding.UTF8.GetString(reader.ReadBlob(blob)) : null,
            configured);
    }

    /// <summary>
    /// The one tree walk: every candidate file under a tree, by repository path, with its blob id. Skipped folders
    /// (<see cref="PrismaProjectLocator.IsSkippedFolder"/>) are not entered.
    /// </summary>
    /// <param name="readTree">Reads a tree's entries by id.</param>
    /// <param name="treeId">The tree to walk.</param>
    /// <param name="prefix">The tree's repository path with a trailing slash ("" for the root).</param>
    /// <param name="found">Receives each candidate's path and blob id.</param>
    internal static void CollectCandidates(Func<string, IReadOnlyList<TreeNode>> readTree, string treeId, string prefix, Dictionary<string, string> found)
    {
        // A stack rather than recursion: a committed tree may nest as deep as its author likes.
        var pending = new Stack<(string TreeId, string Prefix)>([(treeId, prefix)]);
        while (pending.TryPop(out var tree))
        {
            foreach (var node in readTree(tree.TreeId))
            {
                var path = tree.Prefix + node.Name;
                if (node.IsTree)
                {
                    if (!PrismaProjectLocator.IsSkippedFolder(node.Name))
                    {
                        pending.Push((node.ObjectId, path + "/"));
                    }
                }
                else if (node.IsBlob && PrismaProjectLocator.IsCandidate(Encoding.UTF8.GetBytes(path)))
                {
                    found[path] = node.ObjectId; // a file or a link, as the index lists them; not a submodule
                }
            }
        }
    }
}
