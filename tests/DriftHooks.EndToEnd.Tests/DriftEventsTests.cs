using System.Text.RegularExpressions;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The twelve drift events of issue 15, lived as a team lives them, with DriftHooks set up by default: the hooks
/// installed by <c>drifthooks install</c> (the native binaries), a bare <c>origin</c>, production's URL exported as the
/// README says (<c>DRIFTHOOKS_PRODUCTION_URL</c>), and the local development database where Prisma users keep it
/// (<c>DATABASE_URL</c> in an untracked <c>.env</c>, read by the schema's <c>env("DATABASE_URL")</c>). Production is a
/// database on a PostgreSQL server of its own, the developer's database is on another (two clusters, two system
/// identifiers, as in real life), and both hold what their histories say. Each event must be stopped before production:
/// refused at commit, at push, or by <c>drifthooks check</c> (the CI gate, for what <c>--no-verify</c> let through),
/// with its code; DriftHooks sends no write to production's server meanwhile; and where the printed fix can be followed
/// here, it is followed as printed and the refused command then passes.
/// A team with no local database server at all still pushes, told in one line what was not compared: that is
/// <see cref="SchemaCheckDefaultTests.A_team_without_a_local_database_server_pushes_told_in_one_line_what_was_not_checked"/>.
/// Template databases are server-wide, so these run one at a time.
/// </summary>
[TestFixture]
[NonParallelizable]
public class DriftEventsTests
{
    const string Tables = "Account";
    const string First = "prisma/migrations/20240101000000_m1";
    const string Second = "prisma/migrations/20240102000000_m2";

    /// <summary>Where an event is stopped: the command that refuses it.</summary>
    internal enum Gate
    {
        Commit,
        Push,
        Check,
    }

    /// <summary>
    /// One event: what the team does (<see cref="Live"/>, which ends with the command that must refuse it, returned),
    /// where it is stopped and with which code, and how the printed fix is followed (null: the test says why not).
    /// </summary>
    internal sealed record DriftEvent(string Name, Gate StoppedAt, string Code, string Says, Func<Team, Task<ProcessResult>> Live, Func<Team, ProcessResult, Task>? FollowFix)
    {
        public override string ToString() => Name;
    }

    /// <summary>The default set-up, with main pushed once (green) and production and the local database holding its two migrations.</summary>
    internal sealed class Team : IDisposable
    {
        Team(PushScenario scenario, TestDatabase development)
        {
            Scenario = scenario;
            Development = development;
        }

        public PushScenario Scenario { get; }

        public TestDatabase Development { get; }

        public TestRepository Repository => Scenario.Repository;

        public PostgresServer ProductionServer => Scenario.ProductionServer;

        public static async Task<Team> CreateAsync()
        {
            var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: Tables, productionServer: await PostgresServer.OtherAsync());
            var development = await scenario.UseLocalDatabaseAsync();
            var team = new Team(scenario, development);
            team.Repository.Environment["GIT_EDITOR"] = "true"; // the editor a merge opens, saved as it opens
            team.Repository.Write("prisma/schema.prisma", Schema());
            team.Repository.CommitAllWithoutHooks("schema of both models");
            await PrismaMigrator.ApplyAsync(development.PrismaUrl, team.Applied(2));

            // Production holds data, as production does.
            await team.ProductionAsync($"INSERT INTO \"{Tables}1\" DEFAULT VALUES; INSERT INTO \"{Tables}2\" DEFAULT VALUES");
            var first = team.Repository.Git("push", "-u", "origin", "main");
            Assert.That(first.ExitCode, Is.Zero, "the team's set-up pushes green: " + first);
            Assert.That(first.Error, Does.Not.Contain("DH334"), "the schema check ran");
            return team;
        }

        IEnumerable<PrismaMigrator.Migration> Applied(int count) =>
            Enumerable.Range(1, count).Select(i => new PrismaMigrator.Migration(PushScenario.Name(i), System.Text.Encoding.UTF8.GetBytes(PushScenario.Script(i, Tables))));

        /// <summary>The project's schema: both models, with extra lines in each.</summary>
        public static string Schema(string first = "", string second = "") =>
            TestRepository.Datasource
            + $"model {Tables}1 {{\n  id Int @id @default(autoincrement())\n{first}}}\n\n"
            + $"model {Tables}2 {{\n  id Int @id @default(autoincrement())\n{second}}}\n";

        /// <summary>A schema edit and its migration, written to the working tree and staged.</summary>
        public void Stage(string schema, string? migration = null, string? sql = null)
        {
            Repository.Write("prisma/schema.prisma", schema);
            if (migration is not null)
            {
                Repository.Write($"prisma/migrations/{migration}/migration.sql", sql!);
            }

            Repository.MustGit("add", "-A");
        }

        /// <summary>A real commit, hooks included, that must pass.</summary>
        public void Commit(string what)
        {
            var commit = Repository.Commit();
            Assert.That(commit.ExitCode, Is.Zero, $"{what}: {commit}");
        }

        /// <summary>Work that touches no Prisma file, committed through the hooks.</summary>
        public void CommitOtherWork()
        {
            Repository.Write($"notes/{Guid.NewGuid():N}.md", "work\n");
            Repository.MustGit("add", "-A");
            Commit("other work");
        }

        public ProcessResult Push(string branch = "main") => Repository.Git("push", "origin", branch);

        /// <summary>Prisma's <c>migrate deploy</c> of the given migrations to production (what CI does after a push).</summary>
        public Task DeployAsync(params (string Name, string Sql)[] migrations) =>
            PrismaMigrator.ApplyAsync(Scenario.Production.PrismaUrl, migrations.Select(m => new PrismaMigrator.Migration(m.Name, System.Text.Encoding.UTF8.GetBytes(m.Sql))));

        /// <summary>SQL run in production by a person (or a tool) outside any migration.</summary>
        public Task ProductionAsync(string sql) => ProductionServer.ExecuteAsync(Scenario.Production.Name, sql);

        public bool OriginHasMain() => Scenario.Remote.Git("rev-parse", "--verify", "-q", "main").Output.Trim() == Repository.MustGit("rev-parse", "main").Trim();

        public void Dispose() => Scenario.Dispose();
    }

    // The events. Migration SQL is what `prisma migrate dev` writes for the schema edit (Prisma's engines cannot be
    // downloaded here; PrintedFix runs the real CLI of ../shared/prisma-oracle where a fix needs it).
    static readonly IReadOnlyList<DriftEvent> All = new DriftEvent[]
    {
        new("a schema edit without a migration", Gate.Commit, RuleCodes.SchemaWithoutMigration, $"model {Tables}1: column `name` added",
            team =>
            {
                team.Stage(Team.Schema(first: "  name String?\n"));
                return Task.FromResult(team.Repository.Commit());
            },
            (team, refused) =>
            {
                PrintedFix.Of(team.Repository, refused, RuleCodes.SchemaWithoutMigration)
                    .Doing(FixFollowedTests.MigrateDevStep, FixFollowedTests.MigrateDev(team.Repository, $"-- AlterTable\nALTER TABLE \"{Tables}1\" ADD COLUMN \"name\" TEXT;\n"))
                    .Follow();
                return CommitAndPushGreenAsync(team);
            }),

        new("a partial migration", Gate.Commit, RuleCodes.MigrationsMissSchema, $"model {Tables}1: column age missing from the staged migrations",
            team =>
            {
                team.Stage(Team.Schema(first: "  name String?\n  age  Int?\n"), "20240201000000_profile", $"-- AlterTable\nALTER TABLE \"{Tables}1\" ADD COLUMN \"name\" TEXT;\n");
                return Task.FromResult(team.Repository.Commit());
            },
            (team, refused) =>
            {
                StagedMigrationsTests.Follow(team.Repository, refused, $"-- AlterTable\nALTER TABLE \"{Tables}1\" ADD COLUMN     \"age\" INTEGER;\n");
                return CommitAndPushGreenAsync(team);
            }),

        new("a stale migration", Gate.Commit, RuleCodes.MigrationsMissSchema, $"default of {Tables}1.timezone: migration sets none, schema says 'UTC'",
            team =>
            {
                // prisma migrate dev wrote the migration; then the schema was edited again, and both were committed.
                team.Stage(Team.Schema(first: "  timezone String? @default(\"UTC\")\n  locale   String?\n"), "20240201000000_timezone", $"-- AlterTable\nALTER TABLE \"{Tables}1\" ADD COLUMN \"timezone\" TEXT;\n");
                return Task.FromResult(team.Repository.Commit());
            },
            (team, refused) =>
            {
                StagedMigrationsTests.Follow(team.Repository, refused, $"-- AlterTable\nALTER TABLE \"{Tables}1\" ADD COLUMN     \"locale\" TEXT,\nALTER COLUMN \"timezone\" SET DEFAULT 'UTC';\n");
                return CommitAndPushGreenAsync(team);
            }),

        new("an applied migration edited", Gate.Commit, RuleCodes.MigrationEdited, "20240102000000_m2",
            team =>
            {
                // The column forgotten in m2 is added to it, as if m2 had always had it.
                team.Stage(Team.Schema(second: "  note String?\n"), "20240102000000_m2", PushScenario.Script(2, Tables) + EditOfM2);
                return Task.FromResult(team.Repository.Commit());
            },
            (team, refused) =>
            {
                PrintedFix.Of(team.Repository, refused, RuleCodes.MigrationEdited)
                    .Fill("<change>", "add_note")
                    .Doing(FixFollowedTests.MigrateDevStep, FixFollowedTests.MigrateDev(team.Repository, ""))
                    .Doing("move your edit into that new migration", _ =>
                    {
                        var created = Directory.GetDirectories(Path.Combine(team.Repository.Root, "prisma/migrations"), "*_add_note").Single();
                        File.WriteAllText(Path.Combine(created, "migration.sql"), EditOfM2);
                    })
                    .Follow();
                return CommitAndPushGreenAsync(team);
            }),

        new("an applied migration deleted", Gate.Commit, RuleCodes.MigrationDeleted, "20240102000000_m2",
            team =>
            {
                team.Repository.MustGit("rm", "-q", "-r", Second);
                return Task.FromResult(team.Repository.Commit());
            },
            (team, refused) =>
            {
                PrintedFix.Of(team.Repository, refused, RuleCodes.MigrationDeleted).Follow();
                Assert.That(team.Repository.Exists(Second + "/migration.sql"), Is.True, "the migration is back");
                team.CommitOtherWork();
                return PushGreenAsync(team);
            }),

        new("an applied migration renamed", Gate.Commit, RuleCodes.MigrationRenamed, "20240102000000_m2",
            team =>
            {
                team.Repository.MustGit("mv", Second, "prisma/migrations/20240102000000_accounts");
                return Task.FromResult(team.Repository.Commit());
            },
            (team, refused) =>
            {
                PrintedFix.Of(team.Repository, refused, RuleCodes.MigrationRenamed).Follow();
                Assert.That(team.Repository.Exists(Second + "/migration.sql"), Is.True, "the migration has its applied name again");
                team.CommitOtherWork();
                return PushGreenAsync(team);
            }),

        new("a branch's migration applied in production, never merged", Gate.Push, PushRuleCodes.MissingLocally, "branch feature",
            async team =>
            {
                team.Repository.MustGit("switch", "-q", "-c", "feature");
                team.Stage(Team.Schema(second: "  flag Boolean?\n"), "20240201000000_flag", FlagSql);
                team.Commit("the feature's migration");

                // Someone deploys the feature branch to production; it is never merged.
                await team.DeployAsync(("20240201000000_flag", FlagSql));
                team.Repository.MustGit("switch", "-q", "main");
                team.CommitOtherWork();
                return team.Push();
            },
            (team, refused) =>
            {
                var fix = PrintedFix.Of(team.Repository, refused, PushRuleCodes.MissingLocally);
                Assert.That(fix.Text, Is.EqualTo("git merge feature"));
                fix.Follow();
                return PushGreenAsync(team);
            }),

        new("a hand-made ALTER TABLE in production", Gate.Push, SchemaDriftCodes.ExtraColumn, $"{Tables}1.hotfix",
            async team =>
            {
                await team.ProductionAsync($"ALTER TABLE \"{Tables}1\" ADD COLUMN \"hotfix\" TEXT");
                team.CommitOtherWork();
                return team.Push();
            },
            RevertInProductionAsPrintedAsync),

        new("prisma db push to production (the SQL it applies, no history row)", Gate.Push, SchemaDriftCodes.ExtraColumn, $"{Tables}1.nickname",
            async team =>
            {
                // What `prisma db push` applies for this schema edit (Prisma's own SQL for it, as migrate diff prints
                // it), run in production with no history row, from a colleague's clone; the real CLI is the next case.
                await team.ProductionAsync($"-- AlterTable\nALTER TABLE \"{Tables}1\" ADD COLUMN     \"nickname\" TEXT;\n");
                team.CommitOtherWork();
                return team.Push();
            },
            RevertInProductionAsPrintedAsync),

        new("prisma db push to production (the real Prisma CLI)", Gate.Push, SchemaDriftCodes.ExtraColumn, $"{Tables}1.nickname",
            async team =>
            {
                if (PrismaOracle.Unavailable() is { } why)
                {
                    Assert.Ignore("The real `prisma db push` needs ../shared/prisma-oracle: " + why + " The case above applies its SQL instead.");
                }

                // A colleague's clone: the schema edited, pushed to production's database with Prisma's db push.
                var clone = Directory.CreateTempSubdirectory("drifthooks-colleague-").FullName;
                try
                {
                    var schema = Path.Combine(clone, "schema.prisma");
                    File.WriteAllText(schema, Team.Schema(first: "  nickname String?\n"));
                    var push = await PrismaOracle.RunAsync(team.Scenario.Production.PrismaUrl, schema, Path.Combine(clone, "migrations"), "db", "push", "--skip-generate");
                    Assert.That(push.ExitCode, Is.Zero, push.Output);
                    Assert.That(push.Output, Does.Contain("now in sync"));
                }
                finally
                {
                    Directory.Delete(clone, true);
                }

                team.CommitOtherWork();
                return team.Push();
            },
            RevertInProductionAsPrintedAsync),

        new("a failed migration left behind in production", Gate.Push, PushRuleCodes.FailedInDatabase, "20240201000000_age",
            async team =>
            {
                // A required column without a default: fine on an empty development table, fails on production's rows.
                // The data check (DH500) now refuses that push; the failure reaches production only past it, overridden.
                team.Stage(Team.Schema(first: "  age Int\n"), "20240201000000_age", AgeSql);
                team.Commit("the migration");
                var refusedFirst = team.Push();
                Assert.That(refusedFirst.ExitCode, Is.Not.Zero, refusedFirst.ToString());
                Assert.That(refusedFirst.Error, Does.Contain("DH500").And.Contain("1 row in production"));
                team.Repository.Environment["DRIFTHOOKS_OVERRIDE"] = "deploy it anyway, to see it fail";
                var first = team.Push();
                team.Repository.Environment.Remove("DRIFTHOOKS_OVERRIDE");
                Assert.That(first.ExitCode, Is.Zero, "pending and overridden, it is pushed: " + first);
                var deploy = await CaughtAsync(() => team.DeployAsync(("20240201000000_age", AgeSql)));
                Assert.That(deploy, Is.TypeOf<MigrationFailedException>(), "CI's migrate deploy fails on production's rows");
                team.CommitOtherWork();
                return team.Push();
            },
            async (team, refused) =>
            {
                if (PrismaOracle.Unavailable() is { } why)
                {
                    TestContext.Out.WriteLine("Fix not followed (its migrate resolve needs the real Prisma CLI): " + why);
                    return;
                }

                var production = team.Scenario.Production;
                PrintedFix.Of(team.Repository, refused, PushRuleCodes.FailedInDatabase)
                    .Doing("fix production by hand", _ => team.ProductionAsync($"ALTER TABLE \"{Tables}1\" ADD COLUMN \"age\" INTEGER NOT NULL DEFAULT 0; ALTER TABLE \"{Tables}1\" ALTER COLUMN \"age\" DROP DEFAULT").GetAwaiter().GetResult())
                    .WithPrisma(production)
                    .Follow();
                await PushGreenAsync(team);
            }),

        new("an out-of-order merge", Gate.Push, PushRuleCodes.PendingOutOfOrder, "20240201000000_flag",
            async team =>
            {
                team.Repository.MustGit("switch", "-q", "-c", "feature");
                team.Stage(Team.Schema(second: "  flag Boolean?\n"), "20240201000000_flag", FlagSql);
                team.Commit("the feature's migration, written first");

                // Meanwhile main gets a newer migration, pushed and deployed.
                team.Repository.MustGit("switch", "-q", "main");
                team.Stage(Team.Schema(first: "  name String?\n"), "20240301000000_name", NameSql);
                team.Commit("main's migration");
                Assert.That(team.Push().ExitCode, Is.Zero);
                await team.DeployAsync(("20240301000000_name", NameSql));

                // The feature is brought up to date and fast-forwarded into main (no merge commit, so no commit hook).
                team.Repository.MustGit("switch", "-q", "feature");
                var merge = team.Repository.Git("merge", "main");
                Assert.That(merge.ExitCode, Is.Zero, "merging main into the feature passes: " + merge);
                team.Repository.MustGit("switch", "-q", "main");
                team.Repository.MustGit("merge", "-q", "--ff-only", "feature");
                return team.Push();
            },
            (team, refused) =>
            {
                PrintedFix.Of(team.Repository, refused, PushRuleCodes.PendingOutOfOrder)
                    .Doing("commit and push again", FixFollowedTests.CommitAndPush(team.Repository))
                    .Follow();
                return PushGreenAsync(team);
            }),

        new("a --no-verify commit", Gate.Check, RuleCodes.SchemaWithoutMigration, $"model {Tables}1: column `name` added",
            team =>
            {
                // Hooks skipped altogether (commit and push): CI's `drifthooks check` of the pushed range is what is left.
                team.Repository.Write("prisma/schema.prisma", Team.Schema(first: "  name String?\n"));
                team.Repository.MustGit("commit", "-q", "-a", "--no-verify", "-m", "add name");
                team.Repository.MustGit("push", "-q", "--no-verify", "origin", "main");
                return Task.FromResult(team.Repository.Drifthooks("check", "--base", "main~1"));
            },
            (team, refused) =>
            {
                PrintedFix.Of(team.Repository, refused, RuleCodes.SchemaWithoutMigration)
                    .Doing(FixFollowedTests.MigrateDevStep, FixFollowedTests.MigrateDev(team.Repository, NameSql))
                    .Doing("commit and push", FixFollowedTests.CommitAndPush(team.Repository))
                    .Follow();
                var check = team.Repository.Drifthooks("check", "--base", "main~2");
                Assert.That(check.ExitCode, Is.Zero, "CI's check of the range, after the fix: " + check);
                return Task.CompletedTask;
            }),
    };

    public static IEnumerable<string> Events() => All.Select(e => e.Name);

    const string EditOfM2 = $"\n-- AlterTable\nALTER TABLE \"{Tables}2\" ADD COLUMN \"note\" TEXT;\n";
    const string FlagSql = $"-- AlterTable\nALTER TABLE \"{Tables}2\" ADD COLUMN \"flag\" BOOLEAN;\n";
    const string NameSql = $"-- AlterTable\nALTER TABLE \"{Tables}1\" ADD COLUMN \"name\" TEXT;\n";
    const string AgeSql = $"-- AlterTable\nALTER TABLE \"{Tables}1\" ADD COLUMN \"age\" INTEGER NOT NULL;\n";

    [TestCaseSource(nameof(Events))]
    public async Task Each_drift_event_is_stopped_before_production(string name)
    {
        var drift = All.Single(e => e.Name == name);
        using var team = await Team.CreateAsync();
        var head = team.Repository.MustGit("rev-parse", "HEAD").Trim();
        var mark = (await team.ProductionServer.ReadStatementLogAsync()).Count - 1;

        var stopped = await drift.Live(team);

        var fromDriftHooks = (await team.ProductionServer.ReadStatementLogAsync()).Skip(mark).Where(l => l.Contains("app=drifthooks ", StringComparison.Ordinal)).ToList();
        Assert.That(fromDriftHooks.Where(l => SchemaCheckDefaultTests.Write.IsMatch(l)), Is.Empty, "DriftHooks sent no write to production's server");
        Assert.That(stopped.ExitCode, Is.EqualTo(ExitCodes.Refused), stopped.ToString());
        Assert.That(stopped.All, Does.Contain($"error {drift.Code}:").And.Contain(drift.Says));
        Assert.That(stopped.All, Does.Not.Contain(team.ProductionServer.SuperPassword));
        switch (drift.StoppedAt)
        {
            case Gate.Commit:
                Assert.That(team.Repository.MustGit("rev-parse", "HEAD").Trim(), Is.EqualTo(head), "nothing was committed");
                break;
            case Gate.Push:
                Assert.That(team.OriginHasMain(), Is.False, "the push did not reach origin");
                Assert.That(stopped.Error, Does.Contain("DriftHooks pre-push"));
                break;
            case Gate.Check:
                Assert.That(stopped.Output + stopped.Error, Does.Contain("DriftHooks check"));
                break;
        }

        if (drift.FollowFix is { } follow)
        {
            await follow(team, stopped);
        }
    }

    static async Task<Exception?> CaughtAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (MigrationFailedException e)
        {
            return e;
        }
    }

    static async Task CommitAndPushGreenAsync(Team team)
    {
        team.Commit("after following the fix");
        await PushGreenAsync(team);
    }

    static Task PushGreenAsync(Team team)
    {
        var push = team.Push();
        Assert.That(push.ExitCode, Is.Zero, "the push after following the fix: " + push);
        Assert.That(push.Error, Does.Not.Contain("error DH").And.Not.Contain("DH334"));
        Assert.That(team.OriginHasMain(), Is.True);
        return Task.CompletedTask;
    }

    // The schema-drift fix offers two ways out; the first, reverting the manual change in production, is the one taken.
    static async Task RevertInProductionAsPrintedAsync(Team team, ProcessResult refused)
    {
        var fix = PrintedFix.Of(team.Repository, refused, SchemaDriftCodes.ExtraColumn);
        // The SQL is printed shell-quoted, as every value a fix embeds: the shell reads it back.
        var revert = Regex.Match(fix.Text, "^Revert the manual change in production: (?<sql>'[^']*'(?:\\\\''[^']*')*) —");
        Assert.That(revert.Success, Is.True, fix.Text);
        await team.ProductionAsync(PrintedFix.Unquote(revert.Groups["sql"].Value));
        team.CommitOtherWork();
        await PushGreenAsync(team);
    }
}
