using DriftHooks.Core.Git;

namespace DriftHooks.Core.Rules;

/// <summary>A migration folder on one side of a comparison: its name and the blob id of its migration.sql, if any.</summary>
public sealed record MigrationFolder
{
    private readonly TreeNode? _script;
    private readonly string? _scriptId;

    public MigrationFolder(string name, string? scriptId)
    {
        Name = name;
        _scriptId = scriptId;
    }

    private MigrationFolder(string name, TreeNode script)
    {
        Name = name;
        _script = script;
    }

    public string Name { get; }

    public string? ScriptId => _scriptId ?? _script?.ObjectId;

    // From a tree: the id stays raw until asked for, as most of a thousand folders are never asked.
    internal static MigrationFolder FromTree(string name, TreeNode script) => new(name, script);

    public bool Equals(MigrationFolder? other) => other is not null && Name == other.Name && ScriptId == other.ScriptId;

    public override int GetHashCode() => HashCode.Combine(Name, ScriptId);
}
