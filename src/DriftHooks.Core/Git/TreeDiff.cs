namespace DriftHooks.Core.Git;

/// <summary>
/// Compares two snapshots below a path, descending only into folders whose ids differ, so that an unchanged
/// migrations folder of a thousand migrations costs one comparison.
/// </summary>
internal static class TreeDiff
{
    public static void Compare(string path, ITreeSource before, ITreeSource after, List<FileChange> changes) =>
        Compare(path, before.Find(path), before, after.Find(path), after, changes);

    /// <summary>Compares what <paramref name="before"/> holds at <paramref name="oldPath"/> with what <paramref name="after"/> holds at <paramref name="newPath"/>, naming changes by the new path.</summary>
    public static void CompareMoved(string oldPath, string newPath, ITreeSource before, ITreeSource after, List<FileChange> changes) =>
        Compare(newPath, before.Find(oldPath), before, after.Find(newPath), after, changes);

    private static Dictionary<string, TreeNode> ByName(IReadOnlyList<TreeNode> nodes)
    {
        var byName = new Dictionary<string, TreeNode>(nodes.Count, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            byName[node.Name] = node;
        }

        return byName;
    }

    /// <summary>True when the names are strictly in git's tree order (a malformed tree may not be).</summary>
    internal static bool IsInGitOrder(IReadOnlyList<TreeNode> nodes)
    {
        if (nodes is TreeNodeList { InGitOrder: true })
        {
            return true;
        }

        for (var k = 1; k < nodes.Count; k++)
        {
            if (IndexTree.CompareGitOrder(nodes[k - 1], nodes[k]) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void Compare(string path, TreeNode? old, ITreeSource before, TreeNode? @new, ITreeSource after, List<FileChange> changes)
    {
        if ((old is null && @new is null) || (old is not null && @new is not null && old.HasSameId(@new) && old.Mode == @new.Mode))
        {
            return;
        }

        if (old is { IsTree: true } || @new is { IsTree: true })
        {
            var oldList = old is { IsTree: true } ? before.Children(old) : [];
            var newList = @new is { IsTree: true } ? after.Children(@new) : [];
            if (IsInGitOrder(oldList) && IsInGitOrder(newList))
            {
                // Both sorted (as git writes trees): one merge walk, and equal children cost no path or lookup.
                // A file and a folder of one name sort apart, so they come as a deletion and an addition.
                int i = 0, j = 0;
                while (i < oldList.Count || j < newList.Count)
                {
                    var order = i == oldList.Count ? 1 : j == newList.Count ? -1 : IndexTree.CompareGitOrder(oldList[i], newList[j]);
                    var o = order <= 0 ? oldList[i++] : null;
                    var n = order >= 0 ? newList[j++] : null;
                    if (o is null || n is null || !o.HasSameId(n) || o.Mode != n.Mode)
                    {
                        var name = (o ?? n)!.Name;
                        Compare(path.Length == 0 ? name : path + "/" + name, o, before, n, after, changes);
                    }
                }
            }
            else
            {
                var oldChildren = ByName(oldList);
                var newChildren = ByName(newList);
                var names = new SortedSet<string>(oldChildren.Keys, StringComparer.Ordinal);
                names.UnionWith(newChildren.Keys);
                foreach (var name in names)
                {
                    var childPath = path.Length == 0 ? name : path + "/" + name;
                    Compare(childPath, oldChildren.GetValueOrDefault(name), before, newChildren.GetValueOrDefault(name), after, changes);
                }
            }

            // A file replaced by a folder (or the reverse) is also a change of the file itself.
            if (old is { IsTree: false })
            {
                changes.Add(new FileChange(path, ChangeKind.Deleted, old.ObjectId, null));
            }

            if (@new is { IsTree: false })
            {
                changes.Add(new FileChange(path, ChangeKind.Added, null, @new.ObjectId));
            }

            return;
        }

        changes.Add(old is null
            ? new FileChange(path, ChangeKind.Added, null, @new!.ObjectId)
            : @new is null
                ? new FileChange(path, ChangeKind.Deleted, old.ObjectId, null)
                : new FileChange(path, ChangeKind.Modified, old.ObjectId, @new.ObjectId));
    }
}
