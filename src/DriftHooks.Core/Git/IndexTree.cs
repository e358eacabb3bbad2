using System.Text;

namespace DriftHooks.Core.Git;

/// <summary>
/// The folders of index entries as git would write them as trees, with their object ids, so that a folder whose
/// id equals the one in HEAD can be skipped without looking inside. A folder's id comes from the index's own
/// cache-tree (what <c>git commit</c> itself writes) when that is valid, else from hashing the tree object.
/// </summary>
public sealed class IndexTree : ITreeSource
{
    private readonly Dictionary<string, Folder> _folders;
    private Dictionary<string, List<TreeNode>>? _childrenByTreeId; // made on first lookup by id: it needs every id in hex
    private readonly Func<string, byte[]> _readBlob;

    /// <param name="entries">Index entries; only merged (stage 0) entries that will be committed are used.</param>
    /// <param name="readBlob">Reads a blob from the object database.</param>
    /// <param name="cachedTreeIds">Valid cache-tree ids by folder path, or null.</param>
    /// <param name="completePrefixes">
    /// The prefixes under which <paramref name="entries"/> holds every index entry: only there can a cached id stand
    /// for the folder's entries (an ancestor folder holds entries that were not read).
    /// </param>
    /// <param name="hashFolders">
    /// False: a folder without a cached id gets a stand-in id ("index:" and its path) that equals no object id, instead
    /// of hashing its tree object. Comparisons then descend into it and find what differs; no result changes.
    /// </param>
    public IndexTree(
        IEnumerable<IndexEntry> entries,
        Func<string, byte[]> readBlob,
        IReadOnlyDictionary<string, string>? cachedTreeIds = null,
        IReadOnlyList<string>? completePrefixes = null,
        bool hashFolders = true)
        : this(entries, readBlob, RawIds(cachedTreeIds), completePrefixes, hashFolders)
    {
    }

    internal IndexTree(
        IEnumerable<IndexEntry> entries,
        Func<string, byte[]> readBlob,
        Dictionary<string, RawId>? cachedTreeIds,
        IReadOnlyList<string>? completePrefixes,
        bool hashFolders)
    {
        _readBlob = readBlob;
        // Sized once: a thousand migration folders would otherwise regrow the table (and the list) several times.
        var expected = entries is IReadOnlyCollection<IndexEntry> collection ? collection.Count + 1 : 16;
        _folders = new Dictionary<string, Folder>(expected, StringComparer.Ordinal);
        var root = new Folder("", "", null);
        _folders[""] = root;
        var created = new List<Folder>(expected) { root }; // parents before their subfolders
        var current = root;
        string? lastName = null;
        foreach (var entry in entries)
        {
            if (entry.Stage != 0 || entry.IntentToAdd)
            {
                continue;
            }

            // Index order keeps a folder's files together: most entries reuse the previous entry's folder and name.
            var path = entry.Path;
            var slash = path.LastIndexOf('/');
            var folderLength = slash < 0 ? 0 : slash;
            if (current.Path.Length != folderLength || !path.AsSpan(0, folderLength).SequenceEqual(current.Path))
            {
                current = GetFolder(path.AsSpan(0, folderLength), created, cachedTreeIds);
            }

            var nameSpan = path.AsSpan(slash + 1);
            var name = lastName is not null && nameSpan.SequenceEqual(lastName) ? lastName : nameSpan.ToString();
            lastName = name;
            current.Children.Add(entry.ToNode(name));
        }

        // Subfolders before their parents, so each folder's id is known before its parent is hashed.
        var buffer = new MemoryStream(); // reused for every tree object hashed
        for (var k = created.Count - 1; k >= 0; k--)
        {
            var folder = created[k];
            var children = folder.Children;
            folder.Node = cachedTreeIds is not null && completePrefixes is not null && folder.Path.Length > 0
                && cachedTreeIds.TryGetValue(folder.Path, out var cached) && IsUnderAny(folder.Path, completePrefixes)
                ? new TreeNode(folder.Name, TreeNode.TreeMode, cached) { IndexChildren = children }
                : new TreeNode(folder.Name, TreeNode.TreeMode, hashFolders ? HashTree(children, buffer) : "index:" + folder.Path) { IndexChildren = children };
            folder.Parent?.Children.Add(folder.Node);
        }

        // Every list is complete now: put each in git's order once and say so, so comparisons need not check again.
        // A list that is still not strictly ordered after sorting (two equal names) is left unmarked.
        foreach (var folder in created)
        {
            var children = folder.Children;
            if (!TreeDiff.IsInGitOrder(children))
            {
                children.Sort(CompareGitOrder);
                children.InGitOrder = TreeDiff.IsInGitOrder(children);
            }
            else
            {
                children.InGitOrder = true;
            }
        }
    }

    public TreeNode? Find(string path)
    {
        if (_folders.TryGetValue(path, out var folder))
        {
            return folder.Node;
        }

        if (path.Length == 0 || !_folders.TryGetValue(Prisma.RepoPath.Directory(path), out var parent))
        {
            return null;
        }

        var name = Prisma.RepoPath.FileName(path);
        foreach (var child in parent.Children)
        {
            if (!child.IsTree && child.Name == name)
            {
                return child;
            }
        }

        return null;
    }

    public IReadOnlyList<TreeNode> Children(string treeId)
    {
        if (_childrenByTreeId is null)
        {
            _childrenByTreeId = new Dictionary<string, List<TreeNode>>(_folders.Count, StringComparer.Ordinal);
            foreach (var folder in _folders.Values)
            {
                _childrenByTreeId.TryAdd(folder.Node!.ObjectId, folder.Children);
            }
        }

        return _childrenByTreeId.TryGetValue(treeId, out var children) ? SortedInGitOrder(children) : [];
    }

    /// <summary>A folder's entries straight from the node when it is one of this tree's, with no id lookup.</summary>
    public IReadOnlyList<TreeNode> Children(TreeNode folder) =>
        folder.IndexChildren is { } children ? SortedInGitOrder(children) : Children(folder.ObjectId);

    public byte[] ReadBlob(string blobId) => _readBlob(blobId);

    private static Dictionary<string, RawId>? RawIds(IReadOnlyDictionary<string, string>? ids)
    {
        if (ids is null)
        {
            return null;
        }

        // An id that is not 40 hex digits is left out: the folder is then hashed or walked, never trusted.
        var raw = new Dictionary<string, RawId>(ids.Count, StringComparer.Ordinal);
        foreach (var (path, hex) in ids)
        {
            if (RawId.TryParse(hex, out var id))
            {
                raw[path] = id;
            }
        }

        return raw;
    }

    private static bool IsUnderAny(string folder, IReadOnlyList<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (prefix.Length > 0 && Prisma.RepoPath.IsUnder(folder, prefix))
            {
                return true;
            }
        }

        return false;
    }

    // Looked up by span, and a new folder takes its path string from the cache-tree's table when it is there: a thousand
    // migration folders then cost no path strings of their own.
    private Folder GetFolder(ReadOnlySpan<char> path, List<Folder> created, Dictionary<string, RawId>? cachedTreeIds)
    {
        if (!_folders.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path, out var folder))
        {
            var slash = path.LastIndexOf('/');
            var parent = GetFolder(slash < 0 ? [] : path[..slash], created, cachedTreeIds);
            var key = cachedTreeIds is not null && cachedTreeIds.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path, out var shared, out _)
                ? shared
                : path.ToString();
            folder = new Folder(key, key[(slash + 1)..], parent);
            _folders[key] = folder;
            created.Add(folder);
        }

        return folder;
    }

    private sealed class Folder(string path, string name, Folder? parent)
    {
        public string Path { get; } = path;

        public string Name { get; } = name;

        public Folder? Parent { get; } = parent;

        public TreeNodeList Children { get; } = [];

        public TreeNode? Node { get; set; }
    }

    /// <summary>Git's tree id: entries sorted as git sorts them (a folder as if its name ended in '/').</summary>
    public static string HashTree(List<TreeNode> children) => HashTree(children, new MemoryStream());

    private static string HashTree(List<TreeNode> children, MemoryStream body)
    {
        SortedInGitOrder(children);
        body.SetLength(0);
        Span<byte> id = stackalloc byte[20];
        foreach (var child in children)
        {
            WriteOctal(body, child.Mode);
            body.WriteByte((byte)' ');
            WriteName(body, child.Name);
            body.WriteByte(0);
            if (Convert.FromHexString(child.ObjectId, id, out _, out var written) != System.Buffers.OperationStatus.Done || written != 20)
            {
                throw new FormatException($"'{child.ObjectId}' is not a SHA-1 object id.");
            }

            body.Write(id);
        }

        var sha = new Sha1();
        sha.Append(Encoding.ASCII.GetBytes($"tree {body.Length}\0"));
        sha.Append(body.GetBuffer().AsSpan(0, (int)body.Length));
        return Convert.ToHexStringLower(sha.Finish());
    }

    private static List<TreeNode> SortedInGitOrder(List<TreeNode> children)
    {
        // Lists are asked for again and again, and most were built in order: check before sorting.
        if (!TreeDiff.IsInGitOrder(children))
        {
            children.Sort(CompareGitOrder);
        }

        return children;
    }

    private static void WriteOctal(MemoryStream body, int mode)
    {
        Span<byte> digits = stackalloc byte[12];
        var at = digits.Length;
        do
        {
            digits[--at] = (byte)('0' + (mode & 7));
            mode >>= 3;
        }
        while (mode != 0);
        body.Write(digits[at..]);
    }

    private static void WriteName(MemoryStream body, string name)
    {
        if (Ascii.IsValid(name))
        {
            foreach (var c in name)
            {
                body.WriteByte((byte)c);
            }
        }
        else
        {
            body.Write(Encoding.UTF8.GetBytes(name));
        }
    }

    // Byte order of the UTF-8 names, a folder compared as if its name ended in '/'. Below the surrogates UTF-16 order is
    // code point order, which is UTF-8 byte order, so only a difference at a surrogate or above needs the UTF-8 bytes.
    internal static int CompareGitOrder(TreeNode a, TreeNode b)
    {
        var x = a.Name;
        var y = b.Name;
        var common = Math.Min(x.Length, y.Length);
        var at = x.AsSpan(0, common).CommonPrefixLength(y.AsSpan(0, common));
        if (at < common)
        {
            return x[at] < 0xD800 && y[at] < 0xD800 ? x[at].CompareTo(y[at]) : CompareUtf8(a, b);
        }

        // Equal up to the shorter name: its end ('/' for a folder, else none) against the longer one's next character,
        // whose first UTF-8 byte is above '/' whenever the character is not ASCII.
        var ca = x.Length > common ? x[common] : a.IsTree ? '/' : '\0';
        var cb = y.Length > common ? y[common] : b.IsTree ? '/' : '\0';
        return ca.CompareTo(cb);
    }

    private static int CompareUtf8(TreeNode a, TreeNode b)
    {
        var x = Encoding.UTF8.GetBytes(a.IsTree ? a.Name + "/" : a.Name);
        var y = Encoding.UTF8.GetBytes(b.IsTree ? b.Name + "/" : b.Name);
        return x.AsSpan().SequenceCompareTo(y);
    }
}
