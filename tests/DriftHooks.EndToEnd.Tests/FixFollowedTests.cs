using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DriftHooks.Core.Prisma;
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
public class FixFollowedTests
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

    // Prisma's migrate dev needs engines this machine cannot download; the test writes what it writes: a folder named
    // with the current UTC time and the given name, holding the SQL of the schema change (empty with --create-only when
    // the schema is unchanged, as Prisma's create-only writes then).
    // Like Prisma, it refuses while a migration differs from the version a database applied (appliedAt, else origin/main
    // where there is one): "The migration … was modified after it was applied. … We need to reset".
    internal static Action<Match> MigrateDev(TestRepository repo, string sql, string? appliedAt = null) => step =>
    {
        appliedAt ??= repo.Git("rev-parse", "--verify", "-q", "origin/main").ExitCode == 0 ? "origin/main" : null;
        if (appliedAt is not null)
        {
            foreach (var script in Directory.GetFiles(Path.Combine(repo.Root, "prisma", "migrations"), "migration.sql", SearchOption.AllDirectories))
            {
                var path = Path.GetRelativePath(repo.Root, script).Replace('\\', '/');
                var applied = repo.Git("show", $"{appliedAt}:{path}");
                Assert.That(applied.ExitCode != 0 || applied.Output == File.ReadAllText(script), Is.True,
                    $"Prisma's migrate dev refuses: the migration {path} was modified after it was applied (as {appliedAt} has it). We need to reset");
            }
        }

        var name = step.Groups["name"].Value;
        var folder = $"prisma/migrations/{DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}_{name}";
        repo.Write(folder + "/migration.sql", step.Value.Contains("--create-only", StringComparison.Ordinal) ? "-- This is an empty migration.\n" : sql);
    };

    private static (string, Action<Match>) MigrateDevDoing(TestRepository repo, string sql) => (MigrateDevStep, MigrateDev(repo, sql));

    // The edit the user made, moved into the migration migrate dev just created (named *_<name>).
    private static (string, Action<Match>) MoveEdit(TestRepository repo, string name, string edit) => (@"move (?:your|the) edit into that new migration", _ =>
    {
        // Where the fix kept it aside before putting the applied version back.
        Assert.That(File.ReadAllText(Path.Combine(repo.Root, name + ".sql")), Does.EndWith(edit), "the edit, kept aside");
        var created = Directory.GetDirectories(Path.Combine(repo.Root, "prisma/migrations"), "*_" + name).Single();
        File.WriteAllText(Path.Combine(created, "migration.sql"), edit);
    }
    );

    internal static Action<Match> CommitAndPush(TestRepository repo, bool force = false) => _ =>
    {
        var commit = repo.Commit();
        Assert.That(commit.ExitCode, Is.Zero, "committing the fix is refused: " + commit);
        var push = force ? repo.Git("push", "-q", "--force-with-lease", "origin", "HEAD") : repo.Git("push", "-q", "origin", "HEAD");
        Assert.That(push.ExitCode, Is.Zero, "pushing the fix is refused: " + push);
    };

    private static (string, Action<Match>) CommitAndPushDoing(TestRepository repo, bool force = false) => ("commit and push(?: again)?", CommitAndPush(repo, force));

    private static ProcessResult Staged(Setup s, Action<TestRepository> change)
    {
        change(s.Repo);
        s.Repo.MustGit("add", "-A");
        return s.Repo.Commit();
    }

    // The schema edit and its migration made, only one of them staged.
    private static ProcessResult PartlyStaged(Setup s, string staged)
    {
        s.Repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        s.Repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", AddName);
        s.Repo.MustGit("add", staged);
        return s.Repo.Commit();
    }

    private static ProcessResult Commit(Setup s) => s.Repo.Commit();

    private static ProcessResult CommitEmpty(Setup s) => s.Repo.Commit("--allow-empty");

    private static ProcessResult Check(Setup s) => s.Repo.Drifthooks("check");

    private static ProcessResult Status(Setup s) => s.Repo.Drifthooks("status");

    // Status green: production followed the fix, and the local database (where a bare npx prisma would have gone) was left alone.
    private static void ProductionFixedLocalUntouched(Setup s, ProcessResult status, int committed)
    {
        Assert.That(status.Output, Does.Contain("verdict: in sync"));
        var local = s.Local!.ConnectionString;
        using var connection = new NpgsqlConnection(local);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FILTER (WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL), count(*) FROM _prisma_migrations", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.That((reader.GetInt64(0), reader.GetInt64(1)), Is.EqualTo(((long)committed, (long)committed)), "the local history is as it was");
        PrismaAgrees(s);
    }

    // A feature branch with one commit adding its migration; main's pushed tip is its base.
    private static void FeatureWithNameMigration(TestRepository repo)
    {
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", AddName);
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().ExitCode, Is.Zero);
    }

    // The schema gains an index, and the migration not yet pushed is edited to create it.
    private static ProcessResult EditUnpushedMigration(TestRepository repo)
    {
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithIndexedName);
        repo.Write("prisma/migrations/20240201000000_add_name/migration.sql", AddName + IndexName);
        repo.MustGit("add", "-A");
        return repo.Commit();
    }

    /// <summary>
    /// A feature branch made before main's newest migration, rebased onto main: its migration now sorts before one
    /// main already has (and, with production, one production applied). Pushed before the rebase when asked.
    /// </summary>
    private static void RebasedFeature(Setup s, bool pushedBefore = false)
    {
        var repo = s.Repo;
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write("prisma/migrations/20240105000000_feature/migration.sql", Feature);
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().ExitCode, Is.Zero);
        if (pushedBefore)
        {
            var push = repo.Git("push", "-q", "-u", "origin", "feature");
            Assert.That(push.ExitCode, Is.Zero, push.ToString());
        }

        repo.MustGit("switch", "-q", "main");
        repo.Write("prisma/migrations/20240110000000_main/migration.sql", Main);
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().ExitCode, Is.Zero);
        s.Production?.ApplyAsync(("20240110000000_main", Main)).GetAwaiter().GetResult();
        Assert.That(repo.Git("push", "-q", "origin", "main").ExitCode, Is.Zero);
        repo.MustGit("switch", "-q", "feature");
        repo.MustGit("rebase", "-q", "main");
    }

    // Production after a migration failed there halfway: its failed row, and what the statements before the failing one made.
    private static ProcessResult FailedInProduction(Setup s)
    {
        var url = s.Repo.Environment["DRIFTHOOKS_PRODUCTION_ADMIN_URL"]!;
        PrismaMigrator.InsertFailedAsync(url, PushScenario.Name(2), MigrationChecksum.Compute(Encoding.UTF8.GetBytes(PushScenario.Script(2))), "Database error: deadlock detected").GetAwaiter().GetResult();
        Assert.That(s.Repo.Commit("--allow-empty").ExitCode, Is.Zero);
        return s.Production!.Push();
    }

    // Production where a migration that finished was attempted again and failed (a deploy re-ran it): the finished
    // row, then a failed one. The script failed as one transaction, so the attempt changed nothing.
    private static ProcessResult FailedBesideFinished(Setup s)
    {
        var url = s.Repo.Environment["DRIFTHOOKS_PRODUCTION_ADMIN_URL"]!;
        PrismaMigrator.InsertFailedAsync(url, PushScenario.Name(2), MigrationChecksum.Compute(Encoding.UTF8.GetBytes(PushScenario.Script(2))), "Database error: relation \"T2\" already exists").GetAwaiter().GetResult();
        Assert.That(s.Repo.Commit("--allow-empty").ExitCode, Is.Zero);
        return s.Production!.Push();
    }

    // The user looks at what the failed script left in production: it ran as one transaction, so the tables are as before it.
    private static (string, Action<Match>) NothingLeftBy(Setup s, string stepPattern, bool tableExists) => (stepPattern, _ =>
        Assert.That(s.Production!.ProductionServer.QueryScalarAsync(s.Production.Production.Name, "SELECT count(*) FROM pg_tables WHERE tablename = 'T2'").GetAwaiter().GetResult(), Is.EqualTo(tableExists ? 1L : 0L)));

    // Prisma's own migrate status on production (the real CLI, which the case's RunsPrisma made sure of) calls it up to date.
    private static void PrismaAgrees(Setup s)
    {
        var status = PrismaOracle.RunAsync(s.Production!.Production.PrismaUrl, Path.Combine(s.Repo.Root, "prisma", "schema.prisma"), Path.Combine(s.Repo.Root, "prisma", "migrations"), "migrate", "status").GetAwaiter().GetResult();
        Assert.That(status.ExitCode, Is.Zero, status.Output);
        Assert.That(status.Output, Does.Contain("up to date"));
    }

    // The rows production records for a migration, oldest first: (finished, rolled back).
    private static List<(bool Finished, bool RolledBack)> Rows(Setup s, string name)
    {
        using var connection = new NpgsqlConnection(s.Production!.Production.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT finished_at IS NOT NULL, rolled_back_at IS NOT NULL FROM _prisma_migrations WHERE migration_name = @name ORDER BY started_at", connection);
        command.Parameters.AddWithValue("name", name);
        using var reader = command.ExecuteReader();
        var rows = new List<(bool, bool)>();
        while (reader.Read())
        {
            rows.Add((reader.GetBoolean(0), reader.GetBoolean(1)));
        }

        return rows;
    }

    // A migration.sql made a symbolic link to a file elsewhere in the repository holding <paramref name="sql"/>.
    private static void LinkScript(TestRepository repo, string script, string sql)
    {
        var target = "shared/" + script.Split('/')[^2] + ".sql";
        repo.Write(target, sql);
        var path = Path.Combine(repo.Root, script);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        File.CreateSymbolicLink(path, "../../../" + target);
    }

    // The link committed past pre-commit (--no-verify) on a feature branch, pushed past pre-push: what check reads.
    private static ProcessResult LinkedOnFeatureBranch(Setup s, string script, string sql)
    {
        s.Repo.MustGit("switch", "-q", "-c", "feature");
        LinkScript(s.Repo, script, sql);
        s.Repo.MustGit("add", "-A");
        s.Repo.MustGit("commit", "-q", "--no-verify", "-m", "Link the migration");
        s.Repo.MustGit("push", "-q", "--no-verify", "-u", "origin", "feature");
        return Check(s);
    }

    private static (string, Action<Match>) CommitDoing(TestRepository repo) => ("commit", _ =>
    {
        var commit = repo.Commit();
        Assert.That(commit.ExitCode, Is.Zero, "committing the fix is refused: " + commit);
    }
    );

    // A migration made before Tag was added to the schema, and hand-edited with a DO block (dynamic SQL) the offline
    // replay cannot follow: only DH113 can see that it misses Tag.
    private static void StalePostMigration(TestRepository repo)
    {
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserModel + PostModel + TagModel);
        repo.Write("prisma/migrations/20240201000000_add_post/migration.sql", CreatePost + "\n-- Read access where the reporting role exists\nDO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reporting') THEN EXECUTE 'GRANT SELECT ON \"Post\" TO reporting'; END IF; END $$;\n");
    }

    // The '}' a user adds at the line DH100 names, before what starts there.
    private static (string, Action<Match>) CloseBlockAt(TestRepository repo) => (@"fix (?<file>\S+) at line (?<line>\d+)", step =>
    {
        var lines = repo.Read(step.Groups["file"].Value).Split('\n').ToList();
        lines.Insert(int.Parse(step.Groups["line"].Value, CultureInfo.InvariantCulture) - 1, "}");
        repo.Write(step.Groups["file"].Value, string.Join('\n', lines));
    }
    );

    private static void IsFileInHead(Setup s, string script) =>
        Assert.That(s.Repo.MustGit("ls-tree", "HEAD", script), Does.StartWith("100644"), "a file again, not a link");

    private static readonly FixCase[] Cases =
    [
        new("DH101_a_schema_change_without_migration_passes_once_the_printed_migration_is_made_and_staged", "DH101", Pushed,
            s => Staged(s, r => r.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName)), Commit, "git commit")
        {
            Steps = s => [MigrateDevDoing(s.Repo, AddName)],
        },
        new("DH101_in_check_a_no_verify_schema_change_passes_once_the_printed_migration_is_added_and_pushed", "DH101", Pushed,
            s =>
            {
                s.Repo.MustGit("switch", "-q", "-c", "feature");
                s.Repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
                s.Repo.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Add name");
                s.Repo.MustGit("push", "-q", "--no-verify", "-u", "origin", "feature");
                return Check(s);
            },
            Check, "drifthooks check")
        {
            Steps = s => [MigrateDevDoing(s.Repo, AddName), CommitAndPushDoing(s.Repo)],
            Then = (_, check) => Assert.That(check.Output, Does.Contain("2 commits"), "the --no-verify commit is still in the range"),
        },
        new("DH102_an_edit_of_the_migration_the_last_unpushed_commit_added_passes_as_the_printed_amend", "DH102", Pushed,
            s =>
            {
                FeatureWithNameMigration(s.Repo);
                return EditUnpushedMigration(s.Repo);
            },
            Check, "drifthooks check")
        {
            FixIs = Does.StartWith("git commit --amend"),
            Then = (s, _) =>
            {
                Assert.That(s.Repo.MustGit("status", "--porcelain"), Is.Empty, "the edit is committed");
                Assert.That(s.Repo.MustGit("rev-list", "--count", "main..feature").Trim(), Is.EqualTo("1"), "folded into the commit that added the migration");
            },
        },
        new("DH102_an_edit_of_a_migration_an_older_unpushed_commit_added_is_folded_into_it_as_printed", "DH102", Pushed,
            s =>
            {
                FeatureWithNameMigration(s.Repo);
                s.Repo.Write("notes.md", "notes\n");
                s.Repo.MustGit("add", "-A");
                Assert.That(s.Repo.Commit().ExitCode, Is.Zero);
                return EditUnpushedMigration(s.Repo);
            },
            Check, "drifthooks check")
        {
            FixIs = Does.Contain("--fixup="),
            Then = (s, _) =>
            {
                Assert.That(s.Repo.MustGit("status", "--porcelain"), Is.Empty);
                Assert.That(s.Repo.MustGit("rev-list", "--count", "main..feature").Trim(), Is.EqualTo("2"), "the fixup is folded in");
                Assert.That(s.Repo.MustGit("show", "feature~1:prisma/migrations/20240201000000_add_name/migration.sql"), Is.EqualTo(AddName + IndexName), "the commit that added it carries the edit");
            },
        },
        new("DH102_an_edit_of_a_pushed_migration_passes_as_the_printed_new_migration", "DH102", Pushed,
            s => Staged(s, r => r.Write(Init + "/migration.sql", r.Read(Init + "/migration.sql") + "CREATE INDEX \"User_id_idx\" ON \"User\"(\"id\");\n")), Commit, "git commit")
        {
            FixIs = Does.Contain("--source=origin/main"),
            Fill = new Dictionary<string, string> { ["<change>"] = "add_user_id_index" },
            Steps = s => [MigrateDevDoing(s.Repo, ""), MoveEdit(s.Repo, "add_user_id_index", "CREATE INDEX \"User_id_idx\" ON \"User\"(\"id\");\n")],
        },
        new("DH102_in_check_a_no_verify_edit_of_a_pushed_migration_is_put_back_as_printed_and_check_passes", "DH102", Pushed,
            s =>
            {
                s.Repo.MustGit("switch", "-q", "-c", "feature");
                s.Repo.Write(Init + "/migration.sql", s.Repo.Read(Init + "/migration.sql") + "-- tweaked\n");
                s.Repo.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Tweak init");
                s.Repo.MustGit("push", "-q", "--no-verify", "-u", "origin", "feature");
                return Check(s);
            },
            Check, "drifthooks check")
        {
            Fill = new Dictionary<string, string> { ["<change>"] = "tweak" },
            Steps = s => [MigrateDevDoing(s.Repo, ""), MoveEdit(s.Repo, "tweak", "-- tweaked\n"), CommitAndPushDoing(s.Repo)],
        },
        new("DH103_a_deleted_committed_migration_passes_once_restored_as_printed", "DH103", Pushed,
            s =>
            {
                s.Repo.MustGit("rm", "-q", "-r", Init);
                return s.Repo.Commit();
            },
            CommitEmpty, "git commit")
        {
            Then = (s, _) => Assert.That(s.Repo.MustGit("status", "--porcelain"), Is.Empty, "nothing left to commit: the deletion is undone"),
        },
        new("DH104_a_renamed_pushed_migration_passes_once_moved_back_as_printed", "DH104", Pushed,
            s =>
            {
                s.Repo.MustGit("mv", Init, "prisma/migrations/20240101000000_initial");
                return s.Repo.Commit();
            },
            CommitEmpty, "git commit"),
        new("DH105_an_unstaged_migration_passes_once_added_as_printed", "DH105", Pushed,
            s => PartlyStaged(s, "prisma/schema.prisma"), Commit, "git commit"),
        new("DH106_a_deleted_lock_file_passes_once_restored_as_printed", "DH106", Pushed,
            s =>
            {
                s.Repo.MustGit("rm", "-q", "prisma/migrations/migration_lock.toml");
                return s.Repo.Commit();
            },
            CommitEmpty, "git commit"),
        new("DH107_a_switched_lock_provider_passes_once_restored_as_printed", "DH107", Pushed,
            s => Staged(s, r => r.Write("prisma/migrations/migration_lock.toml", "provider = \"mysql\"\n")), CommitEmpty, "git commit"),
        new("DH108_a_migration_whose_sql_is_staged_under_another_name_passes_once_moved_as_printed", "DH108", Pushed,
            s => Staged(s, r => r.Write("prisma/migrations/20240201000000_feature/up.sql", Feature)), Commit, "git commit")
        {
            FixIs = Is.EqualTo("git mv prisma/migrations/20240201000000_feature/up.sql prisma/migrations/20240201000000_feature/migration.sql"),
            Then = (s, _) => Assert.That(s.Repo.MustGit("show", "HEAD:prisma/migrations/20240201000000_feature/migration.sql"), Is.EqualTo(Feature)),
        },
        new("DH108_a_migration_folder_without_sql_passes_once_unstaged_as_printed", "DH108", Pushed,
            s => Staged(s, r => r.Write("prisma/migrations/20240201000000_feature/README.md", "to do\n")), CommitEmpty, "git commit")
        {
            FixIs = Does.StartWith("git rm -r -q --cached prisma/migrations/20240201000000_feature ("),
            Then = (s, _) =>
            {
                Assert.That(s.Repo.MustGit("ls-files", "prisma/migrations/20240201000000_feature"), Is.Empty, "not committed");
                Assert.That(File.Exists(Path.Combine(s.Repo.Root, "prisma/migrations/20240201000000_feature/README.md")), Is.True, "kept on disk");
            },
        },
        new("DH109_an_older_new_migration_passes_once_renamed_as_printed", "DH109", Pushed,
            s => Staged(s, r =>
            {
                r.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName);
                r.Write("prisma/migrations/20231201000000_add_name/migration.sql", AddName);
            }),
            Commit, "git commit"),
        new("DH109_in_check_a_rebased_feature_migration_renamed_as_printed_passes_pre_commit_and_check", "DH109", Pushed,
            s =>
            {
                RebasedFeature(s);
                return Check(s);
            },
            Check, "drifthooks check")
        {
            Steps = s => [CommitAndPushDoing(s.Repo)],
        },
        new("DH109_in_check_a_feature_branch_pushed_before_its_rebase_is_renamed_as_printed_and_check_passes", "DH109", Pushed,
            s =>
            {
                RebasedFeature(s, pushedBefore: true);
                return Check(s);
            },
            Check, "drifthooks check")
        {
            Steps = s => [CommitAndPushDoing(s.Repo, force: true)], // a rebased branch is pushed with --force-with-lease
        },
        new("DH110_a_migration_staged_without_its_schema_edit_passes_once_the_schema_is_added_as_printed", "DH110", Pushed,
            s => PartlyStaged(s, "prisma/migrations"), Commit, "git commit"),
        new("DH111_a_utf16_migration_passes_once_converted_as_printed", "DH111", Pushed,
            s => Staged(s, r => r.WriteBytes("prisma/migrations/20240201000000_feature/migration.sql", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Feature)])), Commit, "git commit")
        {
            FixIs = Does.StartWith("iconv -f UTF-16 -t UTF-8 prisma/migrations/20240201000000_feature/migration.sql > "),
            Then = (s, _) => Assert.That(s.Repo.MustGit("show", "HEAD:prisma/migrations/20240201000000_feature/migration.sql"), Is.EqualTo(Feature), "UTF-8, without a byte-order mark"),
        },
        new("DH112_a_migration_with_conflict_markers_passes_once_resolved_and_added_as_printed", "DH112", Pushed,
            s => Staged(s, r => r.Write("prisma/migrations/20240201000000_feature/migration.sql", "<<<<<<< HEAD\n" + Feature + "=======\n" + Main + ">>>>>>> main\n")), Commit, "git commit")
        {
            FixIs = Does.EndWith(", then git add prisma/migrations/20240201000000_feature/migration.sql"),
            Steps = s => [(@"resolve the conflict in (?<file>\S+)", step => s.Repo.Write(step.Groups["file"].Value, Feature + Main))],
        },
        new("DH100_a_schema_with_an_unclosed_model_block_passes_once_closed_at_the_printed_line_and_added", "DH100", Pushed,
            s => Staged(s, r =>
            {
                // A model added with its migration, and the '}' of the model before it lost while editing.
                r.Write("prisma/schema.prisma", TestRepository.Datasource + UserModel.TrimEnd('}', '\n') + "\n" + PostModel);
                r.Write("prisma/migrations/20240201000000_add_post/migration.sql", CreatePost);
            }),
            Commit, "git commit")
        {
            FixIs = Is.EqualTo("fix prisma/schema.prisma at line 9 (npx prisma validate shows Prisma's own diagnosis), then git add prisma/schema.prisma"),
            PrismaDiagnosis = (@"npx prisma validate[^)]*?(?= shows)", Does.Contain("P1012").And.Contain("prisma/schema.prisma:9")),
            Steps = s => [CloseBlockAt(s.Repo)],
            Then = (s, commit) => Assert.That(commit.All, Does.Not.Contain("DH1"), "the schema reads, and the staged migration makes it"),
        },
        new("DH100_a_schema_with_a_field_declared_twice_passes_once_fixed_at_the_printed_line_and_added", "DH100", Pushed,
            s => Staged(s, r =>
            {
                r.Write("prisma/schema.prisma", TestRepository.Datasource + UserWithName.Replace("  name String?\n", "  name String?\n  name String?\n", StringComparison.Ordinal));
                r.Write("prisma/migrations/20240201000000_add_name/migration.sql", AddName);
            }),
            Commit, "git commit")
        {
            FixIs = Is.EqualTo("fix prisma/schema.prisma at line 9 (npx prisma validate shows Prisma's own diagnosis), then git add prisma/schema.prisma"),
            PrismaDiagnosis = (@"npx prisma validate[^)]*?(?= shows)", Does.Contain("Field \"name\" is already defined on model \"User\"")),
            Steps = s => [(@"fix (?<file>\S+) at line (?<line>\d+)", step =>
            {
                var lines = s.Repo.Read(step.Groups["file"].Value).Split('\n').ToList();
                lines.RemoveAt(int.Parse(step.Groups["line"].Value, CultureInfo.InvariantCulture) - 1);
                s.Repo.Write(step.Groups["file"].Value, string.Join('\n', lines));
            })],
        },
        new("DH100_a_schema_saved_as_latin1_passes_once_converted_as_printed", "DH100", Pushed,
            s => Staged(s, r => r.WriteBytes("prisma/schema.prisma", [.. Encoding.UTF8.GetBytes(TestRepository.Datasource + "model User {\n  id Int @id @default(autoincrement())\n  // caf"), 0xE9, (byte)'\n', (byte)'}', (byte)'\n'])),
            Commit, "git commit")
        {
            FixIs = Is.EqualTo("iconv -f <its encoding> -t UTF-8 prisma/schema.prisma > prisma/schema.prisma.utf8 && mv prisma/schema.prisma.utf8 prisma/schema.prisma && git add prisma/schema.prisma"),
            Fill = new Dictionary<string, string> { ["<its encoding>"] = "LATIN1" },
            Then = (s, _) => Assert.That(s.Repo.MustGit("show", "HEAD:prisma/schema.prisma"), Does.EndWith("// café\n}\n")),
        },
        new("DH100_in_check_a_no_verify_unclosed_model_block_passes_once_closed_added_committed_and_pushed_as_printed", "DH100", Pushed,
            s =>
            {
                s.Repo.MustGit("switch", "-q", "-c", "feature");
                s.Repo.Write("prisma/schema.prisma", TestRepository.Datasource + UserModel.TrimEnd('}', '\n') + "\n");
                s.Repo.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Broken schema");
                s.Repo.MustGit("push", "-q", "--no-verify", "-u", "origin", "feature");
                return Check(s);
            },
            Check, "drifthooks check")
        {
            FixIs = Is.EqualTo("fix prisma/schema.prisma at line 8 (npx prisma validate shows Prisma's own diagnosis), then git add prisma/schema.prisma, then commit and push"),
            Steps = s => [CloseBlockAt(s.Repo), CommitAndPushDoing(s.Repo)],
            Then = (_, check) => Assert.That(check.Output, Does.Contain("2 commits"), "the --no-verify commit is still in the range"),
        },
        new("DH113_a_migration_the_replay_cannot_follow_that_misses_a_model_warns_until_the_printed_migration_is_committed", "DH113", Pushed,
            s => Staged(s, StalePostMigration), Commit, "git commit")
        {
            ReportedWith = 0, // a warning: the commit went through
            FixIs = Does.StartWith("npx prisma migrate dev --name ").And.EndWith("(it writes a migration for what is missing), then git add prisma/migrations"),
            Steps = s => [MigrateDevDoing(s.Repo, CreateTag)],
            Then = (s, _) => Assert.That(s.Repo.MustGit("ls-tree", "-d", "--name-only", "HEAD", "prisma/migrations/").Trim().Split('\n'), Has.Length.EqualTo(3), "init, add_post and the migration for Tag are committed"),
        },
        new("DH113_in_check_without_a_shadow_server_the_warning_is_gone_once_the_printed_migration_is_committed_and_pushed", "DH113", Pushed,
            s =>
            {
                s.Repo.MustGit("switch", "-q", "-c", "feature");
                Assert.That(Staged(s, StalePostMigration).ExitCode, Is.Zero, "a warning lets the commit through");
                s.Repo.MustGit("push", "-q", "-u", "origin", "feature");
                return Check(s);
            },
            Check, "drifthooks check")
        {
            ReportedWith = 0,
            FixIs = Does.EndWith("then git add prisma/migrations, then commit and push"),
            Steps = s => [MigrateDevDoing(s.Repo, CreateTag), CommitAndPushDoing(s.Repo)],
            Then = (_, check) => Assert.That(check.Output, Does.Contain("2 commits")),
        },
        new("DH114_a_new_migration_sql_that_is_a_link_passes_once_replaced_by_the_file_as_printed", "DH114", Pushed,
            s => Staged(s, r => LinkScript(r, "prisma/migrations/20240201000000_post/migration.sql", DataFix)), Commit, "git commit")
        {
            FixIs = Does.StartWith("t=\"$(realpath prisma/migrations/20240201000000_post/migration.sql)\" && rm "),
            Then = (s, _) =>
            {
                IsFileInHead(s, "prisma/migrations/20240201000000_post/migration.sql");
                Assert.That(s.Repo.MustGit("show", "HEAD:prisma/migrations/20240201000000_post/migration.sql"), Is.EqualTo(DataFix));
            },
        },
        new("DH114_a_committed_migration_sql_turned_into_a_link_passes_once_restored_as_printed", "DH114", Pushed,
            s => Staged(s, r => LinkScript(r, Init + "/migration.sql", r.Read(Init + "/migration.sql"))), CommitEmpty, "git commit")
        {
            FixIs = Is.EqualTo($"git restore --staged --worktree --source=HEAD -- {Init}/migration.sql"),
            Then = (s, _) => IsFileInHead(s, Init + "/migration.sql"),
        },
        new("DH114_in_check_a_no_verify_link_of_a_committed_migration_is_restored_as_printed_and_check_passes", "DH114", Pushed,
            s => LinkedOnFeatureBranch(s, Init + "/migration.sql", s.Repo.Read(Init + "/migration.sql")), Check, "drifthooks check")
        {
            FixIs = Does.StartWith("git restore --staged --worktree --source=").And.EndWith($" -- {Init}/migration.sql, then commit and push"),
            Steps = s => [CommitAndPushDoing(s.Repo)],
            Then = (s, check) =>
            {
                IsFileInHead(s, Init + "/migration.sql");
                Assert.That(check.Output, Does.Contain("2 commits"), "the --no-verify commit is still in the range");
            },
        },
        new("DH114_in_check_a_no_verify_new_migration_sql_that_is_a_link_is_replaced_by_the_file_as_printed_and_check_passes", "DH114", Pushed,
            s => LinkedOnFeatureBranch(s, "prisma/migrations/20240201000000_post/migration.sql", DataFix), Check, "drifthooks check")
        {
            FixIs = Does.StartWith("t=\"$(realpath ").And.EndWith(", then commit and push"),
            Steps = s => [CommitAndPushDoing(s.Repo)],
            Then = (s, check) =>
            {
                IsFileInHead(s, "prisma/migrations/20240201000000_post/migration.sql");
                Assert.That(check.Output, Does.Contain("2 commits"), "the --no-verify commit is still in the range");
            },
        },
        new("DH209_an_applied_migration_linked_with_no_verify_passes_the_push_once_replaced_by_the_file_as_printed", "DH209", WithProduction(committed: 2, applied: 2),
            s =>
            {
                LinkScript(s.Repo, $"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2));
                s.Repo.MustGit("add", "-A");
                s.Repo.MustGit("commit", "-q", "--no-verify", "-m", "Link m2");
                return s.Production!.Push();
            },
            s => s.Production!.Push(), "git push")
        {
            FixIs = Does.StartWith($"t=\"$(realpath prisma/migrations/{PushScenario.Name(2)}/migration.sql)\""),
            Steps = s => [CommitDoing(s.Repo)],
            Then = (s, _) => Assert.That(s.Repo.MustGit("ls-tree", "origin/main", $"prisma/migrations/{PushScenario.Name(2)}/migration.sql"), Does.StartWith("100644")),
        },
        new("DH209_in_check_a_no_verify_link_of_an_applied_migration_is_replaced_by_the_file_as_printed_and_check_passes", "DH209", WithProduction(committed: 2, applied: 2),
            s => LinkedOnFeatureBranch(s, $"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2)), Check, "drifthooks check")
        {
            Steps = s => [CommitDoing(s.Repo)],
            Then = (s, _) => IsFileInHead(s, $"prisma/migrations/{PushScenario.Name(2)}/migration.sql"),
        },
        new("DH202_an_applied_migration_edited_with_no_verify_passes_the_push_once_restored_and_moved_as_printed", "DH202", WithProduction(committed: 2, applied: 2),
            s =>
            {
                s.Repo.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2) + "CREATE INDEX \"T2_id_idx\" ON \"T2\"(\"id\");\n");
                s.Repo.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Index T2");
                return s.Production!.Push();
            },
            s => s.Production!.Push(), "git push")
        {
            Fill = new Dictionary<string, string> { ["<change>"] = "index_t2" },
            Steps = s => [MigrateDevDoing(s.Repo, ""), MoveEdit(s.Repo, "index_t2", "CREATE INDEX \"T2_id_idx\" ON \"T2\"(\"id\");\n"), CommitAndPushDoing(s.Repo)],
            Then = (s, _) => Assert.That(s.Repo.MustGit("show", $"origin/main:prisma/migrations/{PushScenario.Name(2)}/migration.sql"), Is.EqualTo(PushScenario.Script(2)), "production's version is what main holds"),
        },
        new("DH202_a_migration_production_applied_in_a_version_git_never_held_passes_the_push_once_drift_agrees_and_its_checksum_is_recorded_as_printed", "DH202",
            async () =>
            {
                // m2 deployed from a working tree, then reworded before its first commit: production ran a version no
                // commit holds, creating the same table.
                var scenario = await PushScenario.CreateAsync(committed: 2, applied: 1);
                await scenario.ApplyAsync((PushScenario.Name(2), "-- drafted on a laptop\n" + PushScenario.Script(2)));
                var local = await scenario.UseLocalDatabaseAsync(); // drift's shadow server: the developer's own
                return new Setup(scenario.Repository, scenario.Remote, scenario) { Local = local };
            },
            s => s.Production!.Push(), s => s.Production!.Push(), "git push")
        {
            FixIs = Does.StartWith("drifthooks drift, then echo 'UPDATE _prisma_migrations SET checksum = '\\''" + MigrationChecksum.Compute(Encoding.UTF8.GetBytes(PushScenario.Script(2))) + "'\\'' WHERE id = '\\''")
                .And.Contain("'\\''' | DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma db execute --stdin --schema prisma/schema.prisma ("),
            RunsPrisma = true,
            Then = (s, _) =>
            {
                Assert.That(s.Repo.MustGit("show", $"origin/main:prisma/migrations/{PushScenario.Name(2)}/migration.sql"), Is.EqualTo(PushScenario.Script(2)), "git's version is unchanged");
                PrismaAgrees(s);
            },
        },
        new("DH202_in_status_an_applied_migration_edited_in_the_working_tree_is_green_once_moved_and_restored_as_printed", "DH202", WithProductionAndLocal(committed: 2, applied: 2),
            s =>
            {
                s.Repo.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2) + "CREATE INDEX \"T2_id_idx\" ON \"T2\"(\"id\");\n");
                return Status(s);
            },
            s =>
            {
                // The moved edit is a new migration: status then sends the local database to the sync it prints.
                var behind = Status(s);
                PrintedFix.Of(s.Repo, behind, "DH410").Follow();
                return Status(s);
            },
            "drifthooks status, after the sync it prints")
        {
            FixIs = Does.Contain($" -- prisma/migrations/{PushScenario.Name(2)} (the version production applied: "),
            Fill = new Dictionary<string, string> { ["<change>"] = "index_t2" },
            Steps = s => [MigrateDevDoing(s.Repo, ""), MoveEdit(s.Repo, "index_t2", "CREATE INDEX \"T2_id_idx\" ON \"T2\"(\"id\");\n"), CommitAndPushDoing(s.Repo)],
            Then = (s, _) => Assert.That(s.Repo.MustGit("show", $"origin/main:prisma/migrations/{PushScenario.Name(2)}/migration.sql"), Is.EqualTo(PushScenario.Script(2)), "production's version is what main holds"),
        },
        new("DH201_an_applied_migration_deleted_with_no_verify_is_restored_from_the_commit_git_log_names", "DH201", WithProduction(committed: 2, applied: 2),
            s =>
            {
                s.Repo.MustGit("rm", "-q", "-r", $"prisma/migrations/{PushScenario.Name(2)}");
                s.Repo.MustGit("commit", "-q", "--no-verify", "-m", "Drop m2");
                return s.Production!.Push();
            },
            s => s.Production!.Push(), "git push")
        {
            FixIs = Does.StartWith($"git restore --source=").And.Contain($"-- prisma/migrations/{PushScenario.Name(2)} && git commit -m").And.Not.Contain("pull"),
            Then = (s, _) => Assert.That(s.Repo.MustGit("show", $"origin/main:prisma/migrations/{PushScenario.Name(2)}/migration.sql"), Is.EqualTo(PushScenario.Script(2))),
        },
        new("DH203_a_migration_failed_in_production_passes_the_push_once_finished_by_hand_and_resolved_as_printed", "DH203", WithProduction(committed: 2, applied: 1),
            FailedInProduction, s => s.Production!.Push(), "git push")
        {
            FixIs = Does.Contain($"DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma migrate resolve --applied {PushScenario.Name(2)}"),
            RunsPrisma = true,
            Steps = s => [("fix production by hand", _ => s.Production!.ProductionServer.ExecuteAsync(s.Production.Production.Name, PushScenario.Script(2)).GetAwaiter().GetResult())],
            Then = (s, _) =>
            {
                Assert.That(Rows(s, PushScenario.Name(2)), Is.EqualTo(new[] { (false, true), (true, false) }), "as Prisma's resolve --applied writes it: the failed row rolled back, an applied one added");
                PrismaAgrees(s);
            },
        },
        new("DH203_with_production_read_through_a_read_only_role_the_printed_resolve_runs_with_a_role_that_may_write_and_the_push_passes", "DH203", WithReadOnlyProduction(committed: 2, applied: 1),
            FailedInProduction, s => s.Production!.Push(), "git push")
        {
            FixIs = Does.Contain($"DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma migrate resolve --applied {PushScenario.Name(2)}")
                .And.Contain("(DRIFTHOOKS_PRODUCTION_ADMIN_URL: production's URL for a role that may write _prisma_migrations").And.Not.Contain("$DRIFTHOOKS_PRODUCTION_URL"),
            RunsPrisma = true,
            Steps = s => [("fix production by hand", _ => s.Production!.ProductionServer.ExecuteAsync(s.Production.Production.Name, PushScenario.Script(2)).GetAwaiter().GetResult())],
            Then = (s, _) =>
            {
                Assert.That(Rows(s, PushScenario.Name(2)), Is.EqualTo(new[] { (false, true), (true, false) }), "as Prisma's resolve --applied writes it");
                PrismaAgrees(s);
            },
        },
        new("DH203_a_migration_undone_after_failing_in_production_passes_the_push_once_resolved_rolled_back_as_printed_and_deployed_again", "DH203", WithProduction(committed: 2, applied: 1),
            FailedInProduction, s => s.Production!.Push(), "git push")
        {
            FixIs = Does.Contain($"; or undo what it changed in production, then DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma migrate resolve --rolled-back {PushScenario.Name(2)}"),
            RunsPrisma = true,
            Way = 1,
            Steps = s => [NothingLeftBy(s, "undo what it changed in production", tableExists: false)],
            Then = (s, _) =>
            {
                Assert.That(Rows(s, PushScenario.Name(2)), Is.EqualTo(new[] { (false, true) }), "as Prisma's resolve --rolled-back writes it");
                var deploy = PrismaOracle.RunAsync(s.Production!.Production.PrismaUrl, Path.Combine(s.Repo.Root, "prisma", "schema.prisma"), Path.Combine(s.Repo.Root, "prisma", "migrations"), "migrate", "deploy").GetAwaiter().GetResult();
                Assert.That(deploy.ExitCode, Is.Zero, "the next deploy runs it again: " + deploy.Output);
                Assert.That(Rows(s, PushScenario.Name(2)), Is.EqualTo(new[] { (false, true), (true, false) }));
                PrismaAgrees(s);
            },
        },
        new("DH203_a_failed_attempt_beside_a_finished_row_passes_the_push_once_resolved_rolled_back_as_printed", "DH203", WithProduction(committed: 2, applied: 2),
            FailedBesideFinished, s => s.Production!.Push(), "git push")
        {
            FixIs = Does.StartWith($"undo whatever the failed attempt changed in production, then DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma migrate resolve --rolled-back {PushScenario.Name(2)}"),
            RunsPrisma = true,
            Steps = s => [NothingLeftBy(s, "undo whatever the failed attempt changed in production", tableExists: true)],
            Then = (s, _) =>
            {
                Assert.That(Rows(s, PushScenario.Name(2)), Is.EqualTo(new[] { (true, false), (false, true) }), "the finished row kept, the failed attempt rolled back");
                PrismaAgrees(s);
            },
        },
        new("DH206_a_production_without_history_passes_the_push_once_baselined_as_printed", "DH206",
            async () =>
            {
                // Production made by db push: the schema of the 3 migrations, no history table.
                var scenario = await PushScenario.CreateAsync(committed: 3, applied: 0);
                foreach (var i in new[] { 1, 2, 3 })
                {
                    await scenario.ProductionServer.ExecuteAsync(scenario.Production.Name, PushScenario.Script(i));
                }

                return new Setup(scenario.Repository, scenario.Remote, scenario);
            },
            s => s.Production!.Push(),
            s => s.Production!.Push(), "git push")
        {
            FixIs = Does.StartWith("for m in prisma/migrations/*/; do"),
            RunsPrisma = true,
            Then = (s, _) => Assert.That(Enumerable.Range(1, 3).Select(i => Rows(s, PushScenario.Name(i))), Has.All.EqualTo(new[] { (true, false) }), "each migration recorded applied once"),
        },
        new("DH203_in_status_a_migration_failed_in_production_is_green_once_finished_by_hand_and_resolved_in_production_as_printed", "DH203", WithProductionAndLocal(committed: 2, applied: 1),
            s =>
            {
                PrismaMigrator.InsertFailedAsync(s.Production!.Production.PrismaUrl, PushScenario.Name(2), MigrationChecksum.Compute(Encoding.UTF8.GetBytes(PushScenario.Script(2))), "Database error: deadlock detected").GetAwaiter().GetResult();
                return Status(s);
            },
            Status, "drifthooks status")
        {
            FixIs = Does.Contain($"then DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma migrate resolve --applied {PushScenario.Name(2)}"),
            RunsPrisma = true,
            Steps = s => [("fix production by hand", _ => s.Production!.ProductionServer.ExecuteAsync(s.Production.Production.Name, PushScenario.Script(2)).GetAwaiter().GetResult())],
            Then = (s, status) => ProductionFixedLocalUntouched(s, status, committed: 2),
        },
        new("DH206_in_status_a_production_without_history_is_green_once_baselined_in_production_as_printed", "DH206",
            async () =>
            {
                var setup = await WithProductionAndLocal(committed: 3, applied: 0)();
                foreach (var i in new[] { 1, 2, 3 })
                {
                    await setup.Production!.ProductionServer.ExecuteAsync(setup.Production.Production.Name, PushScenario.Script(i));
                }

                return setup;
            },
            Status, Status, "drifthooks status")
        {
            FixIs = Does.Contain("DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma migrate resolve --applied"),
            RunsPrisma = true,
            Then = (s, status) => ProductionFixedLocalUntouched(s, status, committed: 3),
        },
        new("DH201_an_applied_migration_renamed_with_no_verify_passes_the_push_once_its_name_is_put_back_as_printed", "DH201", WithProduction(committed: 2, applied: 2),
            s =>
            {
                s.Repo.MustGit("mv", $"prisma/migrations/{PushScenario.Name(2)}", "prisma/migrations/20240301000000_m2_renamed");
                s.Repo.MustGit("commit", "-q", "--no-verify", "-m", "Rename m2");
                var push = s.Production!.Push();

                // status names the same rename with the same fix.
                var status = Status(s);
                Assert.That(status.Output, Does.Contain($"Migration '{PushScenario.Name(2)}', applied in production, is renamed to '20240301000000_m2_renamed'"));
                Assert.That(PrintedFix.Of(s.Repo, status, "DH201").Text, Is.EqualTo(PrintedFix.Of(s.Repo, push, "DH201").Text));
                return push;
            },
            s => s.Production!.Push(), "git push")
        {
            FixIs = Is.EqualTo($"git mv prisma/migrations/20240301000000_m2_renamed prisma/migrations/{PushScenario.Name(2)}, then commit and push again"),
            Steps = s => [CommitAndPushDoing(s.Repo)],
            Then = (s, _) =>
            {
                Assert.That(s.Repo.MustGit("ls-tree", "--name-only", "origin/main", "prisma/migrations/"), Does.Contain(PushScenario.Name(2)).And.Not.Contain("m2_renamed"));
                Assert.That(Status(s).Output, Does.Not.Contain("DH201"));
            },
        },
        new("DH207_a_pushed_migration_folder_without_sql_passes_the_push_once_removed_as_printed", "DH207", WithProduction(committed: 1, applied: 1),
            s =>
            {
                s.Repo.Write("prisma/migrations/20240201000000_feature/README.md", "to do\n");
                s.Repo.MustGit("add", "-A");
                s.Repo.MustGit("commit", "-q", "--no-verify", "-m", "Feature notes");
                return s.Production!.Push();
            },
            s => s.Production!.Push(), "git push")
        {
            FixIs = Does.StartWith("git rm -r -q prisma/migrations/20240201000000_feature, then commit and push again"),
            Steps = s => [CommitAndPushDoing(s.Repo)],
        },
        new("DH205_a_rebased_feature_migration_renamed_as_pre_push_prints_passes_pre_commit_and_the_push", "DH205", WithProduction(committed: 1, applied: 1),
            s =>
            {
                RebasedFeature(s);
                return s.Repo.Git("push", "origin", "feature");
            },
            s => s.Repo.Git("push", "origin", "feature"), "git push")
        {
            Steps = s => [CommitAndPushDoing(s.Repo)],
        },
        new("DH205_on_a_feature_branch_pushed_before_its_rebase_the_printed_rename_passes_pre_commit_and_the_push", "DH205", WithProduction(committed: 1, applied: 1),
            s =>
            {
                // A rebased branch is pushed with --force-with-lease; origin/feature has the migration under its old name.
                RebasedFeature(s, pushedBefore: true);
                return s.Repo.Git("push", "--force-with-lease", "origin", "feature");
            },
            s => s.Repo.Git("push", "--force-with-lease", "origin", "feature"), "git push --force-with-lease")
        {
            FixIs = Does.StartWith("git mv prisma/migrations/20240105000000_feature "),
            Steps = s => [("commit and push again", _ => Assert.That(s.Repo.Commit().ExitCode, Is.Zero, "pre-commit refuses the printed rename"))],
        },
    ];

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
