namespace DriftHooks.Core.Git;

/// <summary>An entry of a tree: a file (blob, symlink, submodule) or a folder, with its object id.</summary>
internal sealed class TreeNode : IEquatable<TreeNode>
{
    public const int TreeMode = 0x4000; // 040000
    public const int SymbolicLinkMode = 0xA000; // 120000

    private readonly RawId _id;
    private readonly bool _isRaw;
    private string? _hex;

    public TreeNode(string name, int mode, string objectId)
    {
        Name = name;
        Mode = mode;
        _hex = objectId;
        _isRaw = RawId.TryParse(objectId, out _id);
    }

    internal TreeNode(string name, int mode, RawId id)
    {
        Name = name;
        Mode = mode;
        _id = id;
        _isRaw = true;
    }

    public string Name { get; }

    public int Mode { get; }

    /// <summary>40 lowercase hex digits, or a stand-in id (see <see cref="IndexTree"/>); made on first use.</summary>
    public string ObjectId => _hex ??= _id.ToString();

    public bool IsTree => Mode == TreeMode;

    /// <summary>A file or a symbolic link (a blob), not a folder nor a submodule.</summary>
    public bool IsBlob => (Mode & 0xF000) is 0x8000 or SymbolicLinkMode;

    /// <summary>The index folder this node stands for when it was made by an <see cref="IndexTree"/> (no id lookup needed), else null.</summary>
    internal IndexTree.Folder? IndexFolder { get; init; }

    /// <summary>Same object id, compared without hex when both ids are raw.</summary>
    internal bool HasSameId(TreeNode other) => _isRaw && other._isRaw ? _id.Equals(other._id) : ObjectId == other.ObjectId;

    /// <summary>Same object id as <paramref name="id"/> (raw), else the hex comparison.</summary>
    internal bool HasId(RawId id) => _isRaw ? _id.Equals(id) : ObjectId == id.ToString();

    // Value equality, as the record this was: name, mode and id.
    public bool Equals(TreeNode? other) => other is not null && Name == other.Name && Mode == other.Mode && HasSameId(other);

    public override bool Equals(object? obj) => Equals(obj as TreeNode);

    public override int GetHashCode() => HashCode.Combine(Name, Mode, _isRaw ? _id.GetHashCode() : ObjectId.GetHashCode(StringComparison.Ordinal));

    public override string ToString() => $"{Name} {Convert.ToString(Mode, 8)} {ObjectId}";
}
