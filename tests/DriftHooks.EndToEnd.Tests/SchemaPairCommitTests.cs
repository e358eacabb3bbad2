using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The 112 real schema edits of tests/data/schema-pairs (umami), each staged without a migration and committed
/// through the installed native hook: it must refuse exactly the edits Prisma's own differ labels "differs".
/// </summary>
[TestFixture]
public class SchemaPairCommitTests
{
    private static readonly string PairsFolder = DriftHooks.Core.Tests.Support.TestData.SchemaPairs;

    [Test]
    public void Every_labelled_pair_is_judged_as_Prisma_judges_it()
    {
        var labels = File.ReadAllLines(Path.Combine(PairsFolder, "labels.txt"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => l.Split(' '))
            .ToList();
        Assert.That(labels, Has.Count.EqualTo(112));

        using var repo = new TestRepository();
        repo.Write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        repo.Write("prisma/migrations/20200101000000_init/migration.sql", "SELECT 1;\n");
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);

        var wrong = new List<string>();
        foreach (var (id, label) in labels.Select(l => (l[0], l[1])))
        {
            repo.WriteBytes("prisma/schema.prisma", File.ReadAllBytes(Path.Combine(PairsFolder, id + ".before.prisma")));
            repo.CommitAllWithoutHooks(id + " before");
            repo.WriteBytes("prisma/schema.prisma", File.ReadAllBytes(Path.Combine(PairsFolder, id + ".after.prisma")));
            repo.MustGit("add", "prisma/schema.prisma");
            var result = repo.Commit("-q");
            var refused = result.ExitCode != 0;
            if (refused != (label == "differs") || (refused && !result.Error.Contains("DH101", StringComparison.Ordinal)))
            {
                wrong.Add($"{id} labelled {label}, hook exit {result.ExitCode}: {result.Error.Split('\n')[0]}");
            }

            repo.MustGit("reset", "-q", "--hard");
        }

        Assert.That(wrong, Is.Empty, string.Join("\n", wrong));
    }
}
