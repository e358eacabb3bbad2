using DriftHooks.Core.Git;

namespace DriftHooks.Core.Rules;

/// <summary>A migration folder on one side of a comparison: its name and the blob id of its migration.sql, if any.</summary>
internal sealed record MigrationFolder
{
    private readonly string? _scriptId;
    private TreeNode? _script;
    private ITreeSource? _unreadSource; // with _unreadFolder: the folder's entries, read on first use
    private TreeNode? _unreadFolder;

    public MigrationFolder(string name, string? scriptId, bool scriptIsLink = false)
    {
        Name = name;
        _scriptId = scriptId;
        if (scriptIsLink && scriptId is not null)
        {
            _script = new TreeNode("migration.sql", TreeNode.SymbolicLinkMode, scriptId);
        }
    }

    private MigrationFolder(string name, TreeNode? script, ITreeSource? unreadSource, TreeNode? unreadFolder)
    {
        Name = name;
        SharedWithOtherSide = unreadSource is not null;
        _script = script;
        _unreadSource = unreadSource;
        _unreadFolder = unreadFolder;
    }

    public string Name { get; }

    /// <summary>Both sides hold this folder with the same tree id, so its script is the same on both (known without reading it).</summary>
    public bool SharedWithOtherSide { get; }

    public string? ScriptId
    {
        get
        {
            ReadFolder();
            return _scriptId ?? _script?.ObjectId;
        }
    }

    /// <summary>The migration.sql is a symbolic link (git mode 120000): git holds only the path it points to.</summary>
    public bool ScriptIsLink
    {
        get
        {
            ReadFolder();
            return _script?.Mode == TreeNode.SymbolicLinkMode;
        }
    }

    private void ReadFolder()
    {
        if (_unreadSource is not null)
        {
            _script = _unreadSource.FindFile(_unreadFolder!, "migration.sql");
            _unreadSource = null;
            _unreadFolder = null;
        }
    }

    // From a tree: the id stays raw until asked for, as most of a thousand folders are never asked.
    internal static MigrationFolder FromTree(string name, TreeNode? script) => new(name, script, null, null);

    // A folder both sides share (same tree id): its entries are read only if someone asks for its script.
    internal static MigrationFolder Unread(string name, ITreeSource source, TreeNode folder) => new(name, null, source, folder);

    public bool Equals(MigrationFolder? other) => other is not null && Name == other.Name && ScriptId == other.ScriptId && ScriptIsLink == other.ScriptIsLink;

    public override int GetHashCode() => HashCode.Combine(Name, ScriptId);
}
