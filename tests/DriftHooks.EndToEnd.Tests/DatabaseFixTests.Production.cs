using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

// Where production leads: its history ahead or edited since (the branch or version git holds, fetched or merged as printed),
// changes made there by hand captured in migrations, and production unreachable (DH200, DH400).
public partial class DatabaseFixTests
{
    [Test]
    public async Task A_migration_production_got_from_a_branch_never_pushed_is_named_with_that_branch_and_merging_it_lets_the_push_through()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2);
        s.Repository.MustGit("checkout", "-q", "-b", "hotfix-login");
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(5)}/migration.sql", PushScenario.Script(5));
        s.Repository.CommitAllWithoutHooks("hotfix applied straight to production");
        await s.ApplyAsync((PushScenario.Name(5), PushScenario.Script(5)));
        s.Repository.MustGit("checkout", "-q", "main");

        var push = s.Push();
        Assert.That(push.ExitCode, Is.Not.Zero, push.ToString());
        Assert.That(push.Error, Does.Contain("DH201").And.Contain("on branch hotfix-login"));
        var fix = PrintedFix.Of(s.Repository, push, "DH201");
        Assert.That(fix.Text, Is.EqualTo("git merge hotfix-login"));

        fix.Follow();
        var again = s.Push();
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
    }

    [Test]
    public async Task A_migration_production_got_from_a_branch_this_clone_has_not_fetched_is_fetched_then_merged_as_printed()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2);
        s.Repository.Environment["GIT_EDITOR"] = "true";
        Assert.That(s.Push().ExitCode, Is.Zero);

        // A colleague's clone pushes a hotfix branch and deploys it; this clone has not fetched since.
        using var colleague = new TestRepository(init: false);
        colleague.MustGit("clone", "-q", "-b", "main", s.Remote.Root, ".");
        colleague.MustGit("checkout", "-q", "-b", "hotfix-login");
        colleague.Write($"prisma/migrations/{PushScenario.Name(5)}/migration.sql", PushScenario.Script(5));
        colleague.CommitAllWithoutHooks("hotfix applied straight to production");
        colleague.MustGit("push", "-q", "origin", "hotfix-login");
        await s.ApplyAsync((PushScenario.Name(5), PushScenario.Script(5)));
        s.Repository.Write("notes.md", "notes\n");
        s.Repository.CommitAllWithoutHooks("notes");

        var push = s.Push();
        Assert.That(push.ExitCode, Is.EqualTo(1), push.ToString());
        Assert.That(push.Error, Does.Contain("No branch or commit of this clone holds it"));
        var fetch = PrintedFix.Of(s.Repository, push, "DH201");
        Assert.That(fetch.Text, Does.StartWith("git fetch --all (").And.Contain(PushScenario.Name(5) + "' [row id "));
        fetch.Follow();

        var again = s.Push();
        Assert.That(again.ExitCode, Is.EqualTo(1), again.ToString());
        var merge = PrintedFix.Of(s.Repository, again, "DH201");
        Assert.That(merge.Text, Is.EqualTo("git merge origin/hotfix-login"), "fetched, the branch is named: no loop");
        merge.Follow();
        var green = s.Push();
        Assert.That(green.ExitCode, Is.Zero, green.ToString());
    }

    [Test]
    public async Task Sync_refused_while_production_is_ahead_names_the_branch_that_holds_the_migration_and_its_fix_syncs()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "S");
        var local = await s.Server.CreateDatabaseAsync();
        s.Repository.Environment["DATABASE_URL"] = local.PrismaUrl;
        s.Repository.Environment["GIT_EDITOR"] = "true";
        s.Repository.MustGit("checkout", "-q", "-b", "hotfix-login");
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(5)}/migration.sql", PushScenario.Script(5, "S"));
        s.Repository.CommitAllWithoutHooks("hotfix applied straight to production");
        await s.ApplyAsync((PushScenario.Name(5), PushScenario.Script(5, "S")));
        s.Repository.MustGit("checkout", "-q", "main");

        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        var fix = PrintedFix.Of(s.Repository, sync, "DH430");
        Assert.That(fix.Text, Is.EqualTo("git merge hotfix-login && drifthooks sync"));
        Assert.That(await s.Server.QueryScalarAsync(local.Name, "SELECT count(*) FROM pg_tables WHERE tablename = '_prisma_migrations'"), Is.EqualTo(0L), "nothing was changed");

        fix.Follow();
        Assert.That(fix.Output, Does.Contain("applied 3 migration(s)"));
        var again = s.Repository.Drifthooks("sync");
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
    }

    [Test]
    public async Task Sync_refused_for_an_applied_migration_edited_since_is_green_once_the_printed_move_and_restore_are_followed()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "E");
        var local = await s.Server.CreateDatabaseAsync();
        s.Repository.Environment["DATABASE_URL"] = local.PrismaUrl;
        const string Index = "CREATE INDEX \"E2_id_idx\" ON \"E2\"(\"id\");\n";
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, "E") + Index);
        s.Repository.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Index E2");

        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        var fix = PrintedFix.Of(s.Repository, sync, "DH431");
        var applied = s.Repository.MustGit("rev-parse", "--short=7", "HEAD~1").Trim();
        // The applied version back first: Prisma's migrate dev refuses to run while an applied migration differs from it.
        Assert.That(fix.Text, Does.StartWith($"cp prisma/migrations/{PushScenario.Name(2)}/migration.sql <change>.sql (your edit, kept aside), then git restore --staged --worktree --source=" + applied + " -- "));
        Assert.That(await s.Server.QueryScalarAsync(local.Name, "SELECT count(*) FROM pg_tables WHERE tablename = '_prisma_migrations'"), Is.EqualTo(0L), "nothing was changed");

        FollowTheMoveAndRestore(s.Repository, fix, "index_e2", Index, applied);
        Assert.That(File.ReadAllText(Path.Combine(s.Repository.Root, "prisma", "migrations", PushScenario.Name(2), "migration.sql")), Is.EqualTo(PushScenario.Script(2, "E")), "the version production applied is back");
    }

    /// <summary>
    /// Follows DH431's fix as printed: the edit (<paramref name="edit"/>) moved into a new migration named
    /// <paramref name="change"/>, the applied version restored, then sync applies all three, and syncs green after.
    /// </summary>
    static void FollowTheMoveAndRestore(TestRepository repository, PrintedFix fix, string change, string edit, string appliedAt)
    {
        fix.Fill("<change>", change)
            .Doing(FixFollowedTests.MigrateDevStep, FixFollowedTests.MigrateDev(repository, "", appliedAt))
            .Doing("move your edit into that new migration", _ =>
            {
                // The edit as the user kept it aside: what it adds to the applied version.
                Assert.That(File.ReadAllText(Path.Combine(repository.Root, change + ".sql")), Does.EndWith(edit));
                File.WriteAllText(Directory.GetDirectories(Path.Combine(repository.Root, "prisma", "migrations"), "*_" + change).Single() + "/migration.sql", edit);
            })
            .Follow();
        Assert.That(fix.Output, Does.Contain("applied 3 migration(s)"));
        var again = repository.Drifthooks("sync");
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
    }

    [Test]
    public async Task A_version_git_never_held_that_created_more_than_git_s_stops_the_printed_fix_at_its_drift_step_before_anything_is_recorded()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 1, tables: "V");
        const string Extra = "CREATE INDEX \"V2_extra_idx\" ON \"V2\"(\"id\");\n";
        await s.ApplyAsync((PushScenario.Name(2), PushScenario.Script(2, "V") + Extra)); // deployed from a working tree, the index dropped before the commit
        await s.UseLocalDatabaseAsync();

        var push = s.Push();
        Assert.That(push.ExitCode, Is.EqualTo(1), push.ToString());
        var fix = PrintedFix.Of(s.Repository, push, "DH202");
        Assert.That(fix.Steps()[0], Is.EqualTo("drifthooks drift"));
        var checksum = await s.ProductionServer.QueryScalarAsync(s.Production.Name, "SELECT checksum FROM _prisma_migrations WHERE migration_name = '" + PushScenario.Name(2) + "'");

        var drift = s.Repository.Drifthooks("drift");
        Assert.That(drift.ExitCode, Is.EqualTo(1), drift.ToString());
        Assert.That(drift.Output, Does.Contain("V2_extra_idx"));
        Assert.That(await s.ProductionServer.QueryScalarAsync(s.Production.Name, "SELECT checksum FROM _prisma_migrations WHERE migration_name = '" + PushScenario.Name(2) + "'"), Is.EqualTo(checksum), "nothing recorded");
    }

    [Test]
    public async Task Drift_s_warning_for_an_applied_migration_edited_since_leads_through_status_to_the_fix_that_clears_it()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "W");
        await s.UseLocalDatabaseAsync(); // its server is the shadow server drift replays on
        Assert.That(s.Push().ExitCode, Is.Zero, "main, as production was deployed from it");
        const string Edit = "CREATE INDEX \"W2_id_idx\" ON \"W2\"(\"id\");\n";
        // The schema gains an index, and the SQL for it is put into the migration production applied: committed past the hook.
        s.Repository.Write("prisma/schema.prisma", PushScenario.Schema(2, "W").Replace("model W2 {\n  id Int @id @default(autoincrement())\n", "model W2 {\n  id Int @id @default(autoincrement())\n\n  @@index([id])\n", StringComparison.Ordinal));
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, "W") + Edit);
        s.Repository.MustGit("commit", "-q", "-a", "--no-verify", "-m", "Index W2 in its applied migration");

        var drift = s.Repository.Drifthooks("drift");
        var warned = PrintedFix.Of(s.Repository, drift, "DH331");
        Assert.That(warned.Steps(), Is.EqualTo(new[] { "drifthooks status", "drifthooks drift again" }), warned.Text);

        // The printed next command names the fix that clears it; followed, drift no longer warns.
        var status = s.Repository.Drifthooks("status");
        var fix = PrintedFix.Of(s.Repository, status, "DH202");
        fix.Fill("<change>", "index_w2")
            .Doing(FixFollowedTests.MigrateDevStep, FixFollowedTests.MigrateDev(s.Repository, ""))
            .Doing("move your edit into that new migration", _ => File.WriteAllText(Directory.GetDirectories(Path.Combine(s.Repository.Root, "prisma", "migrations"), "*_index_w2").Single() + "/migration.sql", Edit))
            .Doing("commit and push(?: again)?", FixFollowedTests.CommitAndPush(s.Repository))
            .Follow();
        var again = s.Repository.Drifthooks("drift");
        Assert.That(again.All, Does.Not.Contain("DH331"), again.ToString());
        Assert.That(s.Repository.MustGit("show", $"origin/main:prisma/migrations/{PushScenario.Name(2)}/migration.sql"), Is.EqualTo(PushScenario.Script(2, "W")));
    }

    [Test]
    public async Task A_column_added_by_hand_in_production_is_captured_in_a_migration_then_recorded_as_applied_there_as_printed()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "K");
        await s.UseLocalDatabaseAsync(); // its server is the shadow server drift replays on
        Assert.That(s.Push().ExitCode, Is.Zero);
        const string AddNote = "ALTER TABLE \"K2\" ADD COLUMN \"note\" TEXT;\n";
        await s.ProductionServer.ExecuteAsync(s.Production.Name, AddNote);

        // The capture way ends by recording the migration in production, pointed there with a role that may write its history.
        var drift = s.Repository.Drifthooks("drift");
        Assert.That(drift.ExitCode, Is.EqualTo(1), drift.ToString());
        Assert.That(PrintedFix.Of(s.Repository, drift, "DH303").Text, Does.Contain("then mark it applied in production with DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma migrate resolve --applied <that migration>"));

        // The user captures it: the schema and a migration with production's column, committed through the hooks.
        const string Capture = "20240103000000_capture_note";
        s.Repository.Write("prisma/schema.prisma", PushScenario.Schema(2, "K").Replace("model K2 {\n  id Int @id @default(autoincrement())\n", "model K2 {\n  id Int @id @default(autoincrement())\n  note String?\n", StringComparison.Ordinal));
        s.Repository.Write($"prisma/migrations/{Capture}/migration.sql", AddNote);
        s.Repository.MustGit("add", "-A");
        Assert.That(s.Repository.Commit().ExitCode, Is.Zero);

        RecordsTheCaptureAsPrinted(s, "DH303", Capture, "does");
    }

    [Test]
    public async Task A_default_changed_by_hand_in_production_is_captured_in_a_migration_then_recorded_as_applied_there_as_printed()
    {
        using var s = await DefaultChangedByHandInProductionAsync("F");

        // The user captures production's default: the schema and a migration setting it, committed through the hooks.
        CommitCapture(s, "F", "open");
        var captured = RecordsTheCaptureAsPrinted(s, "DH307", DefaultCapture, "sets it");
        Assert.That(captured.All, Does.Not.Contain("expected 'draft'::text, production 'open'::text"), "the drift is not repeated: " + captured);
    }

    /// <summary>
    /// A migration that sets the column's default, but to another value than production's, is no capture (issue 22
    /// item 8): recorded as applied, the history would claim a default production does not have. drift says so with both
    /// values as PostgreSQL prints them and keeps DH307's own fix; Prisma agrees that those migrations do not give the
    /// schema with production's default. Made to set production's default, the same migration is the capture.
    /// </summary>
    [Test]
    public async Task A_migration_that_sets_another_default_than_production_s_is_not_taken_for_its_capture()
    {
        using var s = await DefaultChangedByHandInProductionAsync("G");
        CommitCapture(s, "G", "closed");

        var drift = s.Repository.Drifthooks("drift");
        Assert.That(drift.ExitCode, Is.EqualTo(1), drift.ToString());
        Assert.That(drift.Output, Does.Contain($"Column `G2.status` default differs: expected 'draft'::text, production 'open'::text. Migration {DefaultCapture}, which production has not recorded, sets it to 'closed'::text, not production's 'open'::text (as PostgreSQL prints both), so it does not capture production's default"));
        Assert.That(drift.Output, Does.Not.Contain("the change is captured"));
        Assert.That(PrintedFix.Of(s.Repository, drift, "DH307").Text, Does.Contain("npx prisma migrate resolve --applied <that migration>").And.Not.Contain("--applied " + DefaultCapture));
        var push = s.Push();
        Assert.That(push.ExitCode, Is.EqualTo(1), "pre-push, comparing the same way, refuses: " + push);
        Assert.That(push.All, Does.Contain("so it does not capture production's default"));

        if (PrismaOracle.Unavailable() is null)
        {
            Assert.That(await MigrationsGiveTheSchemaAsync(s), Is.False, "Prisma: the migrations with this capture do not give the schema with production's default");
        }

        CommitCapture(s, "G", "open", amend: true);
        if (PrismaOracle.Unavailable() is null)
        {
            Assert.That(await MigrationsGiveTheSchemaAsync(s), Is.True, "Prisma: now they do");
        }

        RecordsTheCaptureAsPrinted(s, "DH307", DefaultCapture, "sets it");
    }

    private const string DefaultCapture = "20240104000000_capture_status_default";

    /// <summary>Production applied a migration giving table <paramref name="tables"/>2 a status defaulting to 'draft', then someone set 'open' there by hand.</summary>
    private static async Task<PushScenario> DefaultChangedByHandInProductionAsync(string tables)
    {
        var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: tables);
        await s.UseLocalDatabaseAsync(); // its server is the shadow server drift replays on
        const string Status = "20240103000000_status";
        var addStatus = $"ALTER TABLE \"{tables}2\" ADD COLUMN \"status\" TEXT NOT NULL DEFAULT 'draft';\n";
        s.Repository.Write("prisma/schema.prisma", StatusSchema(tables, "draft"));
        s.Repository.Write($"prisma/migrations/{Status}/migration.sql", addStatus);
        s.Repository.MustGit("add", "-A");
        Assert.That(s.Repository.Commit().ExitCode, Is.Zero);
        await s.ApplyAsync((Status, addStatus));
        Assert.That(s.Push().ExitCode, Is.Zero);
        await s.ProductionServer.ExecuteAsync(s.Production.Name, $"ALTER TABLE \"{tables}2\" ALTER COLUMN \"status\" SET DEFAULT 'open';");

        var drift = s.Repository.Drifthooks("drift");
        Assert.That(drift.ExitCode, Is.EqualTo(1), drift.ToString());
        Assert.That(PrintedFix.Of(s.Repository, drift, "DH307").Text, Does.Contain("npx prisma migrate resolve --applied <that migration>"));
        return s;
    }

    private static string StatusSchema(string tables, string status) => PushScenario.Schema(2, tables).Replace(
        $"model {tables}2 {{\n  id Int @id @default(autoincrement())\n", $"model {tables}2 {{\n  id Int @id @default(autoincrement())\n  status String @default(\"{status}\")\n", StringComparison.Ordinal);

    /// <summary>The schema and a migration setting the status default to <paramref name="status"/>, committed through the hooks.</summary>
    private static void CommitCapture(PushScenario s, string tables, string status, bool amend = false)
    {
        s.Repository.Write("prisma/schema.prisma", StatusSchema(tables, status));
        s.Repository.Write($"prisma/migrations/{DefaultCapture}/migration.sql", $"-- AlterTable\nALTER TABLE \"{tables}2\" ALTER COLUMN \"status\" SET DEFAULT '{status}';\n");
        s.Repository.MustGit("add", "-A");
        var commit = amend ? s.Repository.Commit("--amend") : s.Repository.Commit();
        Assert.That(commit.ExitCode, Is.Zero, commit.ToString());
    }

    /// <summary>Prisma's own verdict: do the committed migrations give the schema of production's default ('open')? migrate diff --from-migrations, on a fresh database.</summary>
    private static async Task<bool> MigrationsGiveTheSchemaAsync(PushScenario s)
    {
        var scratch = await s.ProductionServer.CreateDatabaseAsync();
        var schema = Path.Combine(s.Repository.GitDir, "production-default.prisma");
        File.WriteAllText(schema, s.Repository.Read("prisma/schema.prisma").Replace("@default(\"closed\")", "@default(\"open\")", StringComparison.Ordinal));
        var migrations = Path.Combine(s.Repository.Root, "prisma", "migrations");
        var diff = await PrismaOracle.RunAsync(scratch.PrismaUrl, schema, migrations, "migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--exit-code");
        Assert.That(diff.ExitCode, Is.AnyOf(0, 2), diff.Output);
        return diff.ExitCode == 0;
    }

    /// <summary>
    /// Once the capture migration is committed, drift no longer repeats the drift: production needs the capture recorded,
    /// which the fix does as printed (Prisma's CLI pointed at production); then drift is clean and the push passes.
    /// Returns what drift printed before.
    /// </summary>
    private static ProcessResult RecordsTheCaptureAsPrinted(PushScenario s, string code, string capture, string how)
    {
        var captured = s.Repository.Drifthooks("drift");
        var fix = PrintedFix.Of(s.Repository, captured, code);
        Assert.That(fix.Text, Does.StartWith($"DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma migrate resolve --applied {capture} (DRIFTHOOKS_PRODUCTION_ADMIN_URL: "));
        Assert.That(captured.Output, Does.Contain($"migration {capture}, which production has not recorded, {how}: the change is captured"));
        fix.WithPrisma(s.Production).Follow();

        var clean = s.Repository.Drifthooks("drift");
        Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
        Assert.That(clean.All, Does.Not.Contain(code));
        var push = s.Push();
        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        return captured;
    }

    [Test]
    public async Task Drift_s_warning_for_a_migration_production_applied_that_the_folder_lacks_leads_through_status_to_the_merge_that_clears_it()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "X");
        await s.UseLocalDatabaseAsync(); // its server is the shadow server drift replays on
        s.Repository.Environment["GIT_EDITOR"] = "true";
        s.Repository.MustGit("checkout", "-q", "-b", "hotfix-login");
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(5)}/migration.sql", PushScenario.Script(5, "X"));
        s.Repository.CommitAllWithoutHooks("hotfix applied straight to production");
        await s.ApplyAsync((PushScenario.Name(5), PushScenario.Script(5, "X")));
        s.Repository.MustGit("checkout", "-q", "main");

        var drift = s.Repository.Drifthooks("drift");
        var warned = PrintedFix.Of(s.Repository, drift, "DH330");
        Assert.That(warned.Steps(), Is.EqualTo(new[] { "drifthooks status", "drifthooks drift again" }), warned.Text);

        // The printed next command names the branch and the merge; followed, drift no longer warns.
        var status = s.Repository.Drifthooks("status");
        PrintedFix.Of(s.Repository, status, "DH201").Follow();
        var again = s.Repository.Drifthooks("drift");
        Assert.That(again.All, Does.Not.Contain("DH330"), again.ToString());
        Assert.That(again.ExitCode, Is.Zero, again.ToString());

        // Where the time went is a diagnosis: not in an ordinary run, on standard error with --verbose or DRIFTHOOKS_LOG=debug.
        Assert.That(again.All, Does.Not.Contain(" ms  ").And.Not.Contain("template database"), again.ToString());
        var verbose = s.Repository.Drifthooks("drift", "--verbose");
        Assert.That(verbose.Error, Does.Match(@"\d ms  total"), verbose.ToString());
        Assert.That(verbose.Output, Does.Not.Contain(" ms  "), verbose.ToString());
        s.Repository.Environment["DRIFTHOOKS_LOG"] = "debug";
        var debug = s.Repository.Drifthooks("drift");
        Assert.That(debug.Error, Does.Match(@"\d ms  total"), debug.ToString());
    }

    [Test]
    public async Task Refusing_to_write_production_names_the_variable_the_schema_reads_and_the_file_that_set_it()
    {
        using var s = await Scenario.CreateAsync();
        s.Repository.Write("prisma/schema.prisma", TestRepository.Datasource.Replace("DATABASE_URL", "NEXT_PRIVATE_DATABASE_URL", StringComparison.Ordinal) + Schema);
        s.Repository.CommitAllWithoutHooks("documenso's variable");
        s.Repository.Environment.Remove("DATABASE_URL");

        // The local URL, in .env, names production's own database.
        s.Repository.Write(".env", $"NEXT_PRIVATE_DATABASE_URL=\"{s.Local.PrismaUrl}\"\n");
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = s.Local.PrismaUrl;
        var sync = s.Repository.Drifthooks("sync", "--reset", "--yes");
        Assert.That(sync.ExitCode, Is.EqualTo(4), sync.ToString());
        Assert.That(sync.Error, Does.Contain("This URL is read from NEXT_PRIVATE_DATABASE_URL in .env")
            .And.Contain("point NEXT_PRIVATE_DATABASE_URL (the variable prisma/schema.prisma's datasource reads) in the environment or .env or prisma/.env, or Local:Url in .drifthooks.local.json at a database on a development server")
            .And.Not.Contain("(DATABASE_URL"));
    }

    [Test]
    public async Task Status_without_production_names_the_setting_read_and_its_printed_fix_configures_it()
    {
        using var s = await Scenario.CreateAsync();
        var status = s.Repository.Drifthooks("status");
        Assert.That(status.Output, Does.Contain("DH401").And.Contain("Its URL is read from DRIFTHOOKS_PRODUCTION_URL in the environment (or DRIFTHOOKS__PRODUCTION__URL), or Production:Url in .drifthooks.local.json"));
        var fix = PrintedFix.Of(s.Repository, status, "DH401");
        Assert.That(fix.Text, Does.StartWith("export DRIFTHOOKS_PRODUCTION_URL="));

        // An export lasts as long as the shell: the user runs status in the shell they exported in.
        fix.Fill("postgresql://readonly_user:PASSWORD@host:5432/db?schema=public", s.Local.PrismaUrl).Follow();
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = s.Local.PrismaUrl;
        var after = s.Repository.Drifthooks("status");
        Assert.That(after.ExitCode, Is.Zero, after.ToString());
        Assert.That(after.Output, Does.Contain("(from environment variable DRIFTHOOKS_PRODUCTION_URL)").And.Not.Contain("DH401"));
    }

    [Test]
    public async Task DH400_a_wrong_production_password_in_status_is_told_as_such_and_green_once_the_exported_url_is_corrected()
    {
        using var s = await Scenario.CreateAsync();
        const string Wrong = "n0t-the:p@ssword";
        s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = s.Server.PrismaUrl(s.Local.Name, PostgresServer.SuperUser, Wrong);

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(3), status.ToString());
        Assert.That(status.Output, Does.Contain($"the server refused the password for user \"{PostgresServer.SuperUser}\" (SQLSTATE 28P01)").And.Contain("(production URL from environment variable DRIFTHOOKS_PRODUCTION_URL)"));
        Assert.That(status.All, Does.Not.Contain("n0t-the").And.Not.Contain(Uri.EscapeDataString(Wrong)));
        var fix = PrintedFix.Of(s.Repository, status, "DH400");
        Assert.That(fix.Text, Is.EqualTo($"correct the password of user {PostgresServer.SuperUser} in the URL in environment variable DRIFTHOOKS_PRODUCTION_URL (percent-encode special characters), then drifthooks status"));

        // An exported variable is corrected by exporting it again, in the shell that runs status.
        fix.Doing("correct the password of user .*", _ => s.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = s.Local.PrismaUrl).Follow();
        Assert.That(fix.Output, Does.Contain("verdict: in sync"));
    }

    [Test]
    public async Task DH200_production_down_blocks_the_push_and_each_printed_choice_lets_it_through()
    {
        await using var own = await PostgresServer.StartOwnAsync();
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, productionServer: own);
        await own.StopAsync();

        // The hook itself says why: a resource it needs is unavailable (3), not a verdict on the push.
        var head = s.Repository.MustGit("rev-parse", "HEAD").Trim();
        var hook = s.Repository.Run(Path.Combine(s.Repository.GitDir, "hooks", "pre-push"), ["origin", s.Remote.Root], stdin: $"refs/heads/main {head} refs/heads/main {new string('0', 40)}\n");
        Assert.That(hook.ExitCode, Is.EqualTo(3), hook.ToString());

        var push = s.Push();
        Assert.That(push.ExitCode, Is.Not.Zero, push.ToString());
        Assert.That(push.Error, Does.Contain("error DH200").And.Contain("the connection was refused").And.Contain("(production URL from environment variable DRIFTHOOKS_PRODUCTION_URL)"));
        Assert.That(push.All, Does.Not.Contain(own.SuperPassword));
        var warn = PrintedFix.Of(s.Repository, push, "DH200");
        Assert.That(warn.Text, Is.EqualTo(
            $"make production's server on 127.0.0.1:{own.Port} reachable: nothing answered there (is it up? VPN, firewall; a wrong port is corrected in the URL in environment variable DRIFTHOOKS_PRODUCTION_URL), then git push origin main"
            + "; or let the push through unchecked while production is unreachable: DRIFTHOOKS__PRODUCTION__ONUNREACHABLE=warn git push origin main (to keep it so on this machine: \"Production\": { \"OnUnreachable\": \"warn\" } in .drifthooks.local.json)"));

        // Production still down: the printed setting lets this one push through, with a warning.
        warn.Taking(1).Follow();
        Assert.That(warn.All, Does.Contain("warning DH200"));
        Assert.That(s.Remote.MustGit("rev-parse", "main").Trim(), Is.EqualTo(head));

        // The next push is refused again; the user starts production's server and pushes as printed: a full pass.
        s.Repository.Write("notes.md", "notes\n");
        s.Repository.CommitAllWithoutHooks("notes");
        var again = s.Push();
        Assert.That(again.Error, Does.Contain("error DH200"), again.ToString());
        var reachable = PrintedFix.Of(s.Repository, again, "DH200").Taking(0);
        reachable.Doing("make production's server on .* reachable: nothing answered there", _ => own.StartAgainAsync().GetAwaiter().GetResult()).Follow();
        Assert.That(reachable.All, Does.Not.Contain("DH200"));
        Assert.That(s.Remote.MustGit("rev-parse", "main").Trim(), Is.EqualTo(s.Repository.MustGit("rev-parse", "HEAD").Trim()));
    }

    [Test]
    public async Task DH200_repeats_the_push_as_git_ran_it_and_the_branch_followed_as_printed_gets_its_upstream()
    {
        await using var own = await PostgresServer.StartOwnAsync();
        using var s = await PushScenario.CreateAsync(committed: 1, applied: 1, productionServer: own);
        await own.StopAsync();

        var push = s.Repository.Git("push", "-u", "origin", "main");
        Assert.That(push.ExitCode, Is.Not.Zero, push.ToString());
        var fix = PrintedFix.Of(s.Repository, push, "DH200");
        Assert.That(fix.Text, Does.Contain(", then git push -u origin main; or ").And.Contain("DRIFTHOOKS__PRODUCTION__ONUNREACHABLE=warn git push -u origin main "));

        fix.Taking(1).Follow();
        Assert.That(s.Repository.MustGit("rev-parse", "--abbrev-ref", "main@{upstream}").Trim(), Is.EqualTo("origin/main"));
    }

    [Test]
    public async Task DH431_with_the_applied_version_on_a_branch_not_fetched_the_printed_fetch_leads_to_the_printed_restore()
    {
        using var s = await PushScenario.CreateAsync(committed: 1, applied: 1, tables: "G");
        Assert.That(s.Push().ExitCode, Is.Zero);
        const string Index = "CREATE INDEX \"G2_id_idx\" ON \"G2\"(\"id\");\n";

        // A colleague deploys m2 from a branch of theirs, then reworks it on main; this clone pulls main alone.
        using var colleague = new TestRepository(init: false);
        colleague.MustGit("clone", "-q", "-b", "main", s.Remote.Root, ".");
        colleague.MustGit("checkout", "-q", "-b", "add-m2");
        colleague.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, "G"));
        colleague.CommitAllWithoutHooks("m2");
        colleague.MustGit("push", "-q", "origin", "add-m2");
        var deployed = colleague.MustGit("rev-parse", "HEAD").Trim()[..7];
        await s.ApplyAsync((PushScenario.Name(2), PushScenario.Script(2, "G")));
        colleague.MustGit("checkout", "-q", "main");
        colleague.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, "G") + Index);
        colleague.CommitAllWithoutHooks("m2, indexed");
        colleague.MustGit("push", "-q", "origin", "main");
        s.Repository.MustGit("pull", "-q", "--no-rebase", "origin", "main");
        var local = await s.Server.CreateDatabaseAsync();
        s.Repository.Environment["DATABASE_URL"] = local.PrismaUrl;

        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        Assert.That(sync.Error, Does.Contain("No commit of this clone"));
        var fetch = PrintedFix.Of(s.Repository, sync, "DH431");
        Assert.That(WithoutRemarks(fetch.Text), Is.EqualTo("git fetch --all; or drifthooks sync --skip-production"));

        fetch.Taking(0).Follow();
        var again = s.Repository.Drifthooks("sync");
        Assert.That(again.ExitCode, Is.EqualTo(1), again.ToString());
        var restore = PrintedFix.Of(s.Repository, again, "DH431");
        Assert.That(restore.Text, Does.Contain($"git restore --staged --worktree --source={deployed} -- "), "fetched, the commit is named: no loop");
        FollowTheMoveAndRestore(s.Repository, restore, "index_g2", Index, deployed);
    }

    [Test]
    public async Task DH431_with_the_applied_version_amended_away_and_pruned_the_printed_skip_production_syncs_the_local_database()
    {
        using var s = await PushScenario.CreateAsync(committed: 2, applied: 2, tables: "H");
        var local = await s.Server.CreateDatabaseAsync();
        s.Repository.Environment["DATABASE_URL"] = local.PrismaUrl;

        // Deployed from this machine, then the migration amended and the old commit pruned: git has no copy left.
        s.Repository.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, "H") + "CREATE INDEX \"H2_id_idx\" ON \"H2\"(\"id\");\n");
        s.Repository.MustGit("commit", "-q", "-a", "--amend", "--no-verify", "--no-edit");
        s.Repository.MustGit("reflog", "expire", "--expire=now", "--all");
        s.Repository.MustGit("gc", "-q", "--prune=now");

        var sync = s.Repository.Drifthooks("sync");
        Assert.That(sync.ExitCode, Is.EqualTo(1), sync.ToString());
        var fix = PrintedFix.Of(s.Repository, sync, "DH431");
        Assert.That(WithoutRemarks(fix.Text), Is.EqualTo("git fetch --all; or drifthooks sync --skip-production"));

        // Fetching brings nothing (origin never had it): the other choice is what is left.
        fix.Taking(0).Follow();
        Assert.That(s.Repository.Drifthooks("sync").Error, Does.Contain("No commit of this clone"));
        fix.Taking(1).Follow();
        Assert.That(fix.Output, Does.Contain("applied 2 migration(s)"));
        Assert.That(await s.Server.QueryScalarAsync(local.Name, "SELECT count(*) FROM pg_indexes WHERE indexname = 'H2_id_idx'"), Is.EqualTo(1L), "the working tree's version");
        var again = s.Repository.Drifthooks("sync", "--skip-production");
        Assert.That(again.ExitCode, Is.Zero, again.ToString());
    }
}
