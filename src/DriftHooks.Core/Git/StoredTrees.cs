namespace DriftHooks.Core.Git;

/// <summary>Trees and blobs of one commit read by <see cref="RepositoryReader"/> (or an <see cref="ObjectStore"/>), each tree parsed at most once.</summary>
internal sealed class StoredTrees(Func<string, IReadOnlyList<TreeNode>> readTree, Func<string, byte[]> readBlob, string? rootTreeId) : ITreeSource
{
    private readonly Dictionary<string, IReadOnlyList<TreeNode>> _trees = new(StringComparer.Ordinal);

    public StoredTrees(ObjectStore store, string? rootTreeId)
        : this(store.ReadTree, store.ReadBlob, rootTreeId)
    {
    }

    public TreeNode? Find(string path)
    {
        if (rootTreeId is null)
        {
            return null;
        }

        var node = new TreeNode("", TreeNode.TreeMode, rootTreeId);
        if (path.Length == 0)
        {
            return node;
        }

        foreach (var part in path.Split('/'))
        {
            if (!node.IsTree)
            {
                return null;
            }

            TreeNode? child = null;
            foreach (var candidate in Children(node.ObjectId))
            {
                if (candidate.Name == part)
                {
                    child = candidate;
                    break;
                }
            }

            if (child is null)
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    public IReadOnlyList<TreeNode> Children(string treeId)
    {
        if (!_trees.TryGetValue(treeId, out var children))
        {
            children = readTree(treeId);
            if (children is TreeNodeList list && TreeDiff.IsInGitOrder(list))
            {
                list.InGitOrder = true; // checked once here: the list is this cache's and never changes
            }

            _trees[treeId] = children;
        }

        return children;
    }

    public byte[] ReadBlob(string blobId) => readBlob(blobId);
}
