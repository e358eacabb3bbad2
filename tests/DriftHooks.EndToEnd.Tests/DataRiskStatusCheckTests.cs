using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;
using static DriftHooks.EndToEnd.Tests.Support.DataRiskProduction;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The data check's verdict in <c>drifthooks status</c> and <c>drifthooks check</c> (CI), through the native binary, on
/// production holding real rows: twins that differ only by a default, one that real <c>prisma migrate deploy</c> fails on
/// a copy of production and one it deploys. At commit the risky statement gets one offline note; status and check refuse
/// the first twin and pass the second, writing nothing to production.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class DataRiskStatusCheckTests
{
    private const string Rows = "INSERT INTO \"T1\" (\"email\") VALUES ('a@x'), ('b@x'), (NULL), (NULL);";

    /// <summary>Production holds 4 rows; the third migration, committed through the hooks, adds a required <c>age</c>.</summary>
    private static async Task<PushScenario> RequiredAgeCommittedAsync(string column, string field)
    {
        var scenario = await ProductionWithRowsAsync(Rows);
        scenario.Repository.Write(Third, $"-- AlterTable\nALTER TABLE \"T1\" ADD COLUMN     \"age\" {column};\n");
        scenario.Repository.Write("prisma/schema.prisma", Schema($"  email String?\n  age   {field}\n"));
        scenario.Repository.MustGit("add", "-A");
        var commit = scenario.Repository.Commit();
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
        Assert.That(commit.All, Does.Not.Contain("error"), "nothing is refused offline");
        Assert.That(commit.All.Split('\n').Count(l => l.Contains("note DH513", StringComparison.Ordinal)), Is.EqualTo(column.Contains("DEFAULT", StringComparison.Ordinal) ? 0 : 1), "one note per risky statement, none for a safe one: " + commit);
        return scenario;
    }

    [Test]
    public async Task Status_and_check_refuse_a_required_column_on_production_s_filled_table_as_prisma_fails_on_it()
    {
        using var scenario = await RequiredAgeCommittedAsync("INTEGER NOT NULL", "Int");
        var logFrom = (await scenario.ProductionServer.ReadStatementLogAsync()).Count;

        var status = scenario.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(1), status.ToString());
        Assert.That(status.All, Does.Contain("DH500").And.Contain("20240103000000_change line 2 adds the required column \"age\" to T1").And.Contain("T1 has 4 rows in production"));

        var check = scenario.Repository.Drifthooks("check", "--base", "HEAD~1");
        Assert.That(check.ExitCode, Is.EqualTo(1), check.ToString());
        Assert.That(check.All, Does.Contain("DH500").And.Contain("T1 has 4 rows in production"));
        Assert.That(status.All + check.All, Does.Not.Contain("a@x"), "never a value");

        var ours = await OurProductionStatementsAsync(scenario, logFrom);
        Assert.That(ours.Count(l => l.Contains("in_the_way", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2), "status and check each asked production: " + string.Join('\n', ours));
        Assert.That(ours.Where(l => Writes.IsMatch(l)), Is.Empty, "production's statement log shows a write");
        Assert.That(await PrismaDeploysOnACopyAsync(scenario), Is.Not.True, "prisma migrate deploy fails on it too");
    }

    [Test]
    public async Task Status_and_check_pass_its_twin_with_a_default_as_prisma_deploys_it()
    {
        using var scenario = await RequiredAgeCommittedAsync("INTEGER NOT NULL DEFAULT 0", "Int @default(0)");

        var status = scenario.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        Assert.That(status.All, Does.Not.Contain("DH50").And.Contain("20240103000000_change"));

        var check = scenario.Repository.Drifthooks("check", "--base", "HEAD~1");
        Assert.That(check.ExitCode, Is.Zero, check.ToString());
        Assert.That(check.All, Does.Not.Contain("DH50"));
        Assert.That(await PrismaDeploysOnACopyAsync(scenario), Is.Not.False, "prisma migrate deploy passes on a copy");
    }

    [Test]
    public async Task At_commit_the_risky_statement_gets_one_note_and_with_data_checks_off_status_reads_statistics_only()
    {
        using var scenario = await ProductionWithRowsAsync(Rows + " ANALYZE \"T1\";");
        scenario.Repository.Write(Third, "-- AlterTable\nALTER TABLE \"T1\" ADD COLUMN     \"age\" INTEGER NOT NULL;\n");
        scenario.Repository.Write("prisma/schema.prisma", Schema("  email String?\n  age   Int\n"));
        scenario.Repository.MustGit("add", "-A");
        var commit = scenario.Repository.Commit();
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
        Assert.That(commit.All.Split('\n').Count(l => l.Contains("note DH513", StringComparison.Ordinal)), Is.EqualTo(1), commit.ToString());
        Assert.That(commit.All, Does.Contain("20240103000000_change line 2 adds the required column \"age\" to T1 without a default: whether production's rows let it deploy is asked at push"));

        scenario.Repository.Environment["DRIFTHOOKS__PRODUCTION__DATACHECKS"] = "false";
        var logFrom = (await scenario.ProductionServer.ReadStatementLogAsync()).Count;
        var status = scenario.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        Assert.That(status.All, Does.Contain("DH512").And.Contain("estimate T1 at about 4 rows").And.Not.Contain("DH500"));
        var ours = await OurProductionStatementsAsync(scenario, logFrom);
        Assert.That(ours.Any(l => l.Contains("c.reltuples", StringComparison.Ordinal)), Is.True, "the statistics were read: " + string.Join('\n', ours));
        Assert.That(ours.Where(l => l.Contains("FROM \"public\".\"T1\"", StringComparison.Ordinal) || l.Contains("in_the_way", StringComparison.Ordinal)), Is.Empty, "no row was read");
    }
}
