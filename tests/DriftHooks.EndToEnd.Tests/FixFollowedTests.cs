using System.Text;
using System.Text.RegularExpressions;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using Npgsql;
using NUnit.Framework;
using NUnit.Framework.Constraints;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// Every refusal's printed fix, followed literally in a real repository with a bare origin (and a real PostgreSQL as
/// production where pre-push reads one), then the same command run again: it must pass. A fix that cannot be run as
/// printed, or that leads into another refusal, fails here. One case is a row of <see cref="Cases"/>: how the problem
/// is made (and which command refuses it), the code, what the fix must say, how a user fills its placeholders and does
/// its steps in words, the command that must then pass, and what must hold after. docs/fixes-tested.md lists these
/// ("When DriftHooks refuses: the fix, tested").
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public partial class FixFollowedTests
{
    private const string UserModel = "model User {\n  id Int @id @default(autoincrement())\n}\n";
    private const string UserWithName = "model User {\n  id   Int     @id @default(autoincrement())\n  name String?\n}\n";
    private const string AddName = "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n";
    private const string UserWithIndexedName = "model User {\n  id   Int     @id @default(autoincrement())\n  name String?\n\n  @@index([name])\n}\n";
    private const string IndexName = "CREATE INDEX \"User_name_idx\" ON \"User\"(\"name\");\n";
    private const string Init = "prisma/migrations/20240101000000_init";
    internal const string MigrateDevStep = @"npx prisma migrate dev (?:--create-only )?--name (?<name>\w+)";
    private const string Feature = "CREATE TABLE \"Feature\" (\"id\" INTEGER NOT NULL);\n";
    private const string Main = "CREATE TABLE \"Main\" (\"id\" INTEGER NOT NULL);\n";
    private const string DataFix = "-- a data fix: changes no schema\nSELECT 1;\n";
    private const string PostModel = "\nmodel Post {\n  id Int @id @default(autoincrement())\n}\n";
    private const string CreatePost = "-- CreateTable\nCREATE TABLE \"Post\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));\n";
    private const string TagModel = "\nmodel Tag {\n  id Int @id @default(autoincrement())\n}\n";
    private const string CreateTag = "-- CreateTable\nCREATE TABLE \"Tag\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"Tag_pkey\" PRIMARY KEY (\"id\"));\n";

    /// <summary>One row: a problem, the command that refuses it, and what following its printed fix must lead to.</summary>
    private sealed record FixCase(string Name, string Code, Func<Task<Setup>> Start, Func<Setup, ProcessResult> Refuse, Func<Setup, ProcessResult> Again, string AgainName)
    {
        /// <summary>What the printed fix must say (its text).</summary>
        public IResolveConstraint? FixIs { get; init; }

        /// <summary>What a user types for each placeholder.</summary>
        public IReadOnlyDictionary<string, string> Fill { get; init; } = new Dictionary<string, string>();

        /// <summary>How the user does the steps given in words (or commands this machine cannot run, as Prisma's migrate dev).</summary>
        public Func<Setup, IEnumerable<(string Step, Action<Match> Do)>> Steps { get; init; } = _ => [];

        /// <summary>What must hold once the same command passed.</summary>
        public Action<Setup, ProcessResult>? Then { get; init; }

        /// <summary>The exit code of the command that reports the problem: 1 refuses; 0 for a warning or note, which must then be gone.</summary>
        public int ReportedWith { get; init; } = 1;

        /// <summary>
        /// A command the fix names in a remark, to be run as printed with Prisma's CLI (where it is at hand) while the
        /// problem is there, and what its output must then show: Prisma's own diagnosis of the same problem.
        /// </summary>
        public (string Command, IResolveConstraint Shows)? PrismaDiagnosis { get; init; }

        /// <summary>
        /// The fix runs Prisma's CLI (skipped without it): the developer's own database, where <c>npx prisma</c> would
        /// connect unless the printed command points it elsewhere.
        /// </summary>
        public bool RunsPrisma { get; init; }

        /// <summary>Which of the fix's ways ("…; or …") the user takes: 0 the first.</summary>
        public int Way { get; init; }
    }

    /// <summary>The repository (with its bare origin) and, where pre-push reads one, production.</summary>
    private sealed class Setup(TestRepository repo, TestRepository origin, PushScenario? production) : IDisposable
    {
        public TestRepository Repo { get; } = repo;

        public PushScenario? Production { get; } = production;

        /// <summary>The developer's own database, where status reads one.</summary>
        public TestDatabase? Local { get; init; }

        public void Dispose()
        {
            if (Production is null)
            {
                Repo.Dispose();
                origin.Dispose();
            }
            else
            {
                Production.Dispose();
            }
        }
    }

    /// <summary>main with a Prisma project, pushed to a bare origin through the installed hooks (no production configured).</summary>
    private static Task<Setup> Pushed()
    {
        var repo = new TestRepository();
        var origin = new TestRepository(init: false);
        origin.MustGit("init", "-q", "--bare");
        repo.WritePrismaProject(UserModel);
        repo.CommitAllWithoutHooks();
        repo.MustGit("remote", "add", "origin", origin.Root);
        Assert.That(repo.Install().ExitCode, Is.Zero);
        repo.Environment["GIT_EDITOR"] = "true"; // the user's editor, saved as it opens
        repo.MustGit("push", "-q", "-u", "origin", "main");
        return Task.FromResult(new Setup(repo, origin, null));
    }

    /// <summary>The same with production: <paramref name="committed"/> migrations, the first <paramref name="applied"/> applied there, main pushed.</summary>
    private static Func<Task<Setup>> WithProduction(int committed, int applied) => async () =>
    {
        var scenario = await PushScenario.CreateAsync(committed, applied);
        scenario.Repository.Environment["GIT_EDITOR"] = "true";
        Assert.That(scenario.Push().ExitCode, Is.Zero);
        return new Setup(scenario.Repository, scenario.Remote, scenario);
    };

    /// <summary>
    /// The same, with production read through a read-only role as the README sets it up (pg_read_all_data): DriftHooks
    /// reads with it; it may not write _prisma_migrations, which is checked here. The owner's URL stays in
    /// DRIFTHOOKS_PRODUCTION_ADMIN_URL, for the fixes that write production's history.
    /// </summary>
    private static Func<Task<Setup>> WithReadOnlyProduction(int committed, int applied) => async () =>
    {
        var setup = await WithProduction(committed, applied)();
        var production = setup.Production!;
        var role = "readonly_" + Guid.NewGuid().ToString("N")[..8];
        await production.ProductionServer.ExecuteAsync(production.Production.Name, $"CREATE ROLE \"{role}\" LOGIN PASSWORD 'read-only-pw'; GRANT pg_read_all_data TO \"{role}\";");
        using (var connection = new NpgsqlConnection(production.ProductionServer.ConnectionString(production.Production.Name, role, "read-only-pw")))
        {
            connection.Open();
            using var write = new NpgsqlCommand("UPDATE _prisma_migrations SET logs = logs", connection);
            Assert.That(Assert.Throws<PostgresException>(() => write.ExecuteNonQuery())!.SqlState, Is.EqualTo("42501"), "the role may not write production's history");
        }

        setup.Repo.Environment["DRIFTHOOKS_PRODUCTION_URL"] = production.ProductionServer.PrismaUrl(production.Production.Name, role, "read-only-pw");
        return setup;
    };

    /// <summary>
    /// Production with the first <paramref name="applied"/> of <paramref name="committed"/> migrations (none: no history
    /// table, as db push leaves it) and a local database in <c>.env</c> with all of them applied: what status compares.
    /// </summary>
    private static Func<Task<Setup>> WithProductionAndLocal(int committed, int applied) => async () =>
    {
        var scenario = await PushScenario.CreateAsync(committed, applied);
        var local = await scenario.UseLocalDatabaseAsync();
        await PrismaMigrator.ApplyAsync(local.PrismaUrl, Enumerable.Range(1, committed).Select(i => new PrismaMigrator.Migration(PushScenario.Name(i), Encoding.UTF8.GetBytes(PushScenario.Script(i)))));
        return new Setup(scenario.Repository, scenario.Remote, scenario) { Local = local };
    };

    private static readonly FixCase[] Cases = [.. CommitCases(), .. PushCases()];

    private static IEnumerable<TestCaseData> CaseNames() => Cases.Select(c => new TestCaseData(c.Name).SetName(c.Name));

    [TestCaseSource(nameof(CaseNames))]
    public async Task Followed_as_printed(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        using var setup = await c.Start();
        var refused = c.Refuse(setup);
        Assert.That(refused.ExitCode, Is.EqualTo(c.ReportedWith), refused.ToString());

        var fix = PrintedFix.Of(setup.Repo, refused, c.Code);
        if (c.FixIs is not null)
        {
            Assert.That(fix.Text, c.FixIs);
        }

        if (c.PrismaDiagnosis is var (command, shows))
        {
            if (PrismaOracle.Unavailable() is { } why)
            {
                TestContext.Out.WriteLine($"The printed {command} is not run: {why}");
            }
            else
            {
                var prisma = fix.RunRemark(command, await (await PostgresServer.SharedAsync()).CreateDatabaseAsync());
                Assert.That(prisma.ExitCode, Is.EqualTo(1), $"Prisma rejects the schema too: {prisma}");
                Assert.That(prisma.All, shows);
            }
        }

        if (c.RunsPrisma)
        {
            if (PrismaOracle.Unavailable() is { } why)
            {
                Assert.Ignore($"{c.Code}'s fix runs Prisma's CLI: {why}");
            }

            fix.WithPrisma(await setup.Production!.Server.CreateDatabaseAsync());
        }

        fix.Taking(c.Way);
        foreach (var (placeholder, value) in c.Fill)
        {
            fix.Fill(placeholder, value);
        }

        foreach (var (step, action) in c.Steps(setup))
        {
            fix.Doing(step, action);
        }

        fix.Follow();
        var again = c.Again(setup);
        Assert.That(again.ExitCode, Is.Zero, $"{c.AgainName} after following the fix: {again}");
        if (c.ReportedWith == 0)
        {
            Assert.That(again.All, Does.Not.Match($@"(?m)^(warning|note) {c.Code}:"), $"{c.AgainName} still reports {c.Code} after following its fix");
        }

        c.Then?.Invoke(setup, again);
    }
}
