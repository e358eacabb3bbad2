using System.Diagnostics;
using System.Text;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using DriftHooks.Core.Tests.Git;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

/// <summary>
/// Every value a printed fix embeds goes through <see cref="FixText.Quote"/>: whatever a committed file puts in it, bash
/// reads back exactly that value and runs nothing; a variable name no shell can set is refused, not printed.
/// </summary>
public class FixTextQuoteTests
{
    static IEnumerable<string> Hostile(string marker) =>
    [
        "", " ", "plain", "prisma/migrations/1_init", "$(touch " + marker + ")", "`touch " + marker + "`", "'; touch " + marker + "; '",
        "\"$(touch " + marker + ")\"", "a'b", "'", "''", "\\", "\\'", "x\ntouch " + marker, "$HOME ${PATH} $1 $@ !! !-1", "*", "~root", "a b\tc",
        "; touch " + marker, "| touch " + marker, "&& touch " + marker, "> " + marker, "<(touch " + marker + ")", "{a,b}", "-rf", "é ‮ 日本",
        "DB'$(touch " + marker + ")'X",
    ];

    [Test]
    public void Bash_reads_back_every_value_as_it_is_and_runs_nothing_in_it()
    {
        var marker = Path.Combine(Path.GetTempPath(), "dh-quote-" + Guid.NewGuid().ToString("N"));
        foreach (var value in Hostile(marker))
        {
            var start = new ProcessStartInfo("bash", ["-c", "printf '%s' " + FixText.Quote(value)]) { RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
            using var bash = Process.Start(start)!;
            var read = bash.StandardOutput.ReadToEnd();
            bash.WaitForExit();
            Assert.That(read, Is.EqualTo(value), $"as quoted: {FixText.Quote(value)}");
            Assert.That(File.Exists(marker), Is.False, $"running {FixText.Quote(value)} created a file");
        }
    }

    [TestCase("DATABASE_URL", true)]
    [TestCase("_x1", true)]
    [TestCase("NEXT_PRIVATE_DATABASE_URL", true)]
    [TestCase("", false)]
    [TestCase("1DB", false)]
    [TestCase("DB-URL", false)]
    [TestCase("DB URL", false)]
    [TestCase("DB=URL", false)]
    [TestCase("DB'$(touch /tmp/x)'X", false)]
    [TestCase("DB\nX", false)]
    [TestCase("DBé", false)]
    public void Only_names_a_shell_can_set_are_variable_names(string name, bool valid) =>
        Assert.That(FixText.IsVariableName(name), Is.EqualTo(valid));

    [TestCase("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DB'$(touch /tmp/x)'X\")\n}\n", "prisma/schema.prisma's datasource")]
    [TestCase("prisma.config.ts", "import { defineConfig, env } from \"prisma/config\";\nexport default defineConfig({ schema: \"prisma/schema.prisma\", datasource: { url: env(\"DB;touch /tmp/x\") } });\n", "prisma.config.ts")]
    public void A_datasource_variable_no_shell_can_set_is_neither_read_nor_printed_in_a_fix(string file, string content, string namedBy)
    {
        using var repo = new TempGitRepository();
        repo.WriteFile("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n");
        repo.WriteFile(file, content);
        var hostile = file == "prisma.config.ts" ? "DB;touch /tmp/x" : "DB'$(touch /tmp/x)'X";
        // The .env names it too: it is still not read.
        repo.WriteFile(".env", hostile + "=\"postgresql://dev:dev@localhost:5432/app\"\n");
        var location = RepositoryLocation.Find(repo.Root);
        var project = new PrismaProject("prisma/schema.prisma", false, "prisma/migrations");
        var settings = OptionsLoader.Load(location.WorkTree, new Dictionary<string, string?> { [hostile] = "postgresql://dev:dev@localhost:5432/app" }).Settings;

        var setting = LocalUrlSetting.For(location, project, settings);
        Assert.That(setting.Variable, Is.EqualTo(hostile));
        Assert.That(setting.VariableIsValid, Is.False);
        Assert.That(setting.Fix, Is.Null, "no command names it");
        Assert.That(setting.Refusal, Does.Contain(namedBy).And.Contain(FixText.Quote(hostile)).And.Contain("not a valid environment variable name"));
        Assert.That(setting.WhereToSet, Does.StartWith($"Local:Url in {OptionsLoader.LocalFile} (").And.Contain(setting.Refusal));
        Assert.That(LocalUrlResolver.Resolve(location, project, settings), Is.Null, "neither the environment nor .env is read for it");
        Assert.That(ProductionUrlResolver.PrismaEnvironment(hostile), Is.Null);
    }

    [Test]
    public void A_valid_variable_gets_the_same_one_line_fix_as_before()
    {
        var setting = new LocalUrlSetting("NEXT_PRIVATE_DATABASE_URL", "prisma/schema.prisma's datasource", [".env"]);
        Assert.That(setting.Fix, Is.EqualTo($"echo 'NEXT_PRIVATE_DATABASE_URL=\"{LocalUrlSetting.UrlPlaceholder}\"' >> .env"));
        Assert.That(setting.Refusal, Is.Null);
    }

    [Test]
    public void A_migration_name_is_quoted_in_the_fix_and_without_a_way_to_point_prisma_at_the_database_no_fix_is_printed()
    {
        var project = new PrismaProject("prisma/schema.prisma", false, "prisma/migrations");
        var migration = new RepositoryMigration("20240102000000_x$(touch /tmp/x)", Encoding.UTF8.GetBytes("CREATE TABLE \"X\" (id int);"));
        var failed = new MigrationRecord("r1", MigrationChecksum.Compute(migration.Script!), null, migration.Name, "boom", null, DateTimeOffset.UnixEpoch, 0);
        var statuses = HistoryComparison.Compare([migration], [failed]);

        var printed = HistoryComparison.Findings(new(statuses, "production", "the push of main", project, PrismaAt: "DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" ") { Repository = [migration] })
            .Single(f => f.Code == PushRuleCodes.FailedInDatabase);
        Assert.That(printed.Fix, Does.Contain("npx prisma migrate resolve --applied '20240102000000_x$(touch /tmp/x)'"));

        var refused = HistoryComparison.Findings(new(statuses, "production", "the push of main", project, PrismaAt: null) { Repository = [migration] })
            .Single(f => f.Code == PushRuleCodes.FailedInDatabase);
        Assert.That(refused.Fix, Is.Null);
        Assert.That(refused.Message, Does.Contain("No fix is printed: the datasource's variable is not a valid environment variable name"));

        var baseline = HistoryComparison.NoHistoryTable("production", "public", project, [migration], prismaAt: null);
        Assert.That(baseline.Fix, Is.Null);
        Assert.That(baseline.Message, Does.Contain("No fix is printed"));
    }
}
