namespace DriftHooks.Core.Git;

/// <summary>
/// One entry of the git index as <c>git ls-files --stage</c> shows it.
/// </summary>
internal sealed class IndexEntry : IEquatable<IndexEntry>
{
    private readonly RawId _id;
    private readonly bool _isRaw;
    private string? _hex;

    /// <param name="path">Repository-relative, '/'-separated path (UTF-8 decoded; invalid bytes become U+FFFD).</param>
    /// <param name="mode">The raw mode bits, e.g. 0x81A4 (octal 100644); 0xA000 symlink, 0xE000 gitlink.</param>
    /// <param name="objectId">40 lowercase hex digits.</param>
    /// <param name="stage">0 for a normal entry, 1-3 for the base/ours/theirs sides of a conflict.</param>
    /// <param name="intentToAdd">Added with <c>git add -N</c>: the path is known but its content is not staged.</param>
    /// <param name="skipWorktree">The skip-worktree bit (sparse checkout, <c>update-index --skip-worktree</c>).</param>
    public IndexEntry(string path, int mode, string objectId, int stage, bool intentToAdd, bool skipWorktree)
        : this(path, mode, stage, intentToAdd, skipWorktree)
    {
        _hex = objectId;
        _isRaw = RawId.TryParse(objectId, out _id);
    }

    // The index holds raw ids: most are compared, few are ever printed.
    internal IndexEntry(string path, int mode, RawId id, int stage, bool intentToAdd, bool skipWorktree)
        : this(path, mode, stage, intentToAdd, skipWorktree)
    {
        _id = id;
        _isRaw = true;
    }

    private IndexEntry(string path, int mode, int stage, bool intentToAdd, bool skipWorktree)
    {
        Path = path;
        Mode = mode;
        Stage = stage;
        IntentToAdd = intentToAdd;
        SkipWorktree = skipWorktree;
    }

    public string Path { get; }

    public int Mode { get; }

    /// <summary>40 lowercase hex digits.</summary>
    public string ObjectId => _hex ??= _id.ToString();

    public int Stage { get; }

    public bool IntentToAdd { get; }

    public bool SkipWorktree { get; }

    /// <summary>A tree node for this entry, keeping the raw id.</summary>
    internal TreeNode ToNode(string name) => _isRaw ? new TreeNode(name, Mode, _id) : new TreeNode(name, Mode, ObjectId);

    // Value equality, as the record this was.
    public bool Equals(IndexEntry? other) =>
        other is not null && Path == other.Path && Mode == other.Mode && Stage == other.Stage && IntentToAdd == other.IntentToAdd
        && SkipWorktree == other.SkipWorktree && (_isRaw && other._isRaw ? _id.Equals(other._id) : ObjectId == other.ObjectId);

    public override bool Equals(object? obj) => Equals(obj as IndexEntry);

    public override int GetHashCode() => HashCode.Combine(Path, Mode, Stage, _isRaw ? _id.GetHashCode() : ObjectId.GetHashCode(StringComparison.Ordinal));

    public override string ToString() => $"{Convert.ToString(Mode, 8)} {ObjectId} {Stage}\t{Path}";
}
