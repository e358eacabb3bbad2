using System.Text;

namespace DriftHooks.Core.Git;

/// <summary>
/// The folders of index entries as git would write them as trees, with their object ids, so that a folder whose
/// id equals the one in HEAD can be skipped without looking inside. A folder's id comes from the index's own
/// cache-tree (what <c>git commit</c> itself writes) when that is valid, else from hashing the tree object.
/// A folder with a valid cached id is kept as one node over its run of entries and built only when someone looks
/// inside: a thousand unchanged migration folders then cost a node each, not a folder, a list and a file node each.
/// Given the tree it will be compared with (HEAD), such a folder whose id equals the base's takes the base's own
/// node, which costs nothing: equal ids mean equal contents, so the base answers for everything inside it.
/// </summary>
internal sealed class IndexTree : ITreeSource
{
    private readonly IReadOnlyList<IndexEntry> _entries;
    private readonly Dictionary<string, Folder> _folders; // the folders built so far, by path
    private readonly Func<string, byte[]> _readBlob;
    private readonly CacheTree? _cacheTree;
    private readonly IReadOnlyList<string>? _completePrefixes;
    private readonly bool _hashFolders;
    private readonly ITreeSource? _base;
    private readonly MemoryStream _hashBuffer = new(); // reused for every tree object hashed
    private Dictionary<string, List<TreeNode>>? _childrenByTreeId; // made on first lookup by id: it needs every id in hex

    /// <param name="entries">Index entries; only merged (stage 0) entries that will be committed are used.</param>
    /// <param name="readBlob">Reads a blob from the object database.</param>
    /// <param name="hashFolders">
    /// False: a folder without a cached id gets a stand-in id ("index:" and its path) that equals no object id, instead
    /// of hashing its tree object. Comparisons then descend into it and find what differs; no result changes.
    /// </param>
    public IndexTree(IEnumerable<IndexEntry> entries, Func<string, byte[]> readBlob, bool hashFolders = true)
        : this([.. entries], readBlob, cacheTree: null, completePrefixes: null, hashFolders, baseTree: null)
    {
    }

    /// <param name="entries">Index entries, in index order for folders to be kept unbuilt.</param>
    /// <param name="readBlob">Reads a blob from the object database.</param>
    /// <param name="cacheTree">The index's cache-tree, or null.</param>
    /// <param name="completePrefixes">
    /// The prefixes under which <paramref name="entries"/> holds every index entry: only there can a cached id stand
    /// for the folder's entries (an ancestor folder holds entries that were not read).
    /// </param>
    /// <param name="hashFolders">As for the public constructor.</param>
    /// <param name="baseTree">The tree this one will be compared with, whose folder nodes may be shared; or null.</param>
    internal IndexTree(
        IReadOnlyList<IndexEntry> entries,
        Func<string, byte[]> readBlob,
        CacheTree? cacheTree,
        IReadOnlyList<string>? completePrefixes,
        bool hashFolders,
        ITreeSource? baseTree = null)
    {
        _base = baseTree;
        _entries = entries;
        _readBlob = readBlob;
        _cacheTree = cacheTree;
        _completePrefixes = completePrefixes;
        _hashFolders = hashFolders;
        _folders = new Dictionary<string, Folder>(StringComparer.Ordinal);
        var root = new Folder(this, "", "", null, cacheTree?.Root ?? -1);
        _folders[""] = root;

        // A folder's entries form one run only when the entries are in order; otherwise every folder is built.
        var keepUnbuilt = cacheTree is not null && completePrefixes is not null && IsOrdered(entries);
        Add(root, 0, entries.Count, [root], keepUnbuilt);
    }

    public TreeNode? Find(string path)
    {
        if (_folders.TryGetValue(path, out var folder))
        {
            return folder.Node;
        }

        if (path.Length == 0)
        {
            return null;
        }

        var parentPath = Prisma.RepoPath.Directory(path);
        if (!_folders.TryGetValue(parentPath, out var parent))
        {
            // Inside a folder not built yet: build it (and those above it) first; inside a folder shared with the
            // base, the base's answer is this tree's too.
            var parentNode = Find(parentPath);
            if (parentNode is not { IsTree: true })
            {
                return null;
            }

            if (parentNode.IndexFolder is not { } unbuilt || unbuilt.Owner != this)
            {
                return _base?.Find(path);
            }

            Build(unbuilt, keepUnbuilt: true);
            parent = unbuilt;
        }

        var name = Prisma.RepoPath.FileName(path);
        foreach (var child in parent.Children)
        {
            if (child.Name == name)
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
            BuildAll();
            _childrenByTreeId = new Dictionary<string, List<TreeNode>>(_folders.Count, StringComparer.Ordinal);
            foreach (var folder in _folders.Values)
            {
                _childrenByTreeId.TryAdd(folder.Node!.ObjectId, folder.Children);
            }
        }

        // An id of none of this tree's own folders may be one of the base's shared folders: ids name contents, so the
        // base's answer is right for any id it knows.
        return _childrenByTreeId.TryGetValue(treeId, out var children) ? SortedInGitOrder(children) : _base?.Children(treeId) ?? [];
    }

    /// <summary>
    /// A folder's entries straight from the node when it is one of this tree's, with no id lookup; a folder node
    /// shared with the base is read from the base.
    /// </summary>
    public IReadOnlyList<TreeNode> Children(TreeNode folder)
    {
        if (folder.IndexFolder is { } own && own.Owner == this)
        {
            Build(own, keepUnbuilt: true);
            return SortedInGitOrder(own.Children);
        }

        return _base is not null && folder.IsTree && folder.IndexFolder is null ? _base.Children(folder) : Children(folder.ObjectId);
    }

    public byte[] ReadBlob(string blobId) => _readBlob(blobId);

    /// <summary>
    /// Adds the entries [from, to) below <paramref name="top"/>, creating folders as it goes; <paramref name="created"/>
    /// starts with the folders whose ids are still to be set. With <paramref name="keepUnbuilt"/>, a new folder with a
    /// valid cached id takes its whole run of entries unbuilt.
    /// </summary>
    private void Add(Folder top, int from, int to, List<Folder> created, bool keepUnbuilt)
    {
        var current = top;
        string? lastName = null;
        for (var i = from; i < to; i++)
        {
            var entry = _entries[i];
            if (entry.Stage != 0 || entry.IntentToAdd)
            {
                continue;
            }

            // Index order keeps a folder's files together: most entries reuse the previous entry's folder and name.
            var path = entry.Path;
            var slash = path.LastIndexOf('/');
            var folderLength = slash < 0 ? 0 : slash;
            if (current.Path!.Length != folderLength || !path.AsSpan(0, folderLength).SequenceEqual(current.Path))
            {
                current = GetFolder(path.AsSpan(0, folderLength), created, keepUnbuilt, out var runPathLength, out var unbuilt);
                if (runPathLength > 0)
                {
                    // A new folder left unbuilt: its run is every following entry inside it.
                    var inside = path.AsSpan(0, runPathLength);
                    var end = i + 1;
                    while (end < to && IsInside(_entries[end].Path, inside))
                    {
                        end++;
                    }

                    if (unbuilt is not null)
                    {
                        unbuilt.UnbuiltFrom = i;
                        unbuilt.UnbuiltTo = end;
                    }

                    i = end - 1;
                    continue;
                }
            }

            var nameSpan = path.AsSpan(slash + 1);
            var name = lastName is not null && nameSpan.SequenceEqual(lastName) ? lastName : nameSpan.ToString();
            lastName = name;
            current.Children.Add(entry.ToNode(name));
        }

        // Subfolders before their parents, so each folder's id is known before its parent is hashed.
        for (var k = created.Count - 1; k >= 0; k--)
        {
            var folder = created[k];
            if (folder.Node is not null)
            {
                continue; // the folder being built: its node (and cached id) came first
            }

            folder.Node = CachedId(folder.Path, folder.CacheNode) is { } cached
                ? new TreeNode(folder.Name, TreeNode.TreeMode, cached) { IndexFolder = folder }
                : new TreeNode(folder.Name, TreeNode.TreeMode, _hashFolders ? HashTree(folder.Children, _hashBuffer) : "index:" + folder.Path) { IndexFolder = folder };
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

    /// <summary>
    /// The built folder at a path, created (with its parents) when new. When the path lies in a new folder left
    /// unbuilt (its cached id known), that folder's parent comes back instead, with the folder's path length in
    /// <paramref name="runPathLength"/> and the folder in <paramref name="unbuilt"/> (null when the base's node
    /// stands for it).
    /// </summary>
    private Folder GetFolder(ReadOnlySpan<char> path, List<Folder> created, bool keepUnbuilt, out int runPathLength, out Folder? unbuilt)
    {
        runPathLength = 0;
        unbuilt = null;
        if (_folders.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(path, out var folder))
        {
            return folder;
        }

        var slash = path.LastIndexOf('/');
        var parent = GetFolder(slash < 0 ? [] : path[..slash], created, keepUnbuilt, out runPathLength, out unbuilt);
        if (runPathLength > 0)
        {
            return parent; // a new unbuilt folder above takes this entry too
        }

        var name = path[(slash + 1)..];
        var cacheNode = _cacheTree is not null && parent.CacheNode >= 0 ? _cacheTree.FindChild(parent.CacheNode, name) : -1;
        if (keepUnbuilt && CachedId(path, cacheNode) is { } cached)
        {
            runPathLength = path.Length;
            if (SharedWithBase(parent, name, cached) is { } shared)
            {
                parent.Children.Add(shared);
                return parent;
            }

            unbuilt = new Folder(this, null, name.ToString(), parent, cacheNode) { PathLength = path.Length };
            unbuilt.Node = new TreeNode(unbuilt.Name, TreeNode.TreeMode, cached) { IndexFolder = unbuilt };
            parent.Children.Add(unbuilt.Node);
            return parent;
        }

        var key = path.ToString();
        folder = new Folder(this, key, key[(slash + 1)..], parent, cacheNode);
        _folders[key] = folder;
        created.Add(folder);
        return folder;
    }

    /// <summary>
    /// The base's node for the subfolder <paramref name="name"/> of <paramref name="parent"/> when it has the same id.
    /// A folder's subfolders are created in git's order, so one cursor per folder walks the base's list once.
    /// </summary>
    private TreeNode? SharedWithBase(Folder parent, ReadOnlySpan<char> name, RawId id)
    {
        if (_base is null)
        {
            return null;
        }

        if (parent.BaseChildren is null)
        {
            var node = _base.Find(parent.Path!);
            var list = node is { IsTree: true } ? _base.Children(node) : [];
            parent.BaseChildren = TreeDiff.IsInGitOrder(list) ? list : [];
        }

        var children = parent.BaseChildren;
        while (parent.BaseCursor < children.Count && CompareGitOrder(children[parent.BaseCursor].Name, children[parent.BaseCursor].IsTree, name, true) < 0)
        {
            parent.BaseCursor++;
        }

        if (parent.BaseCursor < children.Count && children[parent.BaseCursor] is { IsTree: true } candidate
            && candidate.Name.AsSpan().SequenceEqual(name) && candidate.HasId(id))
        {
            parent.BaseCursor++;
            return candidate;
        }

        return null;
    }

    /// <summary>Builds an unbuilt folder from its run of entries; nothing for a built one.</summary>
    private void Build(Folder folder, bool keepUnbuilt)
    {
        if (folder.Path is not null)
        {
            return;
        }

        folder.Path = _entries[folder.UnbuiltFrom].Path[..folder.PathLength];
        _folders[folder.Path] = folder;
        Add(folder, folder.UnbuiltFrom, folder.UnbuiltTo, [folder], keepUnbuilt);
    }

    private void BuildAll()
    {
        foreach (var folder in _folders.Values.ToList())
        {
            foreach (var child in folder.Children.ToList())
            {
                if (child.IndexFolder is { Path: null } unbuilt)
                {
                    Build(unbuilt, keepUnbuilt: false);
                }
            }
        }
    }

    private RawId? CachedId(ReadOnlySpan<char> path, int cacheNode) =>
        path.Length > 0 && _cacheTree is not null && _cacheTree.TryGetId(cacheNode, out var id) && IsUnderAny(path, _completePrefixes)
            ? id
            : null;

    private static bool IsUnderAny(ReadOnlySpan<char> folder, IReadOnlyList<string>? prefixes)
    {
        for (var k = 0; k < (prefixes?.Count ?? 0); k++) // indexed: called per folder, and a foreach would box an enumerator
        {
            var prefix = prefixes![k];
            if (prefix.Length > 0 && folder.StartsWith(prefix, StringComparison.Ordinal) && (folder.Length == prefix.Length || folder[prefix.Length] == '/'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInside(string path, ReadOnlySpan<char> folder) =>
        path.Length > folder.Length && path[folder.Length] == '/' && path.AsSpan(0, folder.Length).SequenceEqual(folder);

    private static bool IsOrdered(IReadOnlyList<IndexEntry> entries)
    {
        for (var k = 1; k < entries.Count; k++)
        {
            if (string.CompareOrdinal(entries[k - 1].Path, entries[k].Path) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A folder of the index; unbuilt (no path yet) while it stands for a run of entries by its cached id.</summary>
    internal sealed class Folder(IndexTree owner, string? path, string name, Folder? parent, int cacheNode)
    {
        private TreeNodeList? _children;

        public IndexTree Owner { get; } = owner;

        public string? Path { get; set; } = path;

        public string Name { get; } = name;

        public Folder? Parent { get; } = parent;

        public int CacheNode { get; } = cacheNode;

        public TreeNodeList Children => _children ??= [];

        public TreeNode? Node { get; set; }

        public int PathLength { get; init; }

        public int UnbuiltFrom { get; set; }

        public int UnbuiltTo { get; set; }

        /// <summary>The base's entries of this folder (for sharing its subfolders' nodes), once looked up.</summary>
        public IReadOnlyList<TreeNode>? BaseChildren { get; set; }

        public int BaseCursor { get; set; }
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
    internal static int CompareGitOrder(TreeNode a, TreeNode b) => CompareGitOrder(a.Name, a.IsTree, b.Name, b.IsTree);

    private static int CompareGitOrder(ReadOnlySpan<char> x, bool xIsTree, ReadOnlySpan<char> y, bool yIsTree)
    {
        var common = Math.Min(x.Length, y.Length);
        var at = x[..common].CommonPrefixLength(y[..common]);
        if (at < common)
        {
            return x[at] < 0xD800 && y[at] < 0xD800 ? x[at].CompareTo(y[at]) : CompareUtf8(x, xIsTree, y, yIsTree);
        }

        // Equal up to the shorter name: its end ('/' for a folder, else none) against the longer one's next character,
        // whose first UTF-8 byte is above '/' whenever the character is not ASCII.
        var ca = x.Length > common ? x[common] : xIsTree ? '/' : '\0';
        var cb = y.Length > common ? y[common] : yIsTree ? '/' : '\0';
        return ca.CompareTo(cb);
    }

    private static int CompareUtf8(ReadOnlySpan<char> x, bool xIsTree, ReadOnlySpan<char> y, bool yIsTree)
    {
        var a = Encoding.UTF8.GetBytes(xIsTree ? x.ToString() + "/" : x.ToString());
        var b = Encoding.UTF8.GetBytes(yIsTree ? y.ToString() + "/" : y.ToString());
        return a.AsSpan().SequenceCompareTo(b);
    }
}
