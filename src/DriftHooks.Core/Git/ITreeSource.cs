namespace DriftHooks.Core.Git;

/// <summary>Somewhere trees and blobs can be read: the object database, or trees built from the index.</summary>
public interface ITreeSource
{
    /// <summary>The entry at a repository path ("" is the root), or null when absent.</summary>
    TreeNode? Find(string path);

    IReadOnlyList<TreeNode> Children(string treeId);

    byte[] ReadBlob(string blobId);
}
