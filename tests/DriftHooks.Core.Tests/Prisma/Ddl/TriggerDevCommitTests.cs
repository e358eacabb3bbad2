using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Rules;
using DriftHooks.Core.SqlText;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Ddl;

/// <summary>
/// Commits of trigger.dev (github.com/triggerdotdev/trigger.dev, Apache-2.0) that DH115 refused when its history was
/// replayed through the pre-commit hook (bench/replay-history.sh), although the migration each author committed gives
/// the schema they committed with it. Each case is a small excerpt of the real statement and schema, with the commit.
/// </summary>
public class TriggerDevCommitTests
{
    private static readonly PrismaProject Project = new("packages/database/prisma/schema.prisma", false, "packages/database/prisma/migrations");

    private const string Datasource = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n\n";

    private const string Tags = """
        model TaskRun {
          id   String       @id @default(cuid())
          tags TaskRunTag[]
        }

        model TaskRunTag {
          id   String    @id @default(cuid())
          name String
          runs TaskRun[]
        }

        """;

    // 55264657d7 "Run tags (#1232)", written by Prisma 5.4.1: the implicit many-to-many table's (A, B) is a unique index,
    // where Prisma 6 writes a primary key (and converts older tables with a migration of its own).
    private const string RelationTableOfPrisma5 = """
        -- CreateTable
        CREATE TABLE "TaskRunTag" (
            "id" TEXT NOT NULL,
            "name" TEXT NOT NULL,

            CONSTRAINT "TaskRunTag_pkey" PRIMARY KEY ("id")
        );

        -- CreateTable
        CREATE TABLE "_TaskRunToTaskRunTag" (
            "A" TEXT NOT NULL,
            "B" TEXT NOT NULL
        );

        -- CreateIndex
        CREATE UNIQUE INDEX "_TaskRunToTaskRunTag_AB_unique" ON "_TaskRunToTaskRunTag"("A", "B");

        -- CreateIndex
        CREATE INDEX "_TaskRunToTaskRunTag_B_index" ON "_TaskRunToTaskRunTag"("B");

        -- AddForeignKey
        ALTER TABLE "_TaskRunToTaskRunTag" ADD CONSTRAINT "_TaskRunToTaskRunTag_A_fkey" FOREIGN KEY ("A") REFERENCES "TaskRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

        -- AddForeignKey
        ALTER TABLE "_TaskRunToTaskRunTag" ADD CONSTRAINT "_TaskRunToTaskRunTag_B_fkey" FOREIGN KEY ("B") REFERENCES "TaskRunTag"("id") ON DELETE CASCADE ON UPDATE CASCADE;
        """;

    private const string Runs = "model TaskRun {\n  id String @id @default(cuid())\n}\n";

    [Test]
    public void A_relation_table_written_by_Prisma_5_with_its_unique_index_passes()
    {
        var (findings, unsure) = Judge(Runs, Tags, RelationTableOfPrisma5);

        Assert.That(findings, Is.Empty);
        Assert.That(unsure, Has.Some.Contains("_TaskRunToTaskRunTag_AB_unique"));
    }

    [Test]
    public void A_relation_table_without_its_unique_index_is_still_refused()
    {
        var lost = RelationTableOfPrisma5.Replace("CREATE UNIQUE INDEX \"_TaskRunToTaskRunTag_AB_unique\" ON \"_TaskRunToTaskRunTag\"(\"A\", \"B\");", string.Empty, StringComparison.Ordinal);

        var (findings, _) = Judge(Runs, Tags, lost);

        Assert.That(findings.Single().Message, Does.Contain("_TaskRunToTaskRunTag_AB_pkey"));
    }

    // 8d5c86fea0 "v4: simplified release concurrency system and status changes (#2284)": a Decimal default written as a
    // string in the schema is that number to Prisma, the DEFAULT 2.00 its migration writes (Prisma's differ finds nothing).
    [TestCase("2.00", "2.00", true)]
    [TestCase("2", "2.00", true)]
    [TestCase("2.50", "2.00", false)]
    public void A_decimal_default_written_as_a_string_is_that_number(string sqlDefault, string schemaDefault, bool passes)
    {
        const string Before = "model RuntimeEnvironment {\n  id String @id\n}\n";
        var after = $"model RuntimeEnvironment {{\n  id String @id\n  concurrencyLimitBurstFactor Decimal @default(\"{schemaDefault}\") @db.Decimal(4, 2)\n}}\n";
        var migration = $"-- AlterTable\nALTER TABLE \"RuntimeEnvironment\" ADD COLUMN     \"concurrencyLimitBurstFactor\" DECIMAL(4,2) NOT NULL DEFAULT {sqlDefault};\n";

        var (findings, _) = Judge(Before, after, migration);

        Assert.That(findings, passes ? Is.Empty : Has.Count.EqualTo(1));
    }

    // c69e939c34 "feat: Sessions - bidirectional durable agent streams (#3417)": a list column written NOT NULL by hand is
    // the schema's String[] to Prisma, which has no optional list (its migrate diff finds nothing to change).
    [Test]
    public void A_list_column_written_NOT_NULL_is_the_schema_s_list()
    {
        const string Before = "model Session {\n  id String @id\n}\n";
        const string After = "model Session {\n  id String @id\n  tags String[] @default([])\n}\n";
        const string Migration = "ALTER TABLE \"Session\" ADD COLUMN \"tags\" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];\n";

        var (findings, _) = Judge(Before, After, Migration);

        Assert.That(findings, Is.Empty);
    }

    // 79b6053e13 "feat(server): add TaskIdentifier registry … (#3368)": PostgreSQL keeps 63 bytes of the hand-written index
    // name, so the database holds ..._triggerSource_id where Prisma names it ..._triggerSourc_idx; Prisma's migrate diff
    // renames it (ALTER INDEX ... RENAME TO), and DH115 names the index the database really has.
    [Test]
    public void A_name_longer_than_63_bytes_is_cut_as_PostgreSQL_cuts_it()
    {
        const string Before = "model BackgroundWorkerTask {\n  id String @id\n  runtimeEnvironmentId String\n  slug String\n  triggerSource String\n}\n";
        var after = Before.Replace("\n}\n", "\n\n  @@index([runtimeEnvironmentId, slug, triggerSource])\n}\n", StringComparison.Ordinal);
        const string Migration = """
            CREATE INDEX CONCURRENTLY IF NOT EXISTS "BackgroundWorkerTask_runtimeEnvironmentId_slug_triggerSource_idx"
              ON "BackgroundWorkerTask"("runtimeEnvironmentId", slug, "triggerSource");
            """;

        var (findings, _) = Judge(Before, after, Migration);

        Assert.That(findings.Single().Message, Does.Contain("index BackgroundWorkerTask_runtimeEnvironmentId_slug_triggerSourc_idx missing from the staged migrations"));
        Assert.That(findings.Single().Message, Does.Contain("index BackgroundWorkerTask_runtimeEnvironmentId_slug_triggerSource_id left by the staged migrations"));
    }

    private static (List<Finding> Findings, IReadOnlyList<string> Unsure) Judge(string before, string after, string migration)
    {
        var findings = new List<Finding>();
        var beforeModel = SchemaPairs.Model(Datasource + before);
        var afterModel = SchemaPairs.Model(Datasource + after);
        Assert.That(StagedMigrationsCheck.Judge(Project, beforeModel, afterModel, [("20240720101649_added_task_run_tag", new SqlScript(migration))], findings), Is.True);
        var unsure = ReplayComparer.Compare(DdlInterpreter.Replay(beforeModel, [("m", migration)]), afterModel).Unsure;
        return (findings, unsure);
    }
}
