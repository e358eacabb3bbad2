using LibGit2Sharp;

namespace DriftHooks.Core.Git;

/// <summary>Trees and blobs of one commit (or of nothing, before a repository's first commit), read through libgit2.</summary>
internal sealed class ObjectDatabaseTrees(Repository repository, Commit? commit) : ITreeSource
{
    public Commit? Commit => commit;

    public TreeNode? Find(string path)
    {
        if (commit is null)
        {
            return null;
        }

        if (path.Length == 0)
        {
            return new TreeNode("", TreeNode.TreeMode, commit.Tree.Sha);
        }

        var entry = commit.Tree[path];
        return entry is null ? null : new TreeNode(entry.Name, (int)entry.Mode, entry.Target.Sha);
    }

    public IReadOnlyList<TreeNode> Children(string treeId)
    {
        var tree = repository.Lookup<Tree>(treeId);
        return tree is null ? [] : [.. tree.Select(e => new TreeNode(e.Name, (int)e.Mode, e.Target.Sha))];
    }

    public byte[] ReadBlob(string blobId) => ReadBlob(repository, blobId);

    public static byte[] ReadBlob(Repository repository, string blobId)
    {
        var blob = repository.Lookup<Blob>(blobId) ?? throw new Findings.ResourceUnavailableException(
            $"The git object {blobId} is missing from the repository's object database. Run 'git fsck' to check the repository.");
        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream((int)blob.Size);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
