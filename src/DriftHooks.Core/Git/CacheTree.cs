using System.Globalization;
using System.Text;

namespace DriftHooks.Core.Git;

/// <summary>
/// The index's cache-tree ("TREE" extension): folders in pre-order, each "name NUL entry-count SP subtree-count LF"
/// then its tree id when entry-count is not -1 (-1: invalidated since the last write). Git keeps it exact: it
/// invalidates a folder and its parents whenever an entry below changes, and <c>git commit</c> writes these ids.
/// Checked once, then read in place: a folder is the offset of its line, and only the folders someone asks about
/// get their subfolders listed (a thousand migration folders cost one array of offsets, no strings). git keeps a
/// folder's subfolders sorted by name length, then bytes (cache-tree.c, subtree_name_cmp), and writes them in that
/// order, so a child is found by binary search in that order. Anything malformed drops the whole cache: the caller
/// then walks folders itself, which is only slower.
/// </summary>
internal sealed class CacheTree
{
    private readonly byte[] _data;
    private Dictionary<int, Child[]>? _children; // a folder's subfolders, listed for the few folders asked

    private CacheTree(byte[] data) => _data = data;

    /// <summary>The root folder, or -1 when the cache-tree is empty.</summary>
    public int Root => _data.Length > 0 ? 0 : -1;

    /// <summary>Checks the raw extension; null when it is malformed (then no folder id is trusted).</summary>
    public static CacheTree? Parse(byte[] data)
    {
        if (data.Length == 0)
        {
            return new CacheTree(data);
        }

        if (!TryReadLine(data, 0, out var root) || root.NameLength != 0)
        {
            return null;
        }

        // One root whose subtrees account for every line after it.
        var pos = 0;
        long open = 1;
        while (open > 0)
        {
            if (!TryReadLine(data, pos, out var line))
            {
                return null;
            }

            open += line.Subtrees - 1;
            pos = line.Next;
        }

        return pos == data.Length ? new CacheTree(data) : null;
    }

    /// <summary>The node of a folder ("" is the root), or -1.</summary>
    public int Find(string path)
    {
        var node = Root;
        if (path.Length == 0 || node < 0)
        {
            return node;
        }

        foreach (var part in path.Split('/'))
        {
            node = FindChild(node, part);
            if (node < 0)
            {
                return -1;
            }
        }

        return node;
    }

    /// <summary>The node of the subfolder <paramref name="name"/> of <paramref name="parent"/>, or -1.</summary>
    public int FindChild(int parent, ReadOnlySpan<char> name)
    {
        if (parent < 0)
        {
            return -1;
        }

        // Compared as UTF-8 bytes; an ASCII name (nearly all) is its own UTF-8, so it needs no encoding.
        var ascii = Ascii.IsValid(name);
        Span<byte> buffer = stackalloc byte[256];
        var utf8 = ascii ? [] : Encoding.UTF8.GetMaxByteCount(name.Length) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetByteCount(name)];
        var wanted = ascii ? [] : utf8[..Encoding.UTF8.GetBytes(name, utf8)];
        var children = ChildrenOf(parent);
        int low = 0, high = children.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var child = Name(children[middle]);
            var order = ascii ? CompareAsGitStoresThem(child, name) : CompareAsGitStoresThem(child, wanted);
            if (order == 0)
            {
                return children[middle].Offset;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        // A cache-tree written by another tool may not keep git's order: look through them all before giving up.
        foreach (var child in children)
        {
            if (ascii ? CompareAsGitStoresThem(Name(child), name) == 0 : Name(child).SequenceEqual(wanted))
            {
                return child.Offset;
            }
        }

        return -1;
    }

    /// <summary>The folder's tree id when the cache-tree holds a valid one.</summary>
    public bool TryGetId(int node, out RawId id)
    {
        if (node >= 0 && TryReadLine(_data, node, out var line) && line.EntryCount >= 0)
        {
            id = RawId.FromBytes(_data.AsSpan(line.Next - RawId.Size, RawId.Size));
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>The valid ids by folder path of the folders at or above the prefixes, and below them when asked (all when prefixes is null).</summary>
    public Dictionary<string, RawId> Ids(IReadOnlyList<string>? prefixes, bool below)
    {
        var ids = new Dictionary<string, RawId>(StringComparer.Ordinal);
        if (_data.Length > 0)
        {
            Collect(0, "", prefixes, below, ids);
        }

        return ids;
    }

    private void Collect(int node, string path, IReadOnlyList<string>? prefixes, bool below, Dictionary<string, RawId> ids)
    {
        var wanted = prefixes is null;
        var descend = prefixes is null;
        foreach (var prefix in prefixes ?? [])
        {
            if (Prisma.RepoPath.IsUnder(prefix, path) || (below && Prisma.RepoPath.IsUnder(path, prefix)))
            {
                wanted = true;
                descend |= below || prefix.Length > path.Length;
            }
        }

        if (wanted && TryGetId(node, out var id))
        {
            ids[path] = id;
        }

        if (descend)
        {
            foreach (var child in ChildrenOf(node))
            {
                var name = Encoding.UTF8.GetString(Name(child));
                Collect(child.Offset, path.Length == 0 ? name : path + "/" + name, prefixes, below, ids);
            }
        }
    }

    private Child[] ChildrenOf(int node)
    {
        _children ??= [];
        if (!_children.TryGetValue(node, out var children))
        {
            TryReadLine(_data, node, out var line);
            children = new Child[line.Subtrees];
            var pos = line.Next;
            for (var k = 0; k < children.Length; k++)
            {
                TryReadLine(_data, pos, out var child);
                children[k] = new Child(pos, child.NameLength);
                pos = SkipFolder(pos);
            }

            _children[node] = children;
        }

        return children;
    }

    // The offset after a folder's line and all its subfolders' (the data was checked by Parse).
    private int SkipFolder(int pos)
    {
        long open = 1;
        while (open > 0)
        {
            TryReadLine(_data, pos, out var line);
            open += line.Subtrees - 1;
            pos = line.Next;
        }

        return pos;
    }

    private ReadOnlySpan<byte> Name(Child child) => _data.AsSpan(child.Offset, child.NameLength);

    private static bool TryReadLine(byte[] data, int pos, out Line line)
    {
        line = default;
        var rest = data.AsSpan(pos);
        var nul = rest.IndexOf((byte)0);
        var newline = nul < 0 ? -1 : rest[nul..].IndexOf((byte)'\n');
        if (nul < 0 || newline < 0)
        {
            return false;
        }

        var counts = rest.Slice(nul + 1, newline - 1);
        var space = counts.IndexOf((byte)' ');
        if (space < 0
            || !int.TryParse(counts[..space], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var entryCount)
            || !int.TryParse(counts[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var subtrees)
            || !System.Text.Unicode.Utf8.IsValid(rest[..nul]))
        {
            return false;
        }

        var next = pos + nul + newline + 1 + (entryCount >= 0 ? RawId.Size : 0);
        if (next > data.Length)
        {
            return false;
        }

        line = new Line(nul, entryCount, subtrees, next);
        return true;
    }

    private static int CompareAsGitStoresThem(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);

    private static int CompareAsGitStoresThem(ReadOnlySpan<byte> a, ReadOnlySpan<char> ascii)
    {
        if (a.Length != ascii.Length)
        {
            return a.Length.CompareTo(ascii.Length);
        }

        for (var k = 0; k < a.Length; k++)
        {
            if (a[k] != ascii[k])
            {
                return a[k] < ascii[k] ? -1 : 1;
            }
        }

        return 0;
    }

    private readonly record struct Child(int Offset, int NameLength);

    /// <summary>One folder's line: its name's length, entry count (-1: invalidated), subfolder count, and where the next line starts.</summary>
    private readonly record struct Line(int NameLength, int EntryCount, int Subtrees, int Next);
}
