using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using DriftHooks.Core.SqlText;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Ddl;

/// <summary>
/// DH114's verdicts checked against Prisma's own differ (<c>migrate diff --from-migrations … --to-schema-datamodel …
/// --exit-code</c>, a fresh database per call): where DH114 passes, Prisma finds nothing missing; where it refuses,
/// Prisma does too, and the SQL Prisma prints for what is missing names what DH114 named.
/// </summary>
public class StagedMigrationsOracleTests
{
    private static readonly PrismaProject Project = new("prisma/schema.prisma", false, "prisma/migrations");

    public static IEnumerable<TestCaseData> Cases() =>
        from id in new[] { "umami-007", "umami-059" }
        from variant in new[] { "as written", "last statement lost", "NullableColumn", "Index", "Default" }
        select new TestCaseData(id, variant).SetName($"Oracle_{id}_{variant.Replace(' ', '_')}");

    [TestCaseSource(nameof(Cases))]
    public async Task DH114_agrees_with_Prisma_s_differ(string id, string variant)
    {
        if (PrismaOracle.Unavailable() is { } reason)
        {
            Assert.Ignore(reason);
        }

        var before = SchemaPairs.Schema(id, "before");
        var after = SchemaPairs.Schema(id, "after");
        var migration = SchemaPairs.Migration(id);
        var named = (string?)null;
        if (variant == "last statement lost")
        {
            var statements = SqlLexer.Statements(migration);
            migration = string.Join(";\n", statements.Take(statements.Count - 1).Select(s => s.Text)) + ";\n";
        }
        else if (Enum.TryParse<SchemaPairs.LaterEdit>(variant, out var edit))
        {
            (after, _) = SchemaPairs.Edit(after, edit);
            named = edit switch
            {
                SchemaPairs.LaterEdit.NullableColumn => "drifthooks_later",
                SchemaPairs.LaterEdit.Index => "drifthooks_later_idx",
                _ => "'later'",
            };
        }

        var findings = new List<Finding>();
        var concluded = StagedMigrationsCheck.Judge(Project, SchemaPairs.Model(before), SchemaPairs.Model(after), [("2_change", new SqlScript(migration))], findings);
        Assert.That(concluded, Is.True);
        var refused = findings.Any(f => f.Severity == Severity.Error);
        Assert.That(refused, Is.EqualTo(variant != "as written"));

        var server = await PostgresServer.SharedAsync();
        var folder = Directory.CreateTempSubdirectory("drifthooks-dh114-").FullName;
        try
        {
            var beforeFile = Path.Combine(folder, "before.prisma");
            var afterFile = Path.Combine(folder, "after.prisma");
            await File.WriteAllTextAsync(beforeFile, before);
            await File.WriteAllTextAsync(afterFile, after);
            var migrations = Path.Combine(folder, "migrations");
            Directory.CreateDirectory(Path.Combine(migrations, "1_init"));
            Directory.CreateDirectory(Path.Combine(migrations, "2_change"));
            await File.WriteAllTextAsync(Path.Combine(migrations, "migration_lock.toml"), "provider = \"postgresql\"\n");

            // The history before the change: what Prisma itself writes for the schema before, from nothing.
            var init = await PrismaOracle.RunAsync((await server.CreateDatabaseAsync()).PrismaUrl, beforeFile, migrations,
                "migrate", "diff", "--from-empty", "--to-schema-datamodel", beforeFile, "--script", "--output", Path.Combine(migrations, "1_init", "migration.sql"));
            Assert.That(init.ExitCode, Is.Zero, init.Output);
            await File.WriteAllTextAsync(Path.Combine(migrations, "2_change", "migration.sql"), migration);

            var diff = await PrismaOracle.RunAsync((await server.CreateDatabaseAsync()).PrismaUrl, afterFile, migrations,
                "migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", afterFile, "--script", "--exit-code");
            TestContext.Out.WriteLine($"DriftHooks: {string.Join(" | ", findings.Select(f => f.Message))}\nPrisma (exit {diff.ExitCode}):\n{diff.Output}");
            Assert.That(diff.ExitCode, Is.EqualTo(refused ? 2 : 0), diff.Output);
            if (named is not null)
            {
                Assert.That(diff.Output, Does.Contain(named));
                Assert.That(findings.Single().Message, Does.Contain(named.Trim('\'')));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
