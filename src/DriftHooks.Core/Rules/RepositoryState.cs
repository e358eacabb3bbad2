namespace DriftHooks.Core.Rules;

/// <summary>Where one migration stands in the repository: committed, only in the working tree, or only in HEAD.</summary>
internal enum RepositoryState
{
    /// <summary>In HEAD and in the working tree.</summary>
    Committed,

    /// <summary>In the working tree only: not committed yet.</summary>
    Uncommitted,

    /// <summary>In HEAD, deleted from the working tree.</summary>
    Deleted,

    /// <summary>In neither: known only from a database.</summary>
    Absent,
}
