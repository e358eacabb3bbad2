using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Schema;

/// <summary>
/// The schema reader against Prisma's grammar (tests/data/prisma-grammar): forms of attribute arguments, lists,
/// comments, escapes and multi-line blocks, each with Prisma 6.19.3's verdict recorded beside it by record.sh. Where
/// Prisma accepts a form, DriftHooks must read it, and read it as Prisma does: the database Prisma's own
/// <c>migrate diff --from-empty --script</c> creates (the case's .sql, replayed) is the database the schema models.
/// </summary>
public class PrismaGrammarTests
{
    public static IEnumerable<TestCaseData> Cases() =>
        File.ReadLines(Path.Combine(TestData.PrismaGrammar, "verdicts.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 2)
            .Select(parts => new TestCaseData(parts[0], parts[1]).SetName($"Grammar_{parts[0]}_{parts[1]}"));

    [TestCaseSource(nameof(Cases))]
    public void Reads_what_Prisma_reads_as_Prisma_reads_it(string name, string verdict)
    {
        var path = Path.Combine(TestData.PrismaGrammar, name + ".prisma");
        var source = new SchemaSource(path, File.ReadAllText(path));
        if (verdict != "valid")
        {
            // Agreement on rejections is not required (a lenient reader refuses nothing), but a rejection must be a clear one.
            try
            {
                DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(source));
            }
            catch (SchemaParseException e)
            {
                Assert.That(e.Message, Does.Contain(name + ".prisma:"));
            }

            return;
        }

        var model = DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(source));
        var sql = File.ReadAllText(Path.Combine(TestData.PrismaGrammar, name + ".sql"));
        var replay = DdlInterpreter.Replay(new DatabaseModel(), [(name, sql)]);
        Assert.That(replay.Unfollowed.Select(u => u.Excerpt), Is.Empty, "Prisma's DDL is followed");

        var comparison = ReplayComparer.Compare(replay, model);
        Assert.That(comparison.Differences.Changes.Select(c => $"{c.Name}: {c.Description}"), Is.Empty);
        Assert.That(comparison.Unsure, Is.Empty);
    }

    [Test]
    public void Every_case_has_a_recorded_verdict()
    {
        var recorded = File.ReadLines(Path.Combine(TestData.PrismaGrammar, "verdicts.txt")).Select(l => l.Split(' ')[0]).ToHashSet();
        var cases = Directory.GetFiles(TestData.PrismaGrammar, "*.prisma").Select(Path.GetFileNameWithoutExtension);
        Assert.That(cases.Where(c => !recorded.Contains(c!)), Is.Empty, "run tests/data/prisma-grammar/record.sh on new cases");
    }
}
