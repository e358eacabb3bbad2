using DriftHooks.Core.Commits;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Git;

/// <summary>The merge walk over sorted trees against the lookup path taken for trees that are not in git order.</summary>
public class TreeDiffTests
{
    private static readonly PrismaProject Project = new("prisma/schema.prisma", false, "prisma/migrations");

    [TestCase(false)]
    [TestCase(true)]
    public void Sorted_and_unsorted_trees_give_the_same_changes_and_folders(bool shuffled)
    {
        // "a" is a file before and a folder after; "a.sql" and "a-b" sort between "a" and "a/" in git order.
        var before = new FakeTrees(shuffled, [
            ("prisma/schema.prisma", "1"), ("prisma/migrations/a", "2"), ("prisma/migrations/a.sql", "3"),
            ("prisma/migrations/m1/migration.sql", "4"), ("prisma/migrations/m2/migration.sql", "5"),
            ("prisma/migrations/gone/migration.sql", "6"), ("prisma/migrations/noscript/readme", "7")]);
        var after = new FakeTrees(shuffled, [
            ("prisma/schema.prisma", "8"), ("prisma/migrations/a/migration.sql", "9"), ("prisma/migrations/a.sql", "3"),
            ("prisma/migrations/a-b/migration.sql", "a"), ("prisma/migrations/m1/migration.sql", "4"),
            ("prisma/migrations/m2/migration.sql", "b"), ("prisma/migrations/noscript/readme", "7")]);
        Assert.That(TreeDiff.IsInGitOrder(before.Children(before.Find("prisma/migrations")!.ObjectId)), Is.EqualTo(!shuffled));

        var changes = ProjectChangesReader.Read(Project, before, after, workTree: null);
        Assert.That(changes.Changes, Is.EquivalentTo(new[]
        {
            new FileChange("prisma/schema.prisma", ChangeKind.Modified, Id("1"), Id("8")),
            new FileChange("prisma/migrations/a", ChangeKind.Deleted, Id("2"), null),
            new FileChange("prisma/migrations/a/migration.sql", ChangeKind.Added, null, Id("9")),
            new FileChange("prisma/migrations/a-b/migration.sql", ChangeKind.Added, null, Id("a")),
            new FileChange("prisma/migrations/m2/migration.sql", ChangeKind.Modified, Id("5"), Id("b")),
            new FileChange("prisma/migrations/gone/migration.sql", ChangeKind.Deleted, Id("6"), null),
        }));
        Assert.That(changes.Before.Values, Is.EquivalentTo(new[]
        {
            new MigrationFolder("m1", Id("4")), new MigrationFolder("m2", Id("5")),
            new MigrationFolder("gone", Id("6")), new MigrationFolder("noscript", null),
        }));
        Assert.That(changes.After.Values, Is.EquivalentTo(new[]
        {
            new MigrationFolder("a", Id("9")), new MigrationFolder("a-b", Id("a")), new MigrationFolder("m1", Id("4")),
            new MigrationFolder("m2", Id("b")), new MigrationFolder("noscript", null),
        }));
    }

    [Test]
    public void Stand_in_folder_ids_give_the_same_changes_as_hashed_ones()
    {
        (string, string)[] head = [("prisma/schema.prisma", "1"), ("prisma/migrations/m1/migration.sql", "2"), ("prisma/migrations/m2/migration.sql", "3"), ("prisma/migrations/migration_lock.toml", "4")];
        (string, string)[] same = [.. head];
        (string, string)[] changed = [("prisma/schema.prisma", "5"), ("prisma/migrations/m1/migration.sql", "2"), ("prisma/migrations/m3/migration.sql", "6"), ("prisma/migrations/migration_lock.toml", "4")];
        var before = new IndexTree(Entries(head), _ => []);
        foreach (var after in new[] { same, changed })
        {
            var hashed = ProjectChangesReader.Read(Project, before, new IndexTree(Entries(after), _ => []), workTree: null);
            var standIn = ProjectChangesReader.Read(Project, before, new IndexTree(Entries(after), _ => [], hashFolders: false), workTree: null);
            Assert.That(standIn.Changes, Is.EqualTo(hashed.Changes));
            Assert.That(standIn.Before, Is.EquivalentTo(hashed.Before));
            Assert.That(standIn.After, Is.EquivalentTo(hashed.After));
            Assert.That(standIn.SchemaAfter, Is.EqualTo(hashed.SchemaAfter));
        }

        Assert.That(ProjectChangesReader.IsUnchanged(Project, before, new IndexTree(Entries(same), _ => [], hashFolders: false)), Is.False, "a stand-in id equals no object id");
    }

    private static IEnumerable<IndexEntry> Entries((string Path, string Digit)[] files) =>
        files.Select(f => new IndexEntry(f.Path, 0x81A4, Id(f.Digit), 0, false, false));

    [Test]
    public void Git_order_is_the_byte_order_of_utf8_names_with_a_slash_after_folders()
    {
        string[] names = ["a", "a-b", "a.sql", "ab", "a\u00e9", "a\uE000", "a\U0001F600", "a\uFFFD", "a\uD800", "\u4e2d", "Z", "a\u00e9b", "a\U0001F600x"];
        var nodes = names.SelectMany(n => new[] { new TreeNode(n, 0x81A4, Id("1")), new TreeNode(n, TreeNode.TreeMode, Id("2")) }).ToList();
        foreach (var x in nodes)
        {
            foreach (var y in nodes)
            {
                var expected = System.Text.Encoding.UTF8.GetBytes(x.IsTree ? x.Name + "/" : x.Name).AsSpan()
                    .SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(y.IsTree ? y.Name + "/" : y.Name));
                Assert.That(Math.Sign(IndexTree.CompareGitOrder(x, y)), Is.EqualTo(Math.Sign(expected)), $"{x} vs {y}");
            }
        }
    }

    private static string Id(string digit) => new(digit[0], 40);

    /// <summary>Trees from paths, ids made up; children in git order, or reversed (as a malformed tree might be).</summary>
    private sealed class FakeTrees : ITreeSource
    {
        private readonly IndexTree _tree;
        private readonly bool _reversed;

        public FakeTrees(bool reversed, (string Path, string Digit)[] files)
        {
            _reversed = reversed;
            _tree = new IndexTree(files.Select(f => new IndexEntry(f.Path, 0x81A4, Id(f.Digit), 0, false, false)), _ => []);
        }

        public TreeNode? Find(string path) => _tree.Find(path);

        public IReadOnlyList<TreeNode> Children(string treeId)
        {
            var children = _tree.Children(treeId).ToList();
            if (_reversed)
            {
                children.Reverse();
            }

            return children;
        }

        public byte[] ReadBlob(string blobId) => [];
    }
}
