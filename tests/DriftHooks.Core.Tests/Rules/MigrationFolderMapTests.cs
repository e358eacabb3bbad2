using DriftHooks.Core.Git;
using DriftHooks.Core.Rules;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

/// <summary>One side's migration folders: shared ones from the table both sides point to, its own beside them.</summary>
public class MigrationFolderMapTests
{
    private static readonly string Script = new('a', 40);

    [Test]
    public void Reads_as_one_dictionary_and_finds_each_sides_own_names_without_the_shared_ones()
    {
        var tree = new IndexTree(
            [new IndexEntry("m/1_init/migration.sql", 0x81A4, Script, 0, false, false), new IndexEntry("m/2_next/migration.sql", 0x81A4, Script, 0, false, false)],
            _ => []);
        var shared = new Dictionary<string, TreeNode>(StringComparer.Ordinal) { ["1_init"] = tree.Find("m/1_init")!, ["2_next"] = tree.Find("m/2_next")! };
        var before = new MigrationFolderMap(shared, tree, new(StringComparer.Ordinal) { ["3_gone"] = new MigrationFolder("3_gone", Script) });
        var after = new MigrationFolderMap(shared, tree, new(StringComparer.Ordinal) { ["4_new"] = new MigrationFolder("4_new", null) });

        Assert.That(after.Count, Is.EqualTo(3));
        Assert.That(after.Keys, Is.EquivalentTo(new[] { "1_init", "2_next", "4_new" }));
        Assert.That(after.ContainsKey("3_gone"), Is.False);
        Assert.That(after["2_next"], Is.EqualTo(new MigrationFolder("2_next", Script)), "a shared folder reads its script when asked");
        Assert.That(after.Values.Select(f => f.Name), Is.EquivalentTo(after.Keys));
        Assert.Throws<KeyNotFoundException>(() => _ = after["3_gone"]);

        Assert.That(MigrationFolderMap.OnlyIn(after, before), Is.EqualTo(new[] { "4_new" }));
        Assert.That(MigrationFolderMap.OnlyIn(before, after), Is.EqualTo(new[] { "3_gone" }));

        // Against plain dictionaries (another source of changes) the answer is the same, found by lookups.
        var plainBefore = before.ToDictionary(p => p.Key, p => p.Value);
        Assert.That(MigrationFolderMap.OnlyIn(after, plainBefore), Is.EqualTo(new[] { "4_new" }));
    }
}
