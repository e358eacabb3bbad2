using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.SqlText;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Ddl;

/// <summary>
/// The 80 migrations Prisma wrote for the corpus pairs, replayed on the model of the schema before: each gives the
/// schema after; without one of its statements, none does; a schema edited once more after it was written differs.
/// </summary>
public class SchemaPairReplayTests
{
    public static IEnumerable<TestCaseData> Pairs() =>
        SchemaPairs.Ids().Select(id => new TestCaseData(id).SetName($"Pair_{id}"));

    public static IEnumerable<TestCaseData> PairsAndEdits() =>
        from id in SchemaPairs.Ids()
        from edit in Enum.GetValues<SchemaPairs.LaterEdit>()
        select new TestCaseData(id, edit).SetName($"Pair_{id}_then_{edit}");

    [TestCaseSource(nameof(Pairs))]
    public void Prisma_s_migration_gives_the_schema_after(string id)
    {
        var (replay, comparison) = Judge(id, SchemaPairs.Migration(id), SchemaPairs.Schema(id, "after"));
        Assert.That(replay.Unfollowed.Select(u => $"{u.Line}: {u.Reason}"), Is.Empty);
        Assert.That(comparison.Differences.Changes.Select(c => $"{c.Name}: {c.Description}"), Is.Empty);
        Assert.That(comparison.Unsure, Is.Empty);
    }

    [TestCaseSource(nameof(Pairs))]
    public void Without_any_one_of_its_statements_it_never_gives_the_schema_after(string id)
    {
        var statements = SqlLexer.Statements(SchemaPairs.Migration(id));
        var after = SchemaPairs.Schema(id, "after");
        for (var i = 0; i < statements.Count; i++)
        {
            var script = string.Join(";\n", statements.Where((_, j) => j != i).Select(s => s.Text));
            var (replay, comparison) = Judge(id, script, after);
            if (replay.Complete && !comparison.Differences.ChangesDatabase)
            {
                // Only a drop that a later statement makes anyway (DROP COLUMN, DROP TABLE take their indexes and
                // foreign keys with them) changes nothing by its absence.
                Assert.That(statements[i].Text, Does.Match("^(DROP INDEX|ALTER TABLE \\S+ DROP CONSTRAINT) "), $"without statement {i + 1} the schema is still reached");
                var dropped = statements[i].Text.Split('"')[^2];
                Assert.That(ObjectNames(id, statements.Take(i)), Does.Contain(dropped), "it drops something that exists");
                var droppedLater = Enumerable.Range(i + 1, statements.Count - i - 1)
                    .Any(k => !ObjectNames(id, statements.Take(k + 1).Where((_, j) => j != i)).Contains(dropped));
                Assert.That(droppedLater, $"a later statement drops {dropped} too");
            }

            if (i == statements.Count - 1)
            {
                // Nothing after it depends on it: the replay concludes, and what it misses is named.
                Assert.That(replay.Unfollowed, Is.Empty);
                Assert.That(comparison.Differences.Changes, Is.Not.Empty);
            }
        }
    }

    [TestCaseSource(nameof(PairsAndEdits))]
    public void A_schema_edited_after_its_migration_was_written_differs_by_that_edit(string id, SchemaPairs.LaterEdit edit)
    {
        var (schema, change) = SchemaPairs.Edit(SchemaPairs.Schema(id, "after"), edit);
        var (replay, comparison) = Judge(id, SchemaPairs.Migration(id), schema);
        Assert.That(replay.Unfollowed, Is.Empty);
        Assert.That(comparison.Differences.Changes.Select(c => c.Description), Is.EqualTo(new[] { change }));
    }

    private static IEnumerable<string> ObjectNames(string id, IEnumerable<SqlStatement> statements)
    {
        var replay = DdlInterpreter.Replay(SchemaPairs.Model(SchemaPairs.Schema(id, "before")), [(id, string.Join(";\n", statements.Select(s => s.Text)))]);
        return replay.Model.Tables.Values.SelectMany(t => t.Indexes.Keys.Concat(t.ForeignKeys.Keys));
    }

    private static (DdlReplay Replay, ReplayComparison Comparison) Judge(string id, string script, string schemaAfter)
    {
        var replay = DdlInterpreter.Replay(SchemaPairs.Model(SchemaPairs.Schema(id, "before")), [(id, script)]);
        return (replay, ReplayComparer.Compare(replay, SchemaPairs.Model(schemaAfter)));
    }
}
