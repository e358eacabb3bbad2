using System.IO.Compression;
using System.Text;
using DriftHooks.Core.Git;
using NUnit.Framework;
using static DriftHooks.Core.Tests.Git.GitHistory;

namespace DriftHooks.Core.Tests.Git;

/// <summary>The direct object and ref reader against what git itself reads from the same repository.</summary>
public class ObjectStoreTests
{
    private const int OfsDelta = 6;
    private const int RefDelta = 7;

    private TempGitRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = new TempGitRepository();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    [Test]
    public void Head_on_a_branch_is_the_branch_tip()
    {
        Build(_repo, commits: 2);
        Assert.That(File.ReadAllText(Path.Combine(_repo.Root, ".git", "HEAD")).Trim(), Is.EqualTo("ref: refs/heads/main"));
        Assert.That(HeadCommit(Location(_repo)), Is.EqualTo(RevParse("HEAD")));

        _repo.Git("checkout", "-q", "-b", "feature/x", "HEAD~1");
        Assert.That(HeadCommit(Location(_repo)), Is.EqualTo(RevParse("HEAD")));
        Assert.That(HeadCommit(Location(_repo)), Is.Not.EqualTo(RevParse("main")));
    }

    [Test]
    public void Detached_head_is_the_commit_it_holds()
    {
        Build(_repo, commits: 2);
        _repo.Git("checkout", "-q", "--detach", "HEAD~1");
        Assert.That(HeadCommit(Location(_repo)), Is.EqualTo(RevParse("HEAD")).And.EqualTo(RevParse("main~1")));
    }

    [Test]
    public void Head_through_a_packed_ref_only()
    {
        Build(_repo, commits: 2);
        _repo.Git("checkout", "-q", "-b", "topic", "HEAD~1");
        _repo.Git("pack-refs", "--all");
        Assert.That(File.Exists(Path.Combine(_repo.Root, ".git", "refs", "heads", "topic")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(_repo.Root, ".git", "packed-refs")), Does.Contain("refs/heads/topic"));

        Assert.That(HeadCommit(Location(_repo)), Is.EqualTo(RevParse("topic")).And.Not.EqualTo(RevParse("main")));
        _repo.Git("checkout", "-q", "main");
        Assert.That(HeadCommit(Location(_repo)), Is.EqualTo(RevParse("main")));
    }

    [Test]
    public void A_loose_ref_wins_over_its_stale_packed_copy()
    {
        Build(_repo, commits: 2);
        _repo.Git("pack-refs", "--all");
        _repo.WriteFile("new.txt", "new\n");
        _repo.Git("add", "new.txt");
        _repo.Git("commit", "-q", "-m", "after pack-refs");
        Assert.That(File.Exists(Path.Combine(_repo.Root, ".git", "refs", "heads", "main")), Is.True);
        Assert.That(HeadCommit(Location(_repo)), Is.EqualTo(RevParse("HEAD")));
    }

    [Test]
    public void Unborn_head_throws()
    {
        Assert.Throws<ObjectStoreException>(() => HeadCommit(Location(_repo)));

        Build(_repo, commits: 1);
        _repo.Git("checkout", "-q", "--orphan", "fresh");
        Assert.Throws<ObjectStoreException>(() => HeadCommit(Location(_repo)));
    }

    [Test]
    public void Head_of_a_linked_worktree_is_its_own()
    {
        Build(_repo, commits: 2);
        var worktree = _repo.Root + "-wt";
        try
        {
            _repo.Git("worktree", "add", "-q", "-b", "side", worktree, "HEAD~1");
            var location = RepositoryLocation.Find(worktree);
            Assert.That(location.GitDirectory, Is.Not.EqualTo(location.CommonDirectory));
            Assert.That(HeadCommit(location), Is.EqualTo(RevParse("side")).And.Not.EqualTo(RevParse("main")));
            Assert.That(HeadCommit(Location(_repo)), Is.EqualTo(RevParse("main")));

            _repo.Git("pack-refs", "--all");
            Assert.That(HeadCommit(location), Is.EqualTo(RevParse("side")));
            using var store = ObjectStore.Open(location);
            Assert.That(store.CommitTree(HeadCommit(location)), Is.EqualTo(RevParse("side^{tree}")));
        }
        finally
        {
            _repo.Git("worktree", "remove", "--force", worktree);
        }
    }

    [Test]
    public void Loose_objects_equal_what_git_reads()
    {
        Build(_repo);
        Assert.That(PackEntryTypes(_repo), Is.Empty, "no packs yet");
        AssertStoreReadsEveryObjectAsGitDoes();
    }

    [TestCase("gc --aggressive")]
    [TestCase("repack -a -d -f --depth=50 --window=250")]
    public void Packed_objects_with_offset_deltas_equal_what_git_reads(string command)
    {
        Build(_repo);
        _repo.Git(command.Split(' '));
        var types = PackEntryTypes(_repo);
        Assert.That(types.GetValueOrDefault(OfsDelta), Is.GreaterThan(5), string.Join(", ", types));
        Assert.That(Directory.EnumerateDirectories(Path.Combine(_repo.Root, ".git", "objects"), "??"), Is.Empty, "everything packed");
        AssertStoreReadsEveryObjectAsGitDoes();
    }

    [Test]
    public void Packed_objects_with_ref_deltas_equal_what_git_reads()
    {
        Build(_repo);
        _repo.Git("-c", "repack.useDeltaBaseOffset=false", "repack", "-a", "-d", "-f", "--depth=50", "--window=250");
        var types = PackEntryTypes(_repo);
        Assert.That(types.GetValueOrDefault(RefDelta), Is.GreaterThan(5), string.Join(", ", types));
        Assert.That(types.GetValueOrDefault(OfsDelta), Is.Zero);
        AssertStoreReadsEveryObjectAsGitDoes();
    }

    [Test]
    public void A_thin_pack_fixed_by_index_pack_alongside_loose_objects()
    {
        using var source = new TempGitRepository();
        Build(source);
        source.Git("branch", "base", "HEAD~2");
        _repo.Git("fetch", "-q", source.Root, "base:refs/remotes/source/base");
        var thin = source.GitBytes(Encoding.ASCII.GetBytes("main\n^base\n"), "pack-objects", "--thin", "--stdout", "--revs", "--window=250");
        _repo.GitBytes(thin, "index-pack", "--fix-thin", "--stdin");
        _repo.Git("update-ref", "refs/heads/main", source.Git("rev-parse", "main").Trim());
        _repo.Git("reset", "-q", "--hard");

        var types = PackEntryTypes(_repo);
        Assert.That(types.GetValueOrDefault(RefDelta), Is.GreaterThan(0), string.Join(", ", types));
        _repo.Git("fsck", "--strict"); // throws unless git finds every object
        AssertStoreReadsEveryObjectAsGitDoes();
    }

    [Test]
    public void Loose_objects_written_after_a_gc_are_found_next_to_the_pack()
    {
        Build(_repo, commits: 3);
        _repo.Git("gc", "-q");
        Build(_repo, commits: 2, seed: 7); // same paths, new content: loose objects on top of the pack
        Assert.That(Directory.EnumerateDirectories(Path.Combine(_repo.Root, ".git", "objects"), "??"), Is.Not.Empty);
        AssertStoreReadsEveryObjectAsGitDoes();
    }

    [Test]
    public void Alternate_object_directories_throw()
    {
        Build(_repo, commits: 1);
        var clone = _repo.Root + "-shared";
        try
        {
            _repo.Git("clone", "-q", "--shared", _repo.Root, clone);
            Assert.That(File.Exists(Path.Combine(clone, ".git", "objects", "info", "alternates")), Is.True);
            Assert.Throws<ObjectStoreException>(() => ObjectStore.Open(RepositoryLocation.Find(clone)).Dispose());
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    [Test]
    public void A_sha256_repository_throws()
    {
        using var repo = new TempGitRepository(init: false);
        repo.Git("init", "-q", "-b", "main", "--object-format=sha256");
        repo.WriteFile("a.txt", "a\n");
        repo.Git("add", "a.txt");
        repo.Git("commit", "-q", "-m", "one");
        Assert.That(repo.Git("rev-parse", "HEAD").Trim(), Has.Length.EqualTo(64));
        Assert.Throws<ObjectStoreException>(() => ObjectStore.Open(Location(repo)).Dispose());
        Assert.Throws<ObjectStoreException>(() => HeadCommit(Location(repo)));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void A_missing_object_throws(bool packed)
    {
        Build(_repo, commits: 2);
        if (packed)
        {
            _repo.Git("gc", "-q");
        }

        using var store = ObjectStore.Open(Location(_repo));
        var absent = Encoding.ASCII.GetString(_repo.GitBytes("never written\n"u8.ToArray(), "hash-object", "--stdin")).Trim();
        Assert.That(_repo.Run(null, "cat-file", "-e", absent).Code, Is.Not.Zero);
        Assert.Throws<ObjectStoreException>(() => store.Read(absent));
        Assert.Throws<ObjectStoreException>(() => store.Read("ffffffffffffffffffffffffffffffffffffffff"));
        Assert.Throws<ObjectStoreException>(() => store.Read("0000000000000000000000000000000000000000"));
        Assert.Throws<ObjectStoreException>(() => store.Read("not an id"));
    }

    [Test]
    public void Asking_for_the_wrong_type_throws()
    {
        Build(_repo, commits: 1);
        using var store = ObjectStore.Open(Location(_repo));
        var blob = RevParse("HEAD:prisma/schema.prisma");
        var tree = RevParse("HEAD^{tree}");
        Assert.Throws<ObjectStoreException>(() => store.ReadBlob(tree));
        Assert.Throws<ObjectStoreException>(() => store.ReadTree(blob));
        Assert.Throws<ObjectStoreException>(() => store.CommitTree(tree));
    }

    [TestCase("truncated")]
    [TestCase("garbage")]
    [TestCase("flipped")]
    [TestCase("wrong size")]
    [TestCase("unknown type")]
    [TestCase("no header")]
    public void A_corrupt_loose_object_throws(string damage)
    {
        _repo.WriteFile("a.txt", string.Concat(Enumerable.Repeat("some content that compresses\n", 50)));
        _repo.Git("add", "a.txt");
        _repo.Git("commit", "-q", "-m", "one");
        var id = RevParse("HEAD:a.txt");
        var file = Path.Combine(_repo.Root, ".git", "objects", id[..2], id[2..]);
        var original = File.ReadAllBytes(file);
        var body = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("some content that compresses\n", 50)));
        var damaged = damage switch
        {
            "truncated" => original[..(original.Length / 2)],
            "garbage" => Encoding.ASCII.GetBytes("this is not zlib data at all"),
            "flipped" => Flip(original, original.Length / 2),
            "wrong size" => Deflate([.. Encoding.ASCII.GetBytes($"blob {body.Length + 1}\0"), .. body]),
            "unknown type" => Deflate([.. Encoding.ASCII.GetBytes($"blub {body.Length}\0"), .. body]),
            _ => Deflate(body),
        };
        File.SetAttributes(file, FileAttributes.Normal);
        File.WriteAllBytes(file, damaged);
        Assert.That(_repo.Run(null, "fsck", "--full").Code, Is.Not.Zero, "git itself finds it corrupt");

        using var store = ObjectStore.Open(Location(_repo));
        Assert.Throws<ObjectStoreException>(() => store.ReadBlob(id));
    }

    [Test]
    public void A_damaged_pack_entry_throws()
    {
        Build(_repo, commits: 1);
        _repo.Git("gc", "-q");
        var id = RevParse("HEAD:assets/large.bin");
        var idx = Directory.GetFiles(Path.Combine(_repo.Root, ".git", "objects", "pack"), "*.idx").Single();
        var line = _repo.Git("verify-pack", "-v", idx).Split('\n').Single(l => l.StartsWith(id, StringComparison.Ordinal));
        var offset = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4], System.Globalization.CultureInfo.InvariantCulture);
        var pack = Path.ChangeExtension(idx, ".pack");
        var bytes = File.ReadAllBytes(pack);
        File.SetAttributes(pack, FileAttributes.Normal);
        File.WriteAllBytes(pack, Flip(bytes, (int)offset + 1000));
        Assert.That(_repo.Run(null, "cat-file", "blob", id).Code, Is.Not.Zero, "git itself refuses it");

        using var store = ObjectStore.Open(Location(_repo));
        Assert.Throws<ObjectStoreException>(() => store.ReadBlob(id));
        Assert.That(store.ReadTree(RevParse("HEAD^{tree}")), Is.Not.Empty, "other entries still read");
    }

    [Test]
    public void Ref_deltas_whose_bases_point_at_each_other_throw()
    {
        // A hand-made pack of two REF_DELTA entries, each naming the other as its base; no real object stands behind them.
        var a = Enumerable.Repeat((byte)0x11, 20).ToArray();
        var b = Enumerable.Repeat((byte)0x22, 20).ToArray();
        var pack = new List<byte>();
        pack.AddRange("PACK"u8.ToArray());
        pack.AddRange(BigEndian(2));
        pack.AddRange(BigEndian(2));
        var offsetA = pack.Count;
        pack.Add((RefDelta << 4) | 4); // type and a size of 4; the delta data is never reached
        pack.AddRange(b);
        pack.AddRange(Deflate([4, 4, 0x90, 4]));
        var offsetB = pack.Count;
        pack.Add((RefDelta << 4) | 4);
        pack.AddRange(a);
        pack.AddRange(Deflate([4, 4, 0x90, 4]));
        pack.AddRange(new byte[20]); // trailing checksum (not verified by the reader)

        var idx = new List<byte>();
        idx.AddRange([0xFF, (byte)'t', (byte)'O', (byte)'c']);
        idx.AddRange(BigEndian(2));
        for (var i = 0; i < 256; i++)
        {
            idx.AddRange(BigEndian((uint)((i >= 0x11 ? 1 : 0) + (i >= 0x22 ? 1 : 0))));
        }

        idx.AddRange(a);
        idx.AddRange(b);
        idx.AddRange(new byte[8]); // CRC-32s
        idx.AddRange(BigEndian((uint)offsetA));
        idx.AddRange(BigEndian((uint)offsetB));
        idx.AddRange(new byte[40]); // pack and index checksums

        var packDirectory = Path.Combine(_repo.Root, ".git", "objects", "pack");
        Directory.CreateDirectory(packDirectory);
        File.WriteAllBytes(Path.Combine(packDirectory, "pack-cycle.pack"), [.. pack]);
        File.WriteAllBytes(Path.Combine(packDirectory, "pack-cycle.idx"), [.. idx]);

        using var store = ObjectStore.Open(Location(_repo));
        Assert.Throws<ObjectStoreException>(() => store.Read(Convert.ToHexStringLower(a)));
        Assert.Throws<ObjectStoreException>(() => store.Read(Convert.ToHexStringLower(b)));
    }

    [TestCase("[core]\n\tbare = false\n", false)]
    [TestCase("[core]\n\trepositoryformatversion = 1\n[extensions]\n\tworktreeConfig = true\n", false)]
    [TestCase("[Extensions]\n\tWorktreeConfig\n\tnoop = x ; comment\n\t# objectFormat = sha256\n\tpreciousObjects = true\n", false)]
    [TestCase("[remote \"origin\"]\n\turl = \"[extensions] objectFormat\"\n", false)]
    [TestCase("[extensions]\n\tobjectFormat = sha256\n", true)]
    [TestCase("[extensions]\n\tworktreeConfig = true\n\trefStorage = reftable\n", true)]
    [TestCase("[extensions] refStorage = reftable\n", true)]
    [TestCase("[extensions]\n\tpartialClone = origin\n", true)]
    [TestCase("[extensions \"x\"]\n\tworktreeConfig = true\n", true)]
    [TestCase("[extensions.objectFormat]\n", true)]
    [TestCase("[extensions\n", true)]
    public void Only_harmless_repository_extensions_keep_the_direct_reader(string config, bool unhandled) =>
        Assert.That(ObjectStore.HasUnhandledExtension(config), Is.EqualTo(unhandled));

    [Test]
    public void A_worktree_config_extension_keeps_the_direct_reader()
    {
        Build(_repo, commits: 1);
        _repo.Git("config", "extensions.worktreeConfig", "true");
        _repo.Git("config", "--worktree", "core.sparseCheckout", "false");
        using var store = ObjectStore.Open(Location(_repo));
        Assert.That(store.CommitTree(HeadCommit(Location(_repo))), Is.EqualTo(RevParse("HEAD^{tree}")));
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] Flip(byte[] data, int at)
    {
        var copy = (byte[])data.Clone();
        copy[at] ^= 0xFF;
        return copy;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    private string RevParse(string what) => _repo.Git("rev-parse", what).Trim();

    private void AssertStoreReadsEveryObjectAsGitDoes()
    {
        var objects = AllObjects(_repo);
        Assert.That(objects.Count(o => o.Type == "commit"), Is.GreaterThanOrEqualTo(1));
        using var store = ObjectStore.Open(Location(_repo));
        var largeBlobs = 0;
        foreach (var (id, type, content) in objects)
        {
            var (storedType, data) = store.Read(id);
            Assert.That(storedType.ToString().ToLowerInvariant(), Is.EqualTo(type), id);
            Assert.That(data.AsSpan().SequenceEqual(content), Is.True, $"{type} {id}: {data.Length} bytes read, git has {content.Length}");
            switch (type)
            {
                case "blob":
                    Assert.That(store.ReadBlob(id).AsSpan().SequenceEqual(content), Is.True, id);
                    largeBlobs += content.Length > 1024 * 1024 ? 1 : 0;
                    break;
                case "tree":
                    var listing = store.ReadTree(id).Select(n => (ModeText(n.Mode), n.ObjectId, n.Name)).ToList();
                    Assert.That(listing, Is.EqualTo(LsTree(_repo, id)), id);
                    break;
                case "commit":
                    Assert.That(store.CommitTree(id), Is.EqualTo(RevParse(id + "^{tree}")), id);
                    break;
            }
        }

        Assert.That(largeBlobs, Is.GreaterThan(0), "a blob over 1 MB was read");
        var head = HeadCommit(Location(_repo));
        var trees = new StoredTrees(store, store.CommitTree(head));
        foreach (var path in new[] { "assets/large.bin", "assets/deep/er/binary.dat", "docs/big text.txt", "ünïcode dir/naïve file.txt", "prisma/migrations" })
        {
            Assert.That(trees.Find(path)?.ObjectId, Is.EqualTo(RevParse("HEAD:" + path)), path);
        }

        Assert.That(trees.Find("assets/nope"), Is.Null);
        Assert.That(trees.Find("assets/large.bin/below"), Is.Null);
        var blob = RevParse("HEAD:assets/large.bin");
        Assert.That(trees.ReadBlob(blob).AsSpan().SequenceEqual(_repo.GitBytes(null, "cat-file", "blob", blob)), Is.True);
    }
}
