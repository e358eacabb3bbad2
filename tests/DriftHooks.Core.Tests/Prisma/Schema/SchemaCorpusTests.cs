using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Schema;

/// <summary>
/// Real schemas of permissively licensed public projects (tests/data/corpus, sources and licences in its README), each
/// with Prisma 6.19.3's <c>validate</c> verdict recorded by record.sh: DriftHooks reads every schema Prisma reads. A
/// PostgreSQL schema is modelled; one for another database is recognised as such (the commit rules then pass it with a
/// note) and still reads, so that the rules not tied to PostgreSQL can compare its versions.
/// </summary>
public class SchemaCorpusTests
{
    public static IEnumerable<TestCaseData> Schemas() =>
        File.ReadLines(Path.Combine(TestData.Corpus, "verdicts.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 3)
            .Select(parts => new TestCaseData(parts[0], parts[1], parts[2]).SetName($"Corpus_{parts[0].Replace('/', '_')}_{parts[1]}_{parts[2]}"));

    [TestCaseSource(nameof(Schemas))]
    public void Reads_every_schema_Prisma_reads(string file, string verdict, string provider)
    {
        var path = Path.Combine(TestData.Corpus, file);
        var source = new SchemaSource(file, File.ReadAllText(path));
        if (verdict != "valid")
        {
            Assert.Ignore($"Prisma refuses {file}: nothing to agree on");
        }

        var schema = PrismaSchemaParser.Parse(source);
        if (provider is "postgresql" or "postgres")
        {
            Assert.That(DatabaseModelBuilder.Build(schema).Tables, Is.Not.Empty);
            return;
        }

        var notModelled = Assert.Throws<SchemaParseException>(() => DatabaseModelBuilder.Build(schema))!;
        Assert.That(notModelled.Provider, Is.EqualTo(provider));
        Assert.That(() => DatabaseModelBuilder.Build(schema, anyProvider: true), Throws.Nothing);
    }

    public static IEnumerable<TestCaseData> Pairs() =>
        File.ReadLines(Path.Combine(TestData.Corpus, "pairs", "labels.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 2)
            .Select(parts => new TestCaseData(parts[0], parts[1]).SetName($"CorpusPair_{parts[0]}_{parts[1]}"));

    /// <summary>Real edits from the projects' histories, labelled by Prisma's own differ (<c>migrate diff --exit-code</c>).</summary>
    [TestCaseSource(nameof(Pairs))]
    public void A_schema_edit_changes_the_database_exactly_when_Prisma_s_differ_says_so(string id, string label)
    {
        SchemaSource[] Read(string side)
        {
            var file = Path.Combine(TestData.Corpus, "pairs", $"{id}.{side}.prisma");
            return [new SchemaSource(file, File.ReadAllText(file))];
        }

        var comparison = DatabaseSchemaComparer.Compare(Read("before"), Read("after"));
        Assert.That(comparison.ChangesDatabase, Is.EqualTo(label == "differs"), string.Join("; ", comparison.Changes.Select(c => $"{c.Name}: {c.Description}")));
    }

    [Test]
    public void Every_schema_has_a_recorded_verdict()
    {
        var recorded = File.ReadLines(Path.Combine(TestData.Corpus, "verdicts.txt")).Select(l => l.Split(' ')[0]).ToHashSet();
        var files = Directory.GetFiles(TestData.Corpus, "*.prisma", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) != "pairs")
            .Select(f => Path.GetRelativePath(TestData.Corpus, f).Replace('\\', '/'));
        Assert.That(files.Where(f => !recorded.Contains(f)), Is.Empty, "run tests/data/corpus/record.sh on new schemas");
    }
}
