using System.Text.RegularExpressions;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests.Support;

/// <summary>
/// The data check's end-to-end scenarios: production holding rows in <c>T1</c>, a third migration committed through the
/// hooks, real <c>prisma migrate deploy</c> on a copy of production (<c>CREATE DATABASE … TEMPLATE</c>) as the truth,
/// and the lines of production's statement log DriftHooks sent.
/// </summary>
internal static class DataRiskProduction
{
    public const string Third = "prisma/migrations/20240103000000_change/migration.sql";

    public static string Schema(string fields) =>
        TestRepository.Datasource + $"model T1 {{\n  id Int @id @default(autoincrement())\n{fields}}}\n";

    /// <summary>Production holds T1 with an optional <c>email</c> (migrations 1 and 2, applied and pushed) and the rows given.</summary>
    public static async Task<PushScenario> ProductionWithRowsAsync(string rows)
    {
        var scenario = await PushScenario.CreateAsync(committed: 1, applied: 1);
        const string AddEmail = "ALTER TABLE \"T1\" ADD COLUMN \"email\" TEXT;\n";
        scenario.Repository.Write("prisma/migrations/20240102000000_email/migration.sql", AddEmail);
        scenario.Repository.Write("prisma/schema.prisma", Schema("  email String?\n"));
        scenario.Repository.CommitAllWithoutHooks("email");
        await scenario.ApplyAsync(("20240102000000_email", AddEmail));
        var first = scenario.Push();
        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        await scenario.ProductionServer.ExecuteAsync(scenario.Production.Name, rows);
        return scenario;
    }

    public static void CommitThird(PushScenario scenario, string migration, string fields)
    {
        scenario.Repository.Write(Third, migration);
        scenario.Repository.Write("prisma/schema.prisma", Schema(fields));
        scenario.Repository.MustGit("add", "-A");
        var commit = scenario.Repository.Commit();
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
    }

    /// <summary>Whether real Prisma deploys the pushed migrations on a copy of production; null (with a message) without the oracle.</summary>
    public static async Task<bool?> PrismaDeploysOnACopyAsync(PushScenario scenario)
    {
        if (PrismaOracle.Unavailable() is { } why)
        {
            TestContext.Out.WriteLine($"Not compared with prisma migrate deploy: {why}");
            return null;
        }

        var copy = scenario.Production.Name + "_copy" + Guid.NewGuid().ToString("N")[..6];
        await scenario.ProductionServer.ExecuteAdminAsync($"CREATE DATABASE {PostgresServer.Quote(copy)} TEMPLATE {PostgresServer.Quote(scenario.Production.Name)}");
        var root = scenario.Repository.Root;
        var deploy = await PrismaOracle.RunAsync(scenario.ProductionServer.PrismaUrl(copy), Path.Combine(root, "prisma", "schema.prisma"), Path.Combine(root, "prisma", "migrations"), "migrate", "deploy");
        return deploy.ExitCode == 0;
    }

    public static async Task<List<string>> OurProductionStatementsAsync(PushScenario scenario, int from) =>
        [.. (await scenario.ProductionServer.ReadStatementLogAsync()).Skip(from)
            .Where(l => l.Contains("app=drifthooks ", StringComparison.Ordinal) && l.Contains($"db={scenario.Production.Name} ", StringComparison.Ordinal))];

    public static readonly Regex Writes = new(@"\b(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|COPY|MERGE|COMMENT|VACUUM|REINDEX|LOCK)\b", RegexOptions.IgnoreCase);
}
