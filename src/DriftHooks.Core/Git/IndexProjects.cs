using System.Text;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Git;

/// <summary>
/// The Prisma projects the index holds, for the commands that locate them once (pre-push, doctor, drift); the
/// pre-commit hook has its own faster path. In a sparse index, a collapsed directory is one entry naming a tree:
/// its candidate files are listed from that tree and read from their blobs, since the work tree does not have them.
/// </summary>
internal static class IndexProjects
{
    public static IReadOnlyList<PrismaProject> Locate(RepositoryLocation location, IReadOnlyList<ProjectLocation> configured)
    {
        var scan = GitIndexReader.ScanForCandidates(location.IndexFile);
        var candidates = scan.First.Select(e => e.Path).ToList();
        if (scan.Collapsed is not { Count: > 0 } collapsed)
        {
            return PrismaProjectLocator.Locate(candidates, location.ReadWorkTreeFile, configured);
        }

        try
        {
            using var store = ObjectStore.Open(location);
            var hidden = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var directory in collapsed)
            {
                CollectCandidates(store, directory.ObjectId, directory.Path, hidden);
            }

            candidates.AddRange(hidden.Keys);
            return PrismaProjectLocator.Locate(
                candidates,
                path => hidden.TryGetValue(path, out var blob) ? Encoding.UTF8.GetString(store.ReadBlob(blob)) : location.ReadWorkTreeFile(path),
                configured);
        }
        catch (Exception e) when (e is ObjectStoreException or InvalidDataException or EndOfStreamException)
        {
            throw GitIndexReader.SparseDirectory(location.IndexFile, collapsed[0].Path, $"is collapsed into one entry whose tree cannot be read ({e.Message})");
        }
    }

    private static void CollectCandidates(ObjectStore store, string treeId, string path, Dictionary<string, string> found)
    {
        foreach (var node in store.ReadTree(treeId))
        {
            var child = path + "/" + node.Name;
            if (node.IsTree)
            {
                CollectCandidates(store, node.ObjectId, child, found);
            }
            else if (PrismaProjectLocator.IsCandidate(Encoding.UTF8.GetBytes(child)))
            {
                found[child] = node.ObjectId;
            }
        }
    }
}
