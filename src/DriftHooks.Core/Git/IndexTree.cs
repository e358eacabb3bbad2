using System.Security.Cryptography;
using System.Text;

namespace DriftHooks.Core.Git;

/// <summary>
/// The folders of index entries as git would write them as trees, with their object ids computed (SHA-1 of
/// the tree object), so that a folder whose id equals the one in HEAD can be skipped without looking inside.
/// </summary>
public sealed class IndexTree : ITreeSource
{
    private readonly Dictionary<string, TreeNode> _nodesByPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TreeNode>> _childrenByTreeId = new(StringComparer.Ordinal);
    private readonly Func<string, byte[]> _readBlob;

    /// <param name="entries">Index entries; only merged (stage 0) entries that will be committed are used.</param>
    /// <param name="readBlob">Reads a blob from the object database.</param>
    public IndexTree(IEnumerable<IndexEntry> entries, Func<string, byte[]> readBlob)
    {
        _readBlob = readBlob;
        var folders = new Dictionary<string, List<TreeNode>>(StringComparer.Ordinal) { [""] = [] };
        foreach (var entry in entries)
        {
            if (entry.Stage != 0 || entry.IntentToAdd)
            {
                continue;
            }

            var folder = Prisma.RepoPath.Directory(entry.Path);
            var node = new TreeNode(Prisma.RepoPath.FileName(entry.Path), entry.Mode, entry.ObjectId);
            _nodesByPath[entry.Path] = node;
            GetFolder(folders, folder).Add(node);
        }

        // Deepest folders first, so each folder's id is known before its parent is hashed.
        foreach (var folder in folders.Keys.OrderByDescending(f => f.Length == 0 ? 0 : f.Count(c => c == '/') + 1).ToList())
        {
            var children = folders[folder];
            var id = HashTree(children);
            _childrenByTreeId.TryAdd(id, children);
            var node = new TreeNode(folder.Length == 0 ? "" : Prisma.RepoPath.FileName(folder), TreeNode.TreeMode, id);
            _nodesByPath[folder] = node;
            if (folder.Length > 0)
            {
                folders[Prisma.RepoPath.Directory(folder)].Add(node);
            }
        }
    }

    public TreeNode? Find(string path) => _nodesByPath.GetValueOrDefault(path);

    public IReadOnlyList<TreeNode> Children(string treeId) =>
        _childrenByTreeId.TryGetValue(treeId, out var children) ? children : [];

    public byte[] ReadBlob(string blobId) => _readBlob(blobId);

    private static List<TreeNode> GetFolder(Dictionary<string, List<TreeNode>> folders, string folder)
    {
        if (!folders.TryGetValue(folder, out var list))
        {
            list = [];
            folders[folder] = list;
            if (folder.Length > 0)
            {
                GetFolder(folders, Prisma.RepoPath.Directory(folder));
            }
        }

        return list;
    }

    /// <summary>Git's tree id: entries sorted as git sorts them (a folder as if its name ended in '/').</summary>
    public static string HashTree(List<TreeNode> children)
    {
        children.Sort(static (a, b) => CompareGitOrder(a, b));
        using var body = new MemoryStream();
        foreach (var child in children)
        {
            body.Write(Encoding.ASCII.GetBytes(Convert.ToString(child.Mode, 8) + " "));
            body.Write(Encoding.UTF8.GetBytes(child.Name));
            body.WriteByte(0);
            body.Write(Convert.FromHexString(child.ObjectId));
        }

        var header = Encoding.ASCII.GetBytes($"tree {body.Length}\0");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(header);
        sha.AppendData(body.GetBuffer(), 0, (int)body.Length);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static int CompareGitOrder(TreeNode a, TreeNode b)
    {
        var x = Encoding.UTF8.GetBytes(a.IsTree ? a.Name + "/" : a.Name);
        var y = Encoding.UTF8.GetBytes(b.IsTree ? b.Name + "/" : b.Name);
        return x.AsSpan().SequenceCompareTo(y);
    }
}
