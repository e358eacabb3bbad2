using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using Npgsql;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

// How the cases make their problems and do the steps a fix names in words, as a user would.
public partial class FixFollowedTests
{
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
}
