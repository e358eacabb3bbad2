using System.Text;
using DriftHooks.Core.Commits;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Commits;

/// <summary>
/// The one project locator on plain data: the same files listed as an index lists them (paths) and as a tree holds them
/// (folders of entries) give the same candidates and the same projects, skipped folders included.
/// </summary>
public class ProjectLocatorTests
{
    private static readonly string[] Files =
    [
        "package.json",
        "apps/api/prisma/schema.prisma",
        "apps/api/prisma/migrations/migration_lock.toml",
        "apps/api/prisma/migrations/20240101000000_init/migration.sql",
        "apps/web/package.json",
        "node_modules/@prisma/client/prisma/schema.prisma",
        "apps/web/node_modules/dep/prisma/schema.prisma",
        "apps/web/node_modules/dep/package.json",
        "tools/my_node_modules/prisma/schema.prisma",
        "tools/node_modules_old/package.json",
        "src/index.ts",
    ];

    [Test]
    public void A_tree_walk_and_an_index_list_give_the_same_candidates()
    {
        var fromIndex = Files.Where(PrismaProjectLocator.IsCandidate).Order(StringComparer.Ordinal).ToList();
        var (readTree, root) = TreeOf(Files);
        var fromTree = new Dictionary<string, string>(StringComparer.Ordinal);
        ProjectLocator.CollectCandidates(readTree, root, "", fromTree);

        Assert.That(fromTree.Keys.Order(StringComparer.Ordinal), Is.EqualTo(fromIndex));
        Assert.That(fromIndex, Is.EqualTo(new[]
        {
            "apps/api/prisma/migrations/migration_lock.toml",
            "apps/api/prisma/schema.prisma",
            "apps/web/package.json",
            "package.json",
            "tools/my_node_modules/prisma/schema.prisma",
            "tools/node_modules_old/package.json",
        }));
    }

    [Test]
    public void Node_modules_is_skipped_at_any_depth_and_only_as_a_whole_folder_name()
    {
        Assert.That(PrismaProjectLocator.IsCandidate("node_modules/x/prisma/schema.prisma"u8), Is.False);
        Assert.That(PrismaProjectLocator.IsCandidate("a/b/node_modules/x/package.json"u8), Is.False);
        Assert.That(PrismaProjectLocator.IsCandidate("a/.git/schema.prisma"u8), Is.False);
        Assert.That(PrismaProjectLocator.IsCandidate("a/my_node_modules/schema.prisma"u8), Is.True);
        Assert.That(PrismaProjectLocator.IsCandidate("a/node_modules.prisma"u8), Is.True, "a file so named is no folder");
        Assert.That(PrismaProjectLocator.IsSkippedFolder("node_modules"), Is.True);
        Assert.That(PrismaProjectLocator.IsSkippedFolder("node_modules_old"), Is.False);
    }

    [Test]
    public void Locate_leaves_out_what_a_skipped_folder_holds_whoever_lists_it()
    {
        var projects = PrismaProjectLocator.Locate(Files, _ => null, []);
        Assert.That(projects.Select(p => p.SchemaPath), Is.EqualTo(new[] { "apps/api/prisma/schema.prisma", "tools/my_node_modules/prisma/schema.prisma" }));
    }

    [Test]
    public void A_deep_tree_is_walked_without_recursion()
    {
        var deep = string.Join('/', Enumerable.Repeat("d", 5000)) + "/schema.prisma";
        var (readTree, root) = TreeOf([deep]);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        ProjectLocator.CollectCandidates(readTree, root, "", found);
        Assert.That(found.Keys, Is.EqualTo(new[] { deep }));
    }

    // The files as folders of tree entries, each folder's id its path (data, as a tree's entries are).
    private static (Func<string, IReadOnlyList<TreeNode>> ReadTree, string Root) TreeOf(IEnumerable<string> files)
    {
        var folders = new Dictionary<string, List<TreeNode>>(StringComparer.Ordinal) { [""] = [] };
        foreach (var file in files)
        {
            var parts = file.Split('/');
            var folder = "";
            for (var i = 0; i < parts.Length; i++)
            {
                var path = folder.Length == 0 ? parts[i] : folder + "/" + parts[i];
                var isFile = i == parts.Length - 1;
                if (isFile || !folders.ContainsKey(path))
                {
                    folders[folder].Add(new TreeNode(parts[i], isFile ? 0x81A4 : TreeNode.TreeMode, isFile ? Convert.ToHexStringLower(Encoding.UTF8.GetBytes(path)) : "tree:" + path));
                    if (!isFile)
                    {
                        folders[path] = [];
                    }
                }

                folder = path;
            }
        }

        return (id => folders[id == "tree:" ? "" : id.StartsWith("tree:", StringComparison.Ordinal) ? id[5..] : id], "tree:");
    }
}
