using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Ddl;

/// <summary>
/// documenso's whole history (163 migrations, several hand-edited: data moves, a DO block, trigram indexes) replayed
/// from an empty model gives exactly the model of its final schema.
/// </summary>
public class DocumensoHistoryTests
{
    [Test]
    public void The_whole_history_replayed_from_nothing_gives_the_final_schema()
    {
        var (migrations, schema) = Documenso();
        var replay = DdlInterpreter.Replay(new DatabaseModel(), migrations);

        // Every statement is followed: the one DO block only inserts a row (no DDL word in its body).
        Assert.That(replay.Unfollowed.Select(u => $"{u.Migration}:{u.Line} {u.Excerpt}: {u.Reason}"), Is.Empty);
        var comparison = ReplayComparer.Compare(replay, schema);
        Assert.That(comparison.Differences.Changes.Select(c => $"{c.Name}: {c.Description}"), Is.Empty);
        Assert.That(comparison.Unsure, Is.Empty, "trigram indexes: gin_trgm_ops is raw(\"gin_trgm_ops\") in the schema");
        Assert.That(replay.Model.Tables.Keys, Is.EquivalentTo(schema.Tables.Keys));
        Assert.That(replay.Model.Enums.Keys, Is.EquivalentTo(schema.Enums.Keys));
    }

    [Test]
    public void The_history_without_its_last_migration_misses_what_that_migration_does()
    {
        var (migrations, schema) = Documenso();
        var replay = DdlInterpreter.Replay(new DatabaseModel(), migrations.Take(migrations.Count - 1));
        Assert.That(replay.Unfollowed, Is.Empty);
        Assert.That(ReplayComparer.Compare(replay, schema).Differences.Changes, Is.Not.Empty);
    }

    private static (List<(string, string)> Migrations, DatabaseModel Schema) Documenso()
    {
        // Skips, saying what it needs, without the shared folder (documenso is AGPL: not committed here).
        var root = Path.Combine(SharedFolder.Corpus, "documenso");

        var migrations = Directory.GetDirectories(Path.Combine(root, "migrations")).Order(StringComparer.Ordinal)
            .Select(d => (Path.GetFileName(d), File.ReadAllText(Path.Combine(d, "migration.sql")))).ToList();
        var schemaPath = Path.Combine(root, "schema.prisma");
        var schema = DatabaseModelBuilder.Build(PrismaSchemaParser.Parse([new SchemaSource(schemaPath, File.ReadAllText(schemaPath))]));
        return (migrations, schema);
    }
}
