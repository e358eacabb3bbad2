namespace DriftHooks.Core.Git;

/// <summary>What one read of the index gave: entries for two selections, and the valid cache-tree folder ids.</summary>
public sealed class IndexScan
{
    public List<IndexEntry> First { get; } = [];

    public List<IndexEntry> Second { get; } = [];

    /// <summary>Folder path ("" for the root) to the tree id the index's cache-tree holds for it, where valid.</summary>
    public Dictionary<string, string> CachedTreeIds { get; } = new(StringComparer.Ordinal);
}
