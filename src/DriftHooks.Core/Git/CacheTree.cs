using System.Globalization;
using System.Text;

namespace DriftHooks.Core.Git;

/// <summary>
/// The index's cache-tree ("TREE" extension) decoded once into a flat pre-order array, without a string per folder:
/// a thousand migration folders cost one array. Folders are found by name from the root. git keeps a folder's
/// subfolders sorted by name length, then bytes (cache-tree.c, subtree_name_cmp), and writes them in that order, so
/// a child is found by binary search in that order.
/// </summary>
internal sealed class CacheTree
{
    private readonly byte[] _data;
    private readonly Node[] _nodes;
    private readonly int _count;
    private Dictionary<int, int[]>? _children; // a folder's subfolders in git's order, made for the few folders asked

    private CacheTree(byte[] data, Node[] nodes, int count)
    {
        _data = data;
        _nodes = nodes;
        _count = count;
    }

    /// <summary>The root folder's node, or -1 when the cache-tree is empty.</summary>
    public int Root => _count > 0 ? 0 : -1;

    /// <summary>Decodes the raw extension; null when it is malformed (then no folder id is trusted).</summary>
    public static CacheTree? Parse(byte[] data)
    {
        var nodes = new Node[Math.Max(4, data.Length / 40)];
        var count = 0;
        var open = new Stack<(int Node, long Remaining)>();
        var pos = 0;
        while (pos < data.Length)
        {
            var rest = data.AsSpan(pos);
            var nul = rest.IndexOf((byte)0);
            var newline = nul < 0 ? -1 : rest[nul..].IndexOf((byte)'\n');
            if (nul < 0 || newline < 0)
            {
                return null;
            }

            var counts = rest.Slice(nul + 1, newline - 1);
            var space = counts.IndexOf((byte)' ');
            if (space < 0
                || !int.TryParse(counts[..space], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var entryCount)
                || !int.TryParse(counts[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var subtrees)
                || !System.Text.Unicode.Utf8.IsValid(rest[..nul]))
            {
                return null;
            }

            // Folders whose subtrees are all read end here: their subtree ends before this node.
            while (open.Count > 0 && open.Peek().Remaining == 0)
            {
                nodes[open.Pop().Node].End = count;
            }

            if (open.Count == 0 && (count > 0 || nul != 0))
            {
                return null; // a second root, or a root with a name
            }

            if (open.Count > 0)
            {
                var (parent, remaining) = open.Pop();
                open.Push((parent, remaining - 1));
            }

            var nameStart = pos;
            pos += nul + newline + 1;
            RawId id = default;
            if (entryCount >= 0)
            {
                if (data.Length - pos < RawId.Size)
                {
                    return null;
                }

                id = RawId.FromBytes(data.AsSpan(pos, RawId.Size));
                pos += RawId.Size;
            }

            if (count == nodes.Length)
            {
                Array.Resize(ref nodes, nodes.Length * 2);
            }

            nodes[count] = new Node(nameStart, nul, entryCount, id);
            open.Push((count, subtrees));
            count++;
        }

        while (open.Count > 0)
        {
            nodes[open.Pop().Node].End = count;
        }

        return new CacheTree(data, nodes, count);
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

        Span<byte> buffer = stackalloc byte[256];
        var utf8 = Encoding.UTF8.GetMaxByteCount(name.Length) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetByteCount(name)];
        var wanted = utf8[..Encoding.UTF8.GetBytes(name, utf8)];
        var children = ChildrenOf(parent);
        int low = 0, high = children.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = CompareAsGitStoresThem(Name(children[middle]), wanted);
            if (order == 0)
            {
                return children[middle];
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
            if (Name(child).SequenceEqual(wanted))
            {
                return child;
            }
        }

        return -1;
    }

    /// <summary>The folder's tree id when the cache-tree holds a valid one.</summary>
    public bool TryGetId(int node, out RawId id)
    {
        if (node >= 0 && _nodes[node].EntryCount >= 0)
        {
            id = _nodes[node].Id;
            return true;
        }

        id = default;
        return false;
    }

    /// <summary>The valid ids by folder path of the folders at or above the prefixes, and below them when asked (all when prefixes is null).</summary>
    public Dictionary<string, RawId> Ids(IReadOnlyList<string>? prefixes, bool below)
    {
        var ids = new Dictionary<string, RawId>(StringComparer.Ordinal);
        if (_count > 0)
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
                Collect(child, path.Length == 0 ? name : path + "/" + name, prefixes, below, ids);
            }
        }
    }

    private int[] ChildrenOf(int node)
    {
        _children ??= [];
        if (!_children.TryGetValue(node, out var children))
        {
            var list = new List<int>();
            for (var child = node + 1; child < _nodes[node].End; child = _nodes[child].End)
            {
                list.Add(child);
            }

            children = [.. list];
            _children[node] = children;
        }

        return children;
    }

    private ReadOnlySpan<byte> Name(int node) => _data.AsSpan(_nodes[node].NameStart, _nodes[node].NameLength);

    private static int CompareAsGitStoresThem(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);

    private struct Node(int nameStart, int nameLength, int entryCount, RawId id)
    {
        public readonly int NameStart = nameStart;
        public readonly int NameLength = nameLength;
        public readonly int EntryCount = entryCount; // -1: invalidated, no id
        public readonly RawId Id = id;
        public int End; // the node after this folder's subtree
    }
}
