namespace DriftHooks.Core.Git;

/// <summary>Somewhere trees and blobs can be read: the object database, or trees built from the index.</summary>
internal interface ITreeSource
{
    /// <summary>The entry at a repository path ("" is the root), or null when absent.</summary>
    TreeNode? Find(string path);

    IReadOnlyList<TreeNode> Children(string treeId);

    /// <summary>The entries of a folder node from this source; a source may find them without the id in hex.</summary>
    IReadOnlyList<TreeNode> Children(TreeNode folder) => Children(folder.ObjectId);

    byte[] ReadBlob(string blobId);
}

/// <summary>Lookups every tree source answers the same way.</summary>
internal static class TreeSources
{
    /// <summary>The file (not a folder) named <paramref name="name"/> directly in <paramref name="folder"/>, or null.</summary>
    public static TreeNode? FindFile(this ITreeSource source, TreeNode folder, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        foreach (var child in source.Children(folder))
        {
            if (child.Name == name && !child.IsTree)
            {
                return child;
            }
        }

        return null;
    }
}
