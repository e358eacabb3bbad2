namespace DriftHooks.Core.Git;

/// <summary>
/// A folder's entries, which its owner marks as in git's tree order once it has checked (or sorted) them after its
/// last change, so that the thousand-entry migrations folder is not checked again on every comparison.
/// </summary>
internal sealed class TreeNodeList : List<TreeNode>
{
    /// <summary>Set only by the list's owner, after its last change: the entries are strictly in git's order.</summary>
    public bool InGitOrder { get; set; }
}
