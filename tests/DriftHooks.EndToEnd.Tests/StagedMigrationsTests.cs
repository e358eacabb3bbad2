using System.Text.RegularExpressions;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// DH115 through the installed native pre-commit hook: a partial or stale migration staged with its schema is
/// refused, naming what is missing; a migration that produces the schema passes; and the printed fix, followed as
/// printed (Prisma's <c>migrate diff --from-migrations … --script</c> run by the real Prisma CLI where
/// ../shared/prisma-oracle can run), makes the same commit pass.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class StagedMigrationsTests
{
    private const string UserModel = "model User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n";
    private const string Init = "-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n    \"email\" TEXT NOT NULL,\n\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n\n-- CreateIndex\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n";
    private const string Migration = "prisma/migrations/20240201000000_profile/migration.sql";

    private static TestRepository Baseline()
    {
        var repo = new TestRepository();
        repo.WritePrismaProject(UserModel);
        repo.Write("prisma/migrations/20240101000000_init/migration.sql", Init);
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        return repo;
    }

    private static string Schema(string fields) =>
        TestRepository.Datasource + "model User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n" + fields + "}\n";

    [Test]
    public void A_migration_that_produces_the_staged_schema_passes()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", Schema("  name  String?\n  age   Int?\n"));
        repo.Write(Migration, "-- hand-written, two statements on a line\nalter table \"User\" add column name text; ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER;\n");
        repo.MustGit("add", "-A");
        var commit = repo.Commit();
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
        Assert.That(commit.Error, Does.Not.Contain("DH115").And.Not.Contain("DH113"));
    }

    [Test]
    public void A_partial_migration_is_refused_and_the_printed_fix_makes_the_commit_pass()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", Schema("  name  String?\n  age   Int?\n"));
        repo.Write(Migration, "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n");
        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("error DH115").And.Contain("model User: column age missing from the staged migrations").And.Not.Contain("column name"));

        Follow(repo, refused, "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN     \"age\" INTEGER;\n");
        var commit = repo.Commit();
        Assert.That(commit.ExitCode, Is.Zero, "after following the fix: " + commit);
    }

    [Test]
    public void A_stale_migration_is_refused_for_each_later_edit_and_the_printed_fix_makes_the_commit_pass()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", Schema("  timezone String?\n"));
        repo.Write(Migration, "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"timezone\" TEXT;\n");

        // Edited again after prisma migrate dev wrote the migration: a default, and a new column.
        repo.Write("prisma/schema.prisma", Schema("  timezone String? @default(\"UTC\")\n  locale   String?\n"));
        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("default of User.timezone: migration sets none, schema says 'UTC'")
            .And.Contain("model User: column locale missing from the staged migrations"));

        Follow(repo, refused, "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN     \"locale\" TEXT,\nALTER COLUMN \"timezone\" SET DEFAULT 'UTC';\n");
        var commit = repo.Commit();
        Assert.That(commit.ExitCode, Is.Zero, "after following the fix: " + commit);
    }

    [Test]
    public void A_statement_that_cannot_be_followed_offline_is_noted_not_refused()
    {
        using var repo = Baseline();
        repo.Write("prisma/schema.prisma", Schema("  name  String?\n"));
        repo.Write(Migration, "ALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\nDO $$ BEGIN EXECUTE 'ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER'; END $$;\n");
        repo.MustGit("add", "-A");
        var commit = repo.Commit();
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
        Assert.That(commit.All, Does.Contain("note DH115").And.Contain("cannot tell offline"));
    }

    /// <summary>
    /// Follows DH115's fix: its <c>npx prisma migrate diff … --script &gt;&gt; file</c> step runs the real Prisma CLI
    /// (which here replays into its own fresh database, as its adapter mode refuses <c>--shadow-database-url</c>);
    /// without ../shared, the SQL Prisma prints for the case (<paramref name="prismaWrites"/>, taken from it) is appended.
    /// </summary>
    internal static void Follow(TestRepository repo, ProcessResult refused, string prismaWrites)
    {
        var fix = PrintedFix.Of(repo, refused, "DH115").Fill("<throwaway_database_url>", "postgresql://shadow@localhost/shadow");
        fix.Doing(
            @"npx prisma migrate diff --from-migrations (?<migrations>\S+) --to-schema-datamodel (?<schema>\S+) --shadow-database-url \S+ --script >> (?<file>\S+)",
            step =>
            {
                var script = PrismaOracle.Unavailable() is null ? PrismaDiff(repo, step) : prismaWrites;
                File.AppendAllText(Path.Combine(repo.Root, step.Groups["file"].Value), script);
            }).Follow();
    }

    private static string PrismaDiff(TestRepository repo, Match step)
    {
        var server = PostgresServer.SharedAsync().GetAwaiter().GetResult();
        var database = server.CreateDatabaseAsync().GetAwaiter().GetResult();
        var migrations = Path.Combine(repo.Root, step.Groups["migrations"].Value);
        var schema = Path.Combine(repo.Root, step.Groups["schema"].Value);
        var output = Path.Combine(Path.GetTempPath(), $"drifthooks-dh115-{Guid.NewGuid():N}.sql");
        try
        {
            var diff = PrismaOracle.RunAsync(database.PrismaUrl, schema, migrations,
                "migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--script", "--output", output).GetAwaiter().GetResult();
            Assert.That(diff.ExitCode, Is.Zero, diff.Output);
            return File.ReadAllText(output);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
