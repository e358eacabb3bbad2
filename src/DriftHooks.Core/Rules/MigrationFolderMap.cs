using System.Collections;
using System.Diagnostics.CodeAnalysis;
using DriftHooks.Core.Git;

namespace DriftHooks.Core.Rules;

/// <summary>
/// One side's migration folders by name. The folders both sides share (same tree id, usually all but one or two of
/// a thousand) live in one table that both sides point to, and become <see cref="MigrationFolder"/> values only when
/// read; the folders of this side alone are kept as they are.
/// </summary>
internal sealed class MigrationFolderMap : IReadOnlyDictionary<string, MigrationFolder>
{
    private readonly Dictionary<string, TreeNode> _shared;
    private readonly ITreeSource _sharedSource;
    private readonly Dictionary<string, MigrationFolder> _own;

    /// <param name="shared">Folders both sides have with the same tree id, by name.</param>
    /// <param name="sharedSource">Where the shared folders' entries are read (when a script id is asked for).</param>
    /// <param name="own">This side's other folders.</param>
    public MigrationFolderMap(Dictionary<string, TreeNode> shared, ITreeSource sharedSource, Dictionary<string, MigrationFolder> own)
    {
        _shared = shared;
        _sharedSource = sharedSource;
        _own = own;
    }

    public int Count => _shared.Count + _own.Count;

    public IEnumerable<string> Keys => _shared.Keys.Concat(_own.Keys);

    public IEnumerable<MigrationFolder> Values => this.Select(pair => pair.Value);

    public MigrationFolder this[string key] => TryGetValue(key, out var folder) ? folder : throw new KeyNotFoundException(key);

    /// <summary>The names <paramref name="side"/> has and <paramref name="other"/> lacks; shared folders are skipped without a lookup.</summary>
    public static IEnumerable<string> OnlyIn(IReadOnlyDictionary<string, MigrationFolder> side, IReadOnlyDictionary<string, MigrationFolder> other) =>
        side is MigrationFolderMap a && other is MigrationFolderMap b && ReferenceEquals(a._shared, b._shared)
            ? a._own.Keys.Where(name => !b._own.ContainsKey(name))
            : side.Keys.Where(name => !other.ContainsKey(name));

    public bool ContainsKey(string key) => _own.ContainsKey(key) || _shared.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out MigrationFolder value)
    {
        if (_own.TryGetValue(key, out value))
        {
            return true;
        }

        if (_shared.TryGetValue(key, out var node))
        {
            value = MigrationFolder.Unread(key, _sharedSource, node);
            return true;
        }

        return false;
    }

    public IEnumerator<KeyValuePair<string, MigrationFolder>> GetEnumerator()
    {
        foreach (var (name, node) in _shared)
        {
            yield return new(name, MigrationFolder.Unread(name, _sharedSource, node));
        }

        foreach (var pair in _own)
        {
            yield return pair;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
