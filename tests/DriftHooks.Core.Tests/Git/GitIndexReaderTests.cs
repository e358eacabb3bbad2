using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Git;

[TestFixture]
public class GitIndexReaderTests
{
    private const string EmptyBlob = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";

    private TempGitRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = new TempGitRepository();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    [Test]
    public void Missing_index_file_gives_empty_list()
    {
        Assert.That(File.Exists(_repo.IndexPath), Is.False);
        Assert.That(GitIndexReader.ReadEntries(_repo.IndexPath, [""]), Is.Empty);
        Assert.That(GitIndexReader.ReadEntries(Path.Combine(_repo.Root, "no", "such", "index"), ["prisma"]), Is.Empty);
    }

    [TestCase(2)]
    [TestCase(4)]
    public void Matches_ls_files_for_a_typical_tree(int version)
    {
        WriteTypicalTree();
        _repo.Git("add", "-A");
        _repo.Git("update-index", "--index-version", version.ToString(CultureInfo.InvariantCulture));
        Assert.That(IndexVersion(), Is.EqualTo(version));

        AssertSameAsGit("", "prisma", "prisma/migrations", "prisma/migrations/20200101000000_init", "src", "README.md", "nothing-here");
    }

    [TestCase(2)]
    [TestCase(4)]
    public void Prefix_matches_folder_boundaries_only(int version)
    {
        foreach (var path in new[] { "prisma/schema.prisma", "prisma2/x", "prisma-x/y", "prisma.txt", "prismaz", "a/prisma/b", "prisma/sub/deep.sql" })
        {
            _repo.WriteFile(path, path);
        }

        _repo.Git("add", "-A");
        _repo.Git("update-index", "--index-version", version.ToString(CultureInfo.InvariantCulture));

        var paths = GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma"]).Select(e => e.Path);
        Assert.That(paths, Is.EqualTo(new[] { "prisma/schema.prisma", "prisma/sub/deep.sql" }));
        Assert.That(GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma.txt"]).Select(e => e.Path), Is.EqualTo(new[] { "prisma.txt" }));
        Assert.That(GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma/sub", "prisma2"]).Select(e => e.Path), Is.EqualTo(new[] { "prisma/sub/deep.sql", "prisma2/x" }));
        Assert.That(GitIndexReader.ReadEntries(_repo.IndexPath, ["prism"]), Is.Empty);
        AssertSameAsGit("prisma", "prisma2", "a/prisma", "prisma/sub");
    }

    [Test]
    public void Version_3_extended_flags_intent_to_add_and_skip_worktree()
    {
        WriteTypicalTree();
        _repo.Git("add", "-A");
        _repo.Git("commit", "-q", "-m", "init");
        _repo.WriteFile("prisma/migrations/20240101000000_new/migration.sql", "SELECT 1;");
        _repo.Git("add", "-N", "prisma/migrations/20240101000000_new/migration.sql");
        _repo.Git("update-index", "--skip-worktree", "prisma/schema.prisma");
        Assert.That(IndexVersion(), Is.EqualTo(3));

        var entries = GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma"]);
        var added = entries.Single(e => e.Path == "prisma/migrations/20240101000000_new/migration.sql");
        Assert.That(added.IntentToAdd, Is.True);
        Assert.That(added.SkipWorktree, Is.False);
        Assert.That(added.ObjectId, Is.EqualTo(EmptyBlob));
        var schema = entries.Single(e => e.Path == "prisma/schema.prisma");
        Assert.That(schema.SkipWorktree, Is.True);
        Assert.That(schema.IntentToAdd, Is.False);
        Assert.That(entries.Count(e => e.IntentToAdd || e.SkipWorktree), Is.EqualTo(2));
        AssertSameAsGit("", "prisma", "src");

        // Version 4 keeps the extended flags.
        _repo.Git("update-index", "--index-version", "4");
        Assert.That(IndexVersion(), Is.EqualTo(4));
        Assert.That(GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma"]), Is.EqualTo(entries));
    }

    [Test]
    public void Temporary_index_from_GIT_INDEX_FILE()
    {
        WriteTypicalTree();
        _repo.Git("add", "-A");
        _repo.Git("commit", "-q", "-m", "init");
        var temporary = Path.Combine(_repo.Root, ".git", "tmp-index");
        _repo.Environment["GIT_INDEX_FILE"] = temporary;
        _repo.Git("read-tree", "HEAD");
        _repo.WriteFile("prisma/only-in-temp.sql", "x");
        _repo.Git("add", "prisma/only-in-temp.sql");

        Assert.That(GitIndexReader.ReadEntries(temporary, ["prisma"]).Select(e => e.Path), Does.Contain("prisma/only-in-temp.sql"));
        Assert.That(GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma"]).Select(e => e.Path), Does.Not.Contain("prisma/only-in-temp.sql"));
        AssertSameAsGitAt(temporary, "", "prisma");
    }

    [TestCase(2)]
    [TestCase(4)]
    public void Odd_paths_spaces_unicode_invalid_utf8_and_long_names(int version)
    {
        var blob = _repo.HashObject("content\n");
        var longName = "prisma/" + string.Join('/', Enumerable.Range(0, 60).Select(i => new string((char)('a' + (i % 26)), 80)));
        Assert.That(Encoding.UTF8.GetByteCount(longName), Is.GreaterThan(0xFFF));
        var paths = new List<byte[]>
        {
            Encoding.UTF8.GetBytes("prisma/with space/migration file.sql"),
            Encoding.UTF8.GetBytes("prisma/ünïcödé/日本語.sql"),
            Encoding.UTF8.GetBytes("prisma/tab\there.sql"),
            Encoding.UTF8.GetBytes("prisma/quote\"back\\slash.sql"),
            Bytes("prisma/odd-", 0xFF, 0xFE, (byte)'.', (byte)'s', (byte)'q', (byte)'l'),
            Bytes("prisma", 0xC3),
            Encoding.UTF8.GetBytes(longName),
            Encoding.UTF8.GetBytes("prisma2/x"),
            Encoding.UTF8.GetBytes("zz/after"),
        };
        _repo.IndexInfo(paths.Select(p => ("100644", blob, p)));
        _repo.Git("update-index", "--index-version", version.ToString(CultureInfo.InvariantCulture));

        var entries = GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma"]);
        Assert.That(entries, Has.Count.EqualTo(6));
        Assert.That(entries.Select(e => e.Path), Does.Contain("prisma/odd-\uFFFD\uFFFD.sql"));
        Assert.That(entries.Select(e => e.Path), Does.Contain(longName));
        Assert.That(entries.Select(e => e.Path), Does.Contain("prisma/ünïcödé/日本語.sql"));
        Assert.That(GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma/ünïcödé"]), Has.Count.EqualTo(1));
        AssertSameAsGit("", "prisma", "prisma/with space", "zz");
    }

    [Test]
    public void Merge_conflict_gives_stages_1_to_3()
    {
        MergeWithSchemaConflict();

        var entries = GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma"]);
        Assert.That(entries.Select(e => (e.Path, e.Stage)), Is.EqualTo(new[]
        {
            ("prisma/schema.prisma", 1), ("prisma/schema.prisma", 2), ("prisma/schema.prisma", 3),
        }));
        AssertSameAsGit("", "prisma");
    }

    [TestCase(2, 20)]
    [TestCase(4, 100)]
    public void Split_index_is_merged_with_its_shared_index_as_git_reads_it(int version, int maxPercentChange)
    {
        // maxPercentChange 100 keeps every change in the split file (replace and delete bitmaps); 20 lets git fold
        // them into a new shared index once enough has changed.
        _repo.Git("config", "splitIndex.maxPercentChange", maxPercentChange.ToString(CultureInfo.InvariantCulture));
        WriteTypicalTree();
        _repo.Git("add", "-A");
        _repo.Git("update-index", "--index-version", version.ToString(CultureInfo.InvariantCulture));
        _repo.Git("commit", "-q", "-m", "init");
        _repo.Git("update-index", "--split-index");
        Assert.That(Directory.GetFiles(Path.Combine(_repo.Root, ".git"), "sharedindex.*"), Is.Not.Empty, "git wrote no shared index");

        _repo.WriteFile("prisma/schema.prisma", "model Changed {}\n");                              // replaces a shared entry
        _repo.Git("rm", "-q", "--cached", "prisma/migrations/20200101000000_init/migration.sql"); // deletes one
        _repo.WriteFile("prisma/migrations/20300101000000_new/migration.sql", "SELECT 2;\n");      // adds one
        _repo.WriteFile("a-first.txt", "sorts before everything\n");
        _repo.Git("add", "prisma/schema.prisma", "prisma/migrations/20300101000000_new", "a-first.txt");
        _repo.Git("update-index", "--skip-worktree", "src/index.ts");

        AssertSameAsGit("", "prisma", "prisma/migrations", "src", "a-first.txt");
        var scan = GitIndexReader.Scan(_repo.IndexPath, p => p.StartsWith("prisma"u8), p => p.StartsWith("src"u8));
        Assert.That(scan.First.Select(e => e.Path), Is.EqualTo(_repo.LsFilesStage("prisma").Select(l => l[(l.IndexOf('\t') + 1)..])));
        Assert.That(scan.Second.Single(e => e.Path == "src/index.ts").SkipWorktree, Is.True);

        // Git's own fix-up still reads the same.
        _repo.Git("update-index", "--no-split-index");
        AssertSameAsGit("", "prisma");
    }

    [TestCase(2, 7)]
    [TestCase(4, 11)]
    public void Split_index_after_random_edits_reads_as_git_reads_it(int version, int seed)
    {
        // Random additions, edits and removals, each staged into a split index git keeps splitting (bitmaps grow).
        _repo.Git("config", "splitIndex.maxPercentChange", "100");
        _repo.Git("config", "core.splitIndex", "true");
        var random = new Random(seed);
        var paths = Enumerable.Range(0, 40).Select(i => $"{(i % 3 == 0 ? "prisma/migrations" : "src")}/f{i:00}/x.sql").ToList();
        foreach (var path in paths.Take(20))
        {
            _repo.WriteFile(path, path);
        }

        _repo.Git("add", "-A");
        _repo.Git("update-index", "--index-version", version.ToString(CultureInfo.InvariantCulture));
        _repo.Git("commit", "-q", "-m", "base");
        for (var step = 0; step < 25; step++)
        {
            var path = paths[random.Next(paths.Count)];
            var full = Path.Combine(_repo.Root, path);
            if (File.Exists(full) && random.Next(3) == 0)
            {
                _repo.Git("rm", "-q", "--cached", path);
                File.Delete(full);
            }
            else
            {
                _repo.WriteFile(path, $"{path} {step}");
                _repo.Git("add", path);
            }

            AssertSameAsGit("", "prisma", "src");
        }

        Assert.That(File.ReadAllBytes(_repo.IndexPath).AsSpan().IndexOf("link"u8), Is.GreaterThan(0), "git kept the index split");
    }

    [Test]
    public void Split_index_conflicts_and_their_resolution_read_as_git_reads_them()
    {
        _repo.Git("config", "splitIndex.maxPercentChange", "100");
        _repo.Git("config", "core.splitIndex", "true");
        MergeWithSchemaConflict();
        Assert.That(Directory.GetFiles(Path.Combine(_repo.Root, ".git"), "sharedindex.*"), Is.Not.Empty, "git wrote no shared index");

        AssertSameAsGit("", "prisma");
        Assert.That(GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma"]).Select(e => e.Stage), Is.EqualTo(new[] { 1, 2, 3 }));

        _repo.WriteFile("prisma/schema.prisma", "resolved\n");
        _repo.Git("add", "prisma/schema.prisma");
        AssertSameAsGit("", "prisma");
    }

    [Test]
    public void Split_index_without_its_shared_part_is_a_resource_error_naming_it()
    {
        WriteTypicalTree();
        _repo.Git("add", "-A");
        _repo.Git("update-index", "--split-index");
        foreach (var shared in Directory.GetFiles(Path.Combine(_repo.Root, ".git"), "sharedindex.*"))
        {
            File.Delete(shared);
        }

        var ex = Assert.Throws<ResourceUnavailableException>(() => GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma"]));
        Assert.That(ex!.Message, Does.Contain("sharedindex.").And.Contain("is missing"));
        Assert.That(ex.ExitCode, Is.EqualTo(ExitCodes.ResourceUnavailable));
    }

    [Test]
    public void Sparse_index_directory_entries_refused_only_under_a_requested_prefix()
    {
        _repo.WriteFile("prisma/schema.prisma", "s");
        _repo.WriteFile("app/prisma/schema.prisma", "s");
        _repo.WriteFile("app/src/a.ts", "a");
        _repo.WriteFile("web/b.ts", "b");
        _repo.Git("add", "-A");
        _repo.Git("commit", "-q", "-m", "init");
        _repo.Git("sparse-checkout", "set", "--cone", "--sparse-index", "prisma");
        var all = _repo.Git("ls-files", "--sparse", "--stage");
        Assert.That(all, Does.Contain("040000").And.Contain("app/"), "git did not write a sparse index");

        AssertSameAsGit("prisma");
        Assert.Throws<UnsupportedIndexException>(() => GitIndexReader.ReadEntries(_repo.IndexPath, ["app/prisma"]));
        Assert.Throws<UnsupportedIndexException>(() => GitIndexReader.ReadEntries(_repo.IndexPath, ["app"]));
        Assert.Throws<UnsupportedIndexException>(() => GitIndexReader.ReadEntries(_repo.IndexPath, [""]));
    }

    [TestCase(2)]
    [TestCase(4)]
    public void Big_index_seeks_to_the_right_entries(int version)
    {
        var blob = _repo.HashObject("x\n");
        var paths = new List<byte[]>();
        for (var module = 0; module < 200; module++)
        {
            for (var file = 0; file < 100; file++)
            {
                paths.Add(Encoding.UTF8.GetBytes($"src/module{module:D3}/file{file:D4}.ts"));
            }
        }

        for (var m = 1; m <= 300; m++)
        {
            paths.Add(Encoding.UTF8.GetBytes($"prisma/migrations/2020010100{m:D4}_m{m:D4}/migration.sql"));
        }

        paths.Add("prisma/schema.prisma"u8.ToArray());
        paths.Add("aaa/first"u8.ToArray());
        paths.Add("zzz/last"u8.ToArray());
        _repo.IndexInfo(paths.Select(p => ("100644", blob, p)));
        _repo.Git("update-index", "--index-version", version.ToString(CultureInfo.InvariantCulture));
        Assert.That(EntryCount(), Is.EqualTo(20_303));

        Assert.That(GitIndexReader.ReadEntries(_repo.IndexPath, ["prisma"]), Has.Count.EqualTo(301));
        AssertSameAsGit("", "prisma", "prisma/migrations", "src/module100", "src/module199/file0099.ts", "aaa", "zzz");
    }

    [Test]
    public void Truncated_or_garbled_files_are_resource_errors_naming_the_file()
    {
        WriteTypicalTree();
        _repo.Git("add", "-A");
        var bytes = File.ReadAllBytes(_repo.IndexPath);
        var broken = Path.Combine(_repo.Root, "broken-index");

        foreach (var length in new[] { 0, 5, 12, 40, bytes.Length / 2, bytes.Length - 21 })
        {
            File.WriteAllBytes(broken, bytes[..length]);
            var ex = Assert.Throws<ResourceUnavailableException>(() => GitIndexReader.ReadEntries(broken, ["prisma"]), $"length {length}");
            Assert.That(ex!.Message, Does.Contain(broken).And.Contain("corrupt"));
        }

        var badSignature = bytes.ToArray();
        badSignature[0] = (byte)'X';
        File.WriteAllBytes(broken, badSignature);
        Assert.Throws<ResourceUnavailableException>(() => GitIndexReader.ReadEntries(broken, ["prisma"]));

        var hugeCount = bytes.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(hugeCount.AsSpan(8), 1_000_000);
        File.WriteAllBytes(broken, hugeCount);
        Assert.Throws<ResourceUnavailableException>(() => GitIndexReader.ReadEntries(broken, [""]));

        var badVersion = bytes.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(badVersion.AsSpan(4), 5);
        File.WriteAllBytes(broken, badVersion);
        Assert.Throws<UnsupportedIndexException>(() => GitIndexReader.ReadEntries(broken, [""]));
    }

    [Test]
    public void Unknown_required_extension_is_refused()
    {
        WriteTypicalTree();
        _repo.Git("add", "-A");
        var bytes = File.ReadAllBytes(_repo.IndexPath);
        // Insert a lowercase (required) extension just before the trailing checksum.
        var extension = new byte[] { (byte)'z', (byte)'z', (byte)'z', (byte)'z', 0, 0, 0, 0 };
        var patched = bytes[..^20].Concat(extension).Concat(bytes[^20..]).ToArray();
        var path = Path.Combine(_repo.Root, "patched-index");
        File.WriteAllBytes(path, patched);
        Assert.Throws<UnsupportedIndexException>(() => GitIndexReader.ReadEntries(path, ["prisma"]));

        // An optional (uppercase) one is skipped.
        patched[^28] = (byte)'Z';
        File.WriteAllBytes(path, patched);
        Assert.That(GitIndexReader.ReadEntries(path, ["prisma"]), Is.Not.Empty);
    }

    private void WriteTypicalTree()
    {
        _repo.WriteFile("README.md", "# app\n");
        _repo.WriteFile("prisma/schema.prisma", "model User { id Int @id }\n");
        _repo.WriteFile("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        _repo.WriteFile("prisma/migrations/20200101000000_init/migration.sql", "CREATE TABLE \"User\" (\"id\" SERIAL);\n");
        _repo.WriteFile("prisma/migrations/20200202000000_second/migration.sql", "ALTER TABLE \"User\" ADD \"x\" INT;\n");
        _repo.WriteFile("src/index.ts", "export {};\n");
        _repo.WriteFile("src/lib/util.ts", "export const x = 1;\n");
        _repo.WriteFile("scripts/run.sh", "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(_repo.Root, "scripts/run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "prisma", "link"), "schema.prisma");
    }

    private static byte[] Bytes(string start, params byte[] tail) => [.. Encoding.UTF8.GetBytes(start), .. tail];

    private int IndexVersion() => (int)BinaryPrimitives.ReadUInt32BigEndian(File.ReadAllBytes(_repo.IndexPath).AsSpan(4));

    private int EntryCount() => (int)BinaryPrimitives.ReadUInt32BigEndian(File.ReadAllBytes(_repo.IndexPath).AsSpan(8));

    /// <summary>Merges two branches that both changed prisma/schema.prisma: the index then holds its stages 1 to 3.</summary>
    private void MergeWithSchemaConflict()
    {
        _repo.WriteFile("prisma/schema.prisma", "model A { id Int @id }\n");
        _repo.WriteFile("other.txt", "x");
        _repo.Git("add", "-A");
        _repo.Git("commit", "-q", "-m", "base");
        _repo.Git("checkout", "-q", "-b", "theirs");
        _repo.WriteFile("prisma/schema.prisma", "model A { id Int @id\n  theirs String }\n");
        _repo.Git("commit", "-q", "-am", "theirs");
        _repo.Git("checkout", "-q", "main");
        _repo.WriteFile("prisma/schema.prisma", "model A { id Int @id\n  ours String }\n");
        _repo.Git("commit", "-q", "-am", "ours");
        Assert.That(_repo.Run(null, "merge", "-q", "theirs").Code, Is.Not.Zero, "the merge should conflict");
    }

    private void AssertSameAsGit(params string[] prefixes) => AssertSameAsGitAt(_repo.IndexPath, prefixes);

    private void AssertSameAsGitAt(string indexPath, params string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            var expected = _repo.LsFilesStage(prefix);
            var actual = GitIndexReader.ReadEntries(indexPath, [prefix])
                .Select(e => $"{Convert.ToString(e.Mode, 8)} {e.ObjectId} {e.Stage}\t{e.Path}")
                .ToList();
            Assert.That(actual, Is.EqualTo(expected), $"prefix '{prefix}'");
        }
    }
}
