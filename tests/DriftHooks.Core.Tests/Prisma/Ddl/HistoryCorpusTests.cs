using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Ddl;

/// <summary>
/// Real migration histories of permissively licensed projects (tests/data/corpus/histories: langfuse and hoppscotch,
/// MIT), each line of its verdicts.txt a schema and how far the migrations go, with Prisma 6.19.3's recorded verdict
/// (record.sh: <c>migrate diff --from-migrations … --exit-code</c>, 0 they produce the schema, 2 they do not). DriftHooks'
/// replay from an empty database must come to the same verdict, without Prisma at test time.
/// </summary>
public class HistoryCorpusTests
{
    private static string Histories => Path.Combine(TestData.Corpus, "histories");

    public static IEnumerable<TestCaseData> Verdicts() =>
        File.ReadLines(Path.Combine(Histories, "verdicts.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 4)
            .Select(parts => new TestCaseData(parts[0], parts[1], parts[2], parts[3])
                .SetName($"History_{parts[0]}_{Path.GetFileNameWithoutExtension(parts[1])}_to_{parts[2][..14]}_prisma_exit_{parts[3]}"));

    [TestCaseSource(nameof(Verdicts))]
    public void The_replay_from_empty_agrees_with_Prisma_s_migrate_diff_from_migrations(string project, string schema, string last, string prismaExit)
    {
        Assert.That(prismaExit, Is.EqualTo("0").Or.EqualTo("2"), "run tests/data/corpus/histories/record.sh");
        var migrations = Directory.GetDirectories(Path.Combine(Histories, project, "migrations"))
            .Select(folder => (Name: Path.GetFileName(folder), Folder: folder))
            .Where(m => string.CompareOrdinal(m.Name, last) <= 0)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => (m.Name, File.ReadAllText(Path.Combine(m.Folder, "migration.sql"))))
            .ToList();
        Assert.That(migrations[^1].Name, Is.EqualTo(last));
        var path = Path.Combine(Histories, schema);
        var model = DatabaseModelBuilder.Build(PrismaSchemaParser.Parse([new SchemaSource(path, File.ReadAllText(path))]));

        var replay = DdlInterpreter.Replay(new DatabaseModel(), migrations);
        Assert.That(replay.Unfollowed.Select(u => $"{u.Migration}:{u.Line} {u.Excerpt}: {u.Reason}"), Is.Empty, "every statement followed");
        var differences = ReplayComparer.Compare(replay, model).Differences;
        var described = string.Join("; ", differences.Changes.Select(c => $"{c.Name}: {c.Description}"));
        Assert.That(differences.ChangesDatabase, Is.EqualTo(prismaExit == "2"), described);
    }
}
