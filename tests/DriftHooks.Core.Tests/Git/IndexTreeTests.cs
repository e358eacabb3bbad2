using DriftHooks.Core.Git;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Git;

public class IndexTreeTests
{
    [Test]
    public void Folder_ids_computed_from_the_index_equal_the_trees_git_writes()
    {
        using var repo = new TempGitRepository();
        repo.WriteFile("prisma/schema.prisma", "model A { id Int @id }\n");
        repo.WriteFile("prisma/migrations/20240101000000_init/migration.sql", "SELECT 1;\n");
        repo.WriteFile("prisma/migrations/2024-x/migration.sql", "SELECT 2;\n"); // '-' sorts before '/': git's folder order
        repo.WriteFile("prisma/migrations/2024/migration.sql", "SELECT 3;\n");
        repo.WriteFile("prisma/migrations/2024.sql", "SELECT 4;\n");
        repo.WriteFile("prisma/run.sh", "#!/bin/sh\n");
        repo.Git("add", "-A");
        repo.Git("update-index", "--chmod=+x", "prisma/run.sh");

        var entries = GitIndexReader.ReadEntries(repo.IndexPath, ["prisma"]);
        var tree = new IndexTree(entries, _ => []);
        var expected = repo.Git("write-tree", "--prefix=prisma/").Trim();
        Assert.That(tree.Find("prisma")!.ObjectId, Is.EqualTo(expected));
        Assert.That(tree.Find("prisma/migrations")!.ObjectId, Is.EqualTo(repo.Git("write-tree", "--prefix=prisma/migrations/").Trim()));
    }

    [Test]
    public void Folder_lists_are_marked_ordered_only_when_strictly_in_git_order()
    {
        const string Blob = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
        IndexEntry File(string path) => new(path, 0x81A4, Blob, 0, intentToAdd: false, skipWorktree: false);

        // Out of git's order ("a-b" sorts before the folder "a"): sorted and marked.
        var sorted = new IndexTree([File("p/a/x"), File("p/a-b"), File("p/c")], _ => []);
        var children = sorted.Children(sorted.Find("p")!);
        Assert.That(children.Select(c => c.Name), Is.EqualTo(new[] { "a-b", "a", "c" }));
        Assert.That(children, Is.TypeOf<TreeNodeList>().With.Property(nameof(TreeNodeList.InGitOrder)).True);

        // Two entries of one name (a malformed index): never taken as ordered, so comparisons fall back to names.
        var duplicate = new IndexTree([File("p/a"), File("p/a"), File("p/b")], _ => []);
        Assert.That(TreeDiff.IsInGitOrder(duplicate.Children(duplicate.Find("p")!)), Is.False);
    }

    [Test]
    public void Diff_against_the_index_descends_only_into_changed_folders()
    {
        var before = new IndexTree([Entry("m/a/migration.sql", "1"), Entry("m/b/migration.sql", "2"), Entry("schema.prisma", "3")], _ => []);
        var after = new IndexTree([Entry("m/a/migration.sql", "1"), Entry("m/b/migration.sql", "9"), Entry("m/c/migration.sql", "4")], _ => []);
        var changes = new List<FileChange>();
        TreeDiff.Compare("", before, after, changes);
        Assert.That(changes, Is.EquivalentTo(new[]
        {
            new FileChange("m/b/migration.sql", ChangeKind.Modified, Id("2"), Id("9")),
            new FileChange("m/c/migration.sql", ChangeKind.Added, null, Id("4")),
            new FileChange("schema.prisma", ChangeKind.Deleted, Id("3"), null),
        }));
    }

    [Test]
    public void Folders_kept_unbuilt_by_their_cached_ids_read_as_the_fully_built_tree()
    {
        using var repo = new TempGitRepository();
        repo.WriteFile("prisma/schema/base.prisma", "model A { id Int @id }\n");
        repo.WriteFile("prisma/schema/more/extra.prisma", "model B { id Int @id }\n");
        foreach (var name in new[] { "20240101000000_init", "20240102000000_b", "20240103000000_c-d", "20240103000000_c" })
        {
            repo.WriteFile($"prisma/migrations/{name}/migration.sql", $"-- {name}\n");
        }

        repo.WriteFile("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "init");
        repo.WriteFile("prisma/migrations/20240102000000_b/migration.sql", "-- edited\n");
        repo.WriteFile("prisma/migrations/20240104000000_new/migration.sql", "-- new\n");
        repo.Git("add", "prisma/migrations/20240102000000_b/migration.sql", "prisma/migrations/20240104000000_new/migration.sql");

        var scan = GitIndexReader.Scan(repo.IndexPath, _ => false, path => path.StartsWith("prisma/"u8));
        Assert.That(scan.ParsedCacheTree, Is.Not.Null);
        var unbuilt = new IndexTree(scan.Second, _ => [], scan.ParsedCacheTree, ["prisma"], hashFolders: true);
        var built = new IndexTree(scan.Second, _ => []);

        string[] folders = ["prisma", "prisma/schema", "prisma/schema/more", "prisma/migrations", "prisma/migrations/20240101000000_init", "prisma/migrations/20240102000000_b", "prisma/migrations/20240104000000_new"];
        foreach (var folder in folders)
        {
            Assert.That(unbuilt.Find(folder)?.ObjectId, Is.EqualTo(built.Find(folder)!.ObjectId), folder);
            Assert.That(Listing(unbuilt.Children(unbuilt.Find(folder)!)), Is.EqualTo(Listing(built.Children(built.Find(folder)!))), folder);
        }

        // A file inside a folder never built before is found; ids from the cache-tree are those git committed.
        var fresh = new IndexTree(scan.Second, _ => [], scan.ParsedCacheTree, ["prisma"], hashFolders: true);
        Assert.That(fresh.Find("prisma/schema/more/extra.prisma")?.ObjectId, Is.EqualTo(repo.Git("rev-parse", ":prisma/schema/more/extra.prisma").Trim()));
        Assert.That(fresh.Find("prisma/schema")!.ObjectId, Is.EqualTo(repo.Git("rev-parse", "HEAD:prisma/schema").Trim()));
        Assert.That(fresh.Find("prisma/schema/missing.prisma"), Is.Null);

        // With HEAD as its base, an unchanged folder is HEAD's own node; what lies inside reads the same.
        var location = RepositoryLocation.Find(repo.Root);
        using var store = ObjectStore.Open(location);
        var head = new StoredTrees(store, store.CommitTree(GitHistory.HeadCommit(location)));
        var based = new IndexTree(scan.Second, _ => [], scan.ParsedCacheTree, ["prisma"], hashFolders: true, baseTree: head);
        Assert.That(based.Find("prisma/migrations/20240101000000_init"), Is.SameAs(head.Find("prisma/migrations/20240101000000_init")));
        Assert.That(based.Find("prisma/schema/more/extra.prisma")?.ObjectId, Is.EqualTo(repo.Git("rev-parse", ":prisma/schema/more/extra.prisma").Trim()));
        Assert.That(based.Find("prisma/migrations/20240102000000_b"), Is.Not.SameAs(head.Find("prisma/migrations/20240102000000_b")), "changed: its own node");
        foreach (var folder in folders)
        {
            Assert.That(based.Find(folder)?.ObjectId, Is.EqualTo(built.Find(folder)!.ObjectId), folder);
            Assert.That(Listing(based.Children(based.Find(folder)!)), Is.EqualTo(Listing(built.Children(built.Find(folder)!))), folder);
        }

        var shared = repo.Git("rev-parse", "HEAD:prisma/migrations/20240103000000_c-d").Trim();
        Assert.That(Listing(based.Children(shared)), Is.EqualTo(Listing(built.Children(shared))).And.Count.EqualTo(1));

        // Lookups by id build everything first.
        var byId = new IndexTree(scan.Second, _ => [], scan.ParsedCacheTree, ["prisma"], hashFolders: true);
        var treeId = repo.Git("rev-parse", "HEAD:prisma/migrations/20240103000000_c").Trim();
        Assert.That(Listing(byId.Children(treeId)), Is.EqualTo(Listing(built.Children(treeId))).And.Count.EqualTo(1));
    }

    private static List<string> Listing(IReadOnlyList<TreeNode> nodes) => [.. nodes.Select(n => $"{n.Name} {n.Mode} {n.ObjectId}")];

    private static string Id(string digit) => new(digit[0], 40);

    private static IndexEntry Entry(string path, string digit) => new(path, 0x81A4, Id(digit), 0, false, false);
}
