namespace DriftHooks.Core.Git;

/// <summary>What one read of the index gave: entries for two selections, and the valid cache-tree folder ids.</summary>
internal sealed class IndexScan
{
    private Dictionary<string, string>? _cachedTreeIds;
    private CacheTree? _parsed;
    private bool _parsedOnce;

    public List<IndexEntry> First { get; } = [];

    public List<IndexEntry> Second { get; } = [];

    /// <summary>
    /// Where given, the sparse index's collapsed directories (path without the trailing '/', tree id) that a selection
    /// could reach are listed here instead of refused; the caller then decides whether their content matters.
    /// </summary>
    public List<IndexEntry>? Collapsed { get; init; }

    /// <summary>Folder path ("" for the root) to the tree id the index's cache-tree holds for it, where valid.</summary>
    public Dictionary<string, string> CachedTreeIds => _cachedTreeIds ??= CachedTreeIdsFor(null, below: true);

    /// <summary>The raw "TREE" extension, or null when the index has none.</summary>
    internal byte[]? RawCacheTree { get; set; }

    /// <summary>
    /// The valid cache-tree ids of the folders at or above <paramref name="prefixes"/>, and below them too when
    /// <paramref name="below"/> (all folders when prefixes is null); decoding only those saves most of the work.
    /// </summary>
    public Dictionary<string, string> CachedTreeIdsFor(IReadOnlyList<string>? prefixes, bool below) =>
        RawCachedTreeIdsFor(prefixes, below).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>As <see cref="CachedTreeIdsFor"/>, with raw ids: the thousand folders below a prefix need no hex.</summary>
    internal Dictionary<string, RawId> RawCachedTreeIdsFor(IReadOnlyList<string>? prefixes, bool below) =>
        ParsedCacheTree?.Ids(prefixes, below) ?? new Dictionary<string, RawId>(StringComparer.Ordinal);

    /// <summary>The cache-tree decoded (once), or null when the index has none or it is malformed.</summary>
    internal CacheTree? ParsedCacheTree
    {
        get
        {
            if (!_parsedOnce)
            {
                _parsed = RawCacheTree is null ? null : CacheTree.Parse(RawCacheTree);
                _parsedOnce = true;
            }

            return _parsed;
        }
    }
}
