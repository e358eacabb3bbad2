using System.Buffers.Binary;
using System.Globalization;
using DriftHooks.Core.Git;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Git;

/// <summary>The index's cache-tree ("TREE" extension) as <see cref="GitIndexReader.Scan"/> reports it, against the trees git commits.</summary>
public class CacheTreeTests
{
    private static readonly string[] Files =
    [
        "README.md",
        "a/one.txt",
        "a/b/two.txt",
        "a/b/c/three.txt",
        "a/b-sibling/four.txt",
        "a/x/five.txt",
        "d/six.txt",
        "d/e/seven.txt",
        "ünï/eight.txt",
        "with space/nine.txt",
        "a/bb/ten.txt", // git keeps subfolders by name length first: "bb" after "b-sibling" in byte order, before it in git's
        "a/b.c/eleven.txt",
    ];

    private TempGitRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = new TempGitRepository();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void After_a_commit_every_folder_id_equals_the_committed_tree(int version)
    {
        CommitFiles(version);

        var ids = Scan();
        Assert.That(ids.Keys, Is.EquivalentTo(CommittedFolders()));
        foreach (var (folder, id) in ids)
        {
            Assert.That(id, Is.EqualTo(TreeOf(folder)), $"'{folder}'");
        }
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void Staging_a_change_invalidates_its_folder_and_parents_only(int version)
    {
        CommitFiles(version);
        _repo.WriteFile("a/b/c/three.txt", "changed\n");
        _repo.Git("add", "a/b/c/three.txt");

        var ids = Scan();
        string[] invalid = ["", "a", "a/b", "a/b/c"];
        Assert.That(ids.Keys, Is.EquivalentTo(CommittedFolders().Except(invalid)));
        foreach (var (folder, id) in ids)
        {
            Assert.That(id, Is.EqualTo(TreeOf(folder)), $"'{folder}' stays valid with HEAD's id");
        }

        // Once committed, the new ids are valid again and are the new trees.
        _repo.Git("commit", "-q", "-m", "change");
        ids = Scan();
        Assert.That(ids.Keys, Is.EquivalentTo(CommittedFolders()));
        Assert.That(ids["a/b/c"], Is.EqualTo(TreeOf("a/b/c")));
        Assert.That(ids[""], Is.EqualTo(TreeOf("")));
    }

    [TestCase(2)]
    [TestCase(4)]
    public void Adding_and_removing_files_invalidate_their_folders(int version)
    {
        CommitFiles(version);
        _repo.WriteFile("d/e/new.txt", "new\n");
        _repo.Git("add", "d/e/new.txt");
        _repo.Git("rm", "-q", "a/x/five.txt");

        var ids = Scan();
        Assert.That(ids.Keys, Does.Not.Contain("").And.Not.Contain("d").And.Not.Contain("d/e").And.Not.Contain("a").And.Not.Contain("a/x"));
        Assert.That(ids.Keys, Does.Contain("a/b").And.Contain("a/b/c").And.Contain("ünï").And.Contain("with space"));
        Assert.That(ids["a/b"], Is.EqualTo(TreeOf("a/b")));
    }

    [Test]
    public void Without_a_cache_tree_nothing_is_reported()
    {
        foreach (var file in Files)
        {
            _repo.WriteFile(file, file + "\n");
        }

        _repo.Git("add", "-A"); // git add writes no cache-tree
        Assert.That(Scan(), Is.Empty);
    }

    [Test]
    public void Ids_reported_by_the_scan_are_those_git_write_tree_records()
    {
        CommitFiles(2);
        _repo.WriteFile("d/six.txt", "changed\n");
        _repo.Git("add", "d/six.txt");
        _repo.Git("write-tree"); // updates the cache-tree without committing
        var ids = Scan();
        Assert.That(ids["d"], Is.EqualTo(_repo.Git("write-tree", "--prefix=d/").Trim()).And.Not.EqualTo(TreeOf("d")));
        Assert.That(ids[""], Is.EqualTo(_repo.Git("write-tree").Trim()));
    }

    [TestCase(2)]
    [TestCase(4)]
    public void Each_folder_is_found_by_its_path_with_its_committed_id(int version)
    {
        CommitFiles(version);
        var tree = GitIndexReader.Scan(_repo.IndexPath, _ => false, _ => false).ParsedCacheTree!;
        foreach (var folder in CommittedFolders())
        {
            Assert.That(tree.TryGetId(tree.Find(folder), out var id), Is.True, $"'{folder}'");
            Assert.That(id.ToString(), Is.EqualTo(TreeOf(folder)), $"'{folder}'");
        }

        Assert.That(tree.Find("a/missing"), Is.EqualTo(-1));
        Assert.That(tree.Find("README.md"), Is.EqualTo(-1), "a file is not a folder");
        _repo.WriteFile("a/bb/ten.txt", "changed\n");
        _repo.Git("add", "a/bb/ten.txt");
        tree = GitIndexReader.Scan(_repo.IndexPath, _ => false, _ => false).ParsedCacheTree!;
        Assert.That(tree.TryGetId(tree.Find("a/bb"), out _), Is.False, "invalidated by the staged change");
        Assert.That(tree.TryGetId(tree.Find("a/b-sibling"), out _), Is.True);
    }

    [Test]
    public void A_malformed_cache_tree_gives_no_ids()
    {
        Assert.That(CacheTree.Parse("\u00001 0\n"u8.ToArray()), Is.Null, "an id that is cut short");
        Assert.That(CacheTree.Parse("x\u0000-1 0\n"u8.ToArray()), Is.Null, "a root with a name");
        Assert.That(CacheTree.Parse("\u0000-1 0\n\u0000-1 0\n"u8.ToArray()), Is.Null, "two roots");
        Assert.That(CacheTree.Parse("\u0000-1 x\n"u8.ToArray()), Is.Null, "a count that is not a number");
        Assert.That(CacheTree.Parse([.. "\u0000-1 1\n"u8, 0xFF, .. "\u0000-1 0\n"u8]), Is.Null, "a name that is not UTF-8");
        var control = CacheTree.Parse([.. "\u0000-1 1\nsub\u0000-1 0\n"u8])!;
        Assert.That(control.Find("sub"), Is.Not.EqualTo(-1), "the well-formed control");
        Assert.That(control.Find("other"), Is.EqualTo(-1));
        Assert.That(CacheTree.Parse([.. "\u0000-1 2\nsub\u0000-1 0\n"u8]), Is.Null, "a subfolder promised but missing");
    }

    private void CommitFiles(int version)
    {
        _repo.Git("config", "index.version", version.ToString(CultureInfo.InvariantCulture));
        foreach (var file in Files)
        {
            _repo.WriteFile(file, file + "\n");
        }

        _repo.Git("add", "-A");
        if (version == 3)
        {
            _repo.Git("update-index", "--skip-worktree", "README.md"); // extended flags: git writes version 3 only with them
        }

        _repo.Git("commit", "-q", "-m", "files");
        var header = new byte[8];
        using (var index = File.OpenRead(_repo.IndexPath))
        {
            index.ReadExactly(header);
        }

        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)), Is.EqualTo(version), "index version");
    }

    [TestCase(2)]
    [TestCase(4)]
    public void Ids_for_prefixes_are_those_at_and_above_them_and_below_when_asked(int version)
    {
        CommitFiles(version);
        var scan = GitIndexReader.Scan(_repo.IndexPath, _ => false, _ => false);
        var all = scan.CachedTreeIds;
        string[] prefixes = ["a/b", "d/six.txt"];

        var at = scan.CachedTreeIdsFor(prefixes, below: false);
        Assert.That(at, Is.EquivalentTo(all.Where(p => p.Key is "" or "a" or "a/b" or "d")));
        var under = scan.CachedTreeIdsFor(prefixes, below: true);
        Assert.That(under, Is.EquivalentTo(all.Where(p => p.Key is "" or "a" or "a/b" or "a/b/c" or "d")));
        Assert.That(scan.CachedTreeIdsFor([""], below: true), Is.EquivalentTo(all));
        Assert.That(scan.CachedTreeIdsFor([""], below: false).Keys, Is.EqualTo(new[] { "" }));
    }

    private Dictionary<string, string> Scan() =>
        GitIndexReader.Scan(_repo.IndexPath, _ => false, _ => false).CachedTreeIds;

    private List<string> CommittedFolders() =>
        ["", .. _repo.Git("-c", "core.quotepath=off", "ls-tree", "-r", "-d", "--name-only", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private string TreeOf(string folder) => _repo.Git("rev-parse", "HEAD:" + folder).Trim();
}
