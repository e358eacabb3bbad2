namespace DriftHooks.Core.Git;

/// <summary>What one read of the index gave: entries for two selections, and the valid cache-tree folder ids.</summary>
public sealed class IndexScan
{
    private Dictionary<string, string>? _cachedTreeIds;

    public List<IndexEntry> First { get; } = [];

    public List<IndexEntry> Second { get; } = [];

    /// <summary>Folder path ("" for the root) to the tree id the index's cache-tree holds for it, where valid.</summary>
    public Dictionary<string, string> CachedTreeIds => _cachedTreeIds ??= CachedTreeIdsFor(null, below: true);

    /// <summary>The raw "TREE" extension, or null when the index has none.</summary>
    internal byte[]? CacheTree { get; set; }

    /// <summary>
    /// The valid cache-tree ids of the folders at or above <paramref name="prefixes"/>, and below them too when
    /// <paramref name="below"/> (all folders when prefixes is null); decoding only those saves most of the work.
    /// </summary>
    public Dictionary<string, string> CachedTreeIdsFor(IReadOnlyList<string>? prefixes, bool below) =>
        RawCachedTreeIdsFor(prefixes, below).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>As <see cref="CachedTreeIdsFor"/>, with raw ids: the thousand folders below a prefix need no hex.</summary>
    internal Dictionary<string, RawId> RawCachedTreeIdsFor(IReadOnlyList<string>? prefixes, bool below)
    {
        var ids = new Dictionary<string, RawId>(StringComparer.Ordinal);
        if (CacheTree is not null)
        {
            GitIndexReader.ReadCacheTree(CacheTree, ids, prefixes, below);
        }

        return ids;
    }
}
