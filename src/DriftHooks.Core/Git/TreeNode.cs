namespace DriftHooks.Core.Git;

/// <summary>An entry of a tree: a file (blob, symlink, submodule) or a folder, with its object id.</summary>
public sealed record TreeNode(string Name, int Mode, string ObjectId)
{
    public const int TreeMode = 0x4000; // 040000

    public bool IsTree => Mode == TreeMode;
}
