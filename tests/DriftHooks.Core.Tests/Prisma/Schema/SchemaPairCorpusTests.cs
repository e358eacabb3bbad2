using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Schema;

/// <summary>Every labelled pair of the repository's test data (tests/data/schema-pairs, from umami): the verdict must match Prisma's own differ.</summary>
public class SchemaPairCorpusTests
{
    public static IEnumerable<TestCaseData> Pairs()
    {
        foreach (var line in File.ReadLines(Path.Combine(TestData.SchemaPairs, "labels.txt")))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2)
            {
                yield return new TestCaseData(parts[0], parts[1]).SetName($"Pair_{parts[0]}_{parts[1]}");
            }
        }
    }

    [TestCaseSource(nameof(Pairs))]
    public void VerdictMatchesPrismaDiffer(string id, string label)
    {
        var comparison = DatabaseSchemaComparer.Compare(Read(id + ".before.prisma"), Read(id + ".after.prisma"));

        var changes = string.Join("; ", comparison.Changes.Select(c => $"{c.Name}: {c.Description}"));
        Assert.That(comparison.ChangesDatabase, Is.EqualTo(label == "differs"), changes);
    }

    private static SchemaSource[] Read(string file)
    {
        var path = Path.Combine(TestData.SchemaPairs, file);
        return [new SchemaSource(path, File.ReadAllText(path))];
    }
}
