using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;
using static DriftHooks.EndToEnd.Tests.Support.DataRiskProduction;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The data check through the native pre-push hook: a pushed migration that real <c>prisma migrate deploy</c> would
/// fail on production's rows is refused (its verdict checked with Prisma on a copy of production made with
/// <c>CREATE DATABASE … TEMPLATE</c>), production's statement log shows no write, the printed fix is followed as
/// printed, and the push then passes; an ordinary push asks production nothing beyond its history.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class DataRiskPushTests
{
    [Test]
    public async Task A_required_column_on_a_filled_table_is_refused_then_the_printed_default_lets_it_through()
    {
        using var scenario = await ProductionWithRowsAsync("INSERT INTO \"T1\" (\"email\") VALUES ('a@x'), ('b@x'), (NULL);");
        CommitThird(scenario, "-- AlterTable\nALTER TABLE \"T1\" ADD COLUMN     \"age\" INTEGER NOT NULL;\n", "  email String?\n  age   Int\n");
        var logFrom = (await scenario.ProductionServer.ReadStatementLogAsync()).Count;

        var refused = scenario.Push();
        Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString());
        Assert.That(refused.All, Does.Contain("error DH500").And.Contain("20240103000000_change line 2 adds the required column \"age\" to T1").And.Contain("T1 has 3 rows in production"));
        Assert.That(refused.All, Does.Not.Contain("a@x"), "never a value");
        Assert.That(await PrismaDeploysOnACopyAsync(scenario), Is.Not.True, "prisma migrate deploy fails on it too");
        var ours = await OurProductionStatementsAsync(scenario, logFrom);
        Assert.That(ours.Any(l => l.Contains("SET TRANSACTION READ ONLY", StringComparison.Ordinal)), Is.True, string.Join('\n', ours));
        Assert.That(ours.Any(l => l.Contains("in_the_way", StringComparison.Ordinal)), Is.True, "production was asked");
        Assert.That(ours.Where(l => Writes.IsMatch(l)), Is.Empty, "production's statement log shows a write");

        PrintedFix.Of(scenario.Repository, refused, "DH500")
            .Fill("<value>", "0")
            .Doing(@"give ""age"" a default: in (\S+) at line (\d+) add DEFAULT 0 after NOT NULL, and @default to the field in (\S+)", m =>
            {
                var file = m.Groups[1].Value;
                var lines = scenario.Repository.Read(file).Split('\n');
                var line = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) - 1;
                lines[line] = lines[line].Replace("NOT NULL", "NOT NULL DEFAULT 0", StringComparison.Ordinal);
                scenario.Repository.Write(file, string.Join('\n', lines));
                scenario.Repository.Write(m.Groups[3].Value, scenario.Repository.Read(m.Groups[3].Value).Replace("age   Int", "age   Int @default(0)", StringComparison.Ordinal));
            })
            .Doing("push again", _ => { })
            .Follow();

        var passed = scenario.Push();
        Assert.That(passed.ExitCode, Is.Zero, passed.ToString());
        Assert.That(passed.All, Does.Not.Contain("DH500"));
        Assert.That(await PrismaDeploysOnACopyAsync(scenario), Is.Not.False, "prisma migrate deploy passes on a copy");
    }

    [Test]
    public async Task A_unique_index_over_duplicates_is_refused_then_repairing_the_listed_duplicates_lets_it_through()
    {
        using var scenario = await ProductionWithRowsAsync("INSERT INTO \"T1\" (\"email\") VALUES ('a@x'), ('a@x'), ('b@x'), (NULL), (NULL);");
        CommitThird(scenario, "-- CreateIndex\nCREATE UNIQUE INDEX \"T1_email_key\" ON \"T1\"(\"email\");\n", "  email String? @unique\n");
        var logFrom = (await scenario.ProductionServer.ReadStatementLogAsync()).Count;

        var refused = scenario.Push();
        Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString());
        Assert.That(refused.All, Does.Contain("error DH502").And.Contain("1 value of \"email\" in T1 in production is held by more than one row"));
        Assert.That(await PrismaDeploysOnACopyAsync(scenario), Is.Not.True, "prisma migrate deploy fails on it too");
        Assert.That((await OurProductionStatementsAsync(scenario, logFrom)).Where(l => Writes.IsMatch(l)), Is.Empty, "production's statement log shows a write");

        var listed = "";
        PrintedFix.Of(scenario.Repository, refused, "DH502")
            .Doing("list them, read-only: (psql .+)", m =>
            {
                var run = scenario.Repository.Run("bash", ["-c", m.Groups[1].Value]);
                Assert.That(run.ExitCode, Is.Zero, run.ToString());
                listed = run.Output;
            })
            .Doing("delete or repair the duplicates in production so that each value is held by one row", _ =>
                scenario.ProductionServer.ExecuteAsync(scenario.Production.Name, "DELETE FROM \"T1\" a USING \"T1\" b WHERE a.\"email\" = b.\"email\" AND a.\"id\" > b.\"id\"").GetAwaiter().GetResult())
            .Doing("push again", _ => { })
            .Follow();
        Assert.That(listed, Does.Contain("a@x"), "the listing the user runs names the duplicated value");
        Assert.That(listed, Does.Not.Contain("b@x"));

        var passed = scenario.Push();
        Assert.That(passed.ExitCode, Is.Zero, passed.ToString());
        Assert.That(await PrismaDeploysOnACopyAsync(scenario), Is.Not.False, "prisma migrate deploy passes on a copy");
    }

    [Test]
    public async Task An_ordinary_push_asks_production_nothing_about_its_rows()
    {
        using var scenario = await ProductionWithRowsAsync("INSERT INTO \"T1\" (\"email\") VALUES ('a@x'), ('a@x');");
        CommitThird(scenario, "-- AlterTable\nALTER TABLE \"T1\" ADD COLUMN     \"age\" INTEGER;\n", "  email String?\n  age   Int?\n");
        var logFrom = (await scenario.ProductionServer.ReadStatementLogAsync()).Count;

        var push = scenario.Push();
        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        Assert.That(push.All, Does.Not.Contain("DH5"));
        var ours = await OurProductionStatementsAsync(scenario, logFrom);
        Assert.That(ours.Any(l => l.Contains("_prisma_migrations", StringComparison.Ordinal)), Is.True, "the history was read");
        Assert.That(ours.Where(l => l.Contains("in_the_way", StringComparison.Ordinal) || l.Contains("drifthooks_question", StringComparison.Ordinal)), Is.Empty, "no data question");
    }

    [Test]
    public async Task Data_checks_turned_off_ask_nothing()
    {
        using var scenario = await ProductionWithRowsAsync("INSERT INTO \"T1\" (\"email\") VALUES ('a@x');");
        CommitThird(scenario, "ALTER TABLE \"T1\" ADD COLUMN \"age\" INTEGER NOT NULL;\n", "  email String?\n  age   Int\n");
        scenario.Repository.Environment["DRIFTHOOKS__PRODUCTION__DATACHECKS"] = "false";

        var push = scenario.Push();
        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        Assert.That(push.All, Does.Not.Contain("DH500"));
    }
}
