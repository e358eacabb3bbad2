using System.Text;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

/// <summary>The pure three-way comparison behind <c>drifthooks status</c>, the sync planner, and the restore helpers.</summary>
[TestFixture]
public class ThreeWayStatusTests
{
    static readonly PrismaProject Project = new("prisma/schema.prisma", false, "prisma/migrations");

    static RepositoryMigration M(string name, string? sql = null) => new(name, Encoding.UTF8.GetBytes(sql ?? $"CREATE TABLE \"{name}\" ();"));

    static MigrationRecord Applied(RepositoryMigration m, int minute = 0) =>
        new(Guid.NewGuid().ToString(), MigrationChecksum.Compute(m.Script!), At(minute), m.Name, null, null, At(minute), 1);

    static MigrationRecord Failed(string name, int minute = 0) => new(Guid.NewGuid().ToString(), "x", null, name, "boom", null, At(minute), 0);

    static MigrationRecord RolledBack(string name, int minute = 0) => new(Guid.NewGuid().ToString(), "x", null, name, "boom", At(minute), At(minute), 0);

    static DateTimeOffset At(int minute) => new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minute);

    static DatabaseSide Side(string label, params MigrationRecord[] rows) =>
        DatabaseSide.Read(label, "postgresql://u@h:5432/db?schema=public", "test", MigrationHistory.FromRecords("public", rows), prismaAt: label == "production" ? ProductionPrismaAt : "");

    // What status gives production's side where the datasource reads DATABASE_URL and production's URL comes from the environment.
    const string ProductionPrismaAt = "DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" ";

    static readonly RepositoryMigration A = M("20240101000000_a");
    static readonly RepositoryMigration B = M("20240102000000_b");
    static readonly RepositoryMigration C = M("20240103000000_c");

    [Test]
    public void Everything_applied_everywhere_is_in_sync()
    {
        var report = ThreeWayStatus.Build([A, B], [A, B], Side("local", Applied(A), Applied(B, 1)), Side("production", Applied(A), Applied(B, 1)), Project);
        Assert.That(report.ExitCode, Is.EqualTo(ExitCodes.Passed));
        Assert.That(report.Rows.Select(r => (r.Repository, r.Local, r.Production)), Is.All.EqualTo((RepositoryState.Committed, PlaceState.Applied, PlaceState.Applied)));
        Assert.That(report.Counts(r => r.Local), Is.EqualTo(new[] { (PlaceState.Applied, 2) }));
    }

    [Test]
    public void Local_behind_is_a_warning_fixed_by_sync_that_passes_while_production_pending_is_only_a_note()
    {
        // A warning is no drift: exit 0, as for the hooks (only an error refuses).
        var report = ThreeWayStatus.Build([A, B, C], [A, B, C], Side("local", Applied(A)), Side("production", Applied(A), Applied(B, 1)), Project);
        Assert.That(report.ExitCode, Is.EqualTo(ExitCodes.Passed));
        var local = report.Findings.Single(f => f.Code == CompanionRuleCodes.LocalPending);
        Assert.That(local.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(local.Fix, Is.EqualTo("drifthooks sync"));
        Assert.That(local.Message, Does.Contain(B.Name).And.Contain(C.Name));
        Assert.That(report.Findings.Single(f => f.Code == PushRuleCodes.Pending).Severity, Is.EqualTo(Severity.Note));
        Assert.That(report.Rows.Last(), Is.EqualTo(new ThreeWayRow(C.Name, RepositoryState.Committed, PlaceState.Pending, PlaceState.Pending)));
    }

    [Test]
    public void A_local_only_migration_of_an_abandoned_branch_points_to_reset_and_one_production_also_has_to_the_branch_that_holds_it()
    {
        var abandoned = M("20240104000000_abandoned");
        var hotfix = M("20240105000000_hotfix");
        var report = ThreeWayStatus.Build(
            [A], [A], Side("local", Applied(A), Applied(abandoned, 1), Applied(hotfix, 2)), Side("production", Applied(A), Applied(hotfix, 2)), Project,
            new Dictionary<string, MigrationHolder> { [hotfix.Name] = new("hotfix-login", null) });
        Assert.That(report.Rows.Single(r => r.Name == abandoned.Name), Is.EqualTo(new ThreeWayRow(abandoned.Name, RepositoryState.Absent, PlaceState.NotInRepository, PlaceState.Absent)));
        Assert.That(report.Rows.Single(r => r.Name == hotfix.Name).Production, Is.EqualTo(PlaceState.NotInRepository));
        var localOnly = report.Findings.Where(f => f.Code == CompanionRuleCodes.LocalOnly).ToList();
        Assert.That(localOnly.Single(f => f.Message.Contains(abandoned.Name, StringComparison.Ordinal)).Fix, Does.Contain("drifthooks sync --reset"));
        Assert.That(localOnly.Single(f => f.Message.Contains(hotfix.Name, StringComparison.Ordinal)).Fix, Is.EqualTo("git merge hotfix-login && drifthooks sync"), "the branch that holds it, then the sync");
        Assert.That(report.Findings.Select(f => f.Code), Does.Contain(PushRuleCodes.MissingLocally));
        Assert.That(PlaceStates.Label(PlaceState.NotInRepository, isLocal: true), Is.EqualTo("local-only"));
        Assert.That(PlaceStates.Label(PlaceState.NotInRepository, isLocal: false), Is.EqualTo("missing"));
    }

    [Test]
    public void Modified_failed_and_rolled_back_are_shown_with_their_fixes()
    {
        var edited = M(B.Name, "-- edited\n" + Encoding.UTF8.GetString(B.Script!));
        var report = ThreeWayStatus.Build(
            [A, edited, C], [A, edited, C],
            Side("local", Applied(A), Applied(B, 1), Failed(C.Name, 2), RolledBack("20240101500000_tried", 3)),
            Side("production", Applied(A), RolledBack(B.Name, 1)),
            Project);
        Assert.That(report.Rows.Single(r => r.Name == B.Name), Is.EqualTo(new ThreeWayRow(B.Name, RepositoryState.Committed, PlaceState.Modified, PlaceState.RolledBack)));
        Assert.That(report.Rows.Single(r => r.Name == C.Name).Local, Is.EqualTo(PlaceState.Failed));
        Assert.That(report.Rows.Single(r => r.Name == "20240101500000_tried"), Is.EqualTo(new ThreeWayRow("20240101500000_tried", RepositoryState.Absent, PlaceState.RolledBack, PlaceState.Absent)));
        Assert.That(report.Findings.Single(f => f.Code == CompanionRuleCodes.LocalModified).Fix, Does.Contain("drifthooks sync --reset"));
        var failed = report.Findings.Single(f => f.Code == CompanionRuleCodes.LocalFailed);
        Assert.That(failed.Fix, Is.EqualTo("drifthooks sync --reset"));
        Assert.That(failed.Message, Does.Contain("npx prisma migrate resolve --rolled-back " + C.Name + ", then drifthooks sync"), "the way that keeps local data is named too");
        Assert.That(report.ExitCode, Is.EqualTo(ExitCodes.Refused));
    }

    [Test]
    public void Every_local_fix_that_runs_sync_says_so_as_data_and_no_other_does()
    {
        var edited = M(B.Name, "-- edited\n" + Encoding.UTF8.GetString(B.Script!));
        var abandoned = M("20240104000000_abandoned");
        var report = ThreeWayStatus.Build(
            [A, edited, C], [A, edited, C],
            Side("local", Applied(A), Applied(B, 1), Failed(C.Name, 2), Applied(abandoned, 3)),
            Side("production", Applied(A)),
            Project);
        var local = report.Findings.Where(f => f.Code is CompanionRuleCodes.LocalModified or CompanionRuleCodes.LocalFailed or CompanionRuleCodes.LocalOnly).ToList();
        Assert.That(local.Select(f => f.Code), Is.EquivalentTo(new[] { CompanionRuleCodes.LocalModified, CompanionRuleCodes.LocalFailed, CompanionRuleCodes.LocalOnly }));
        Assert.That(local.Select(f => (f.FixCommand, f.Fix)), Is.All.EqualTo((ThreeWayStatus.SyncCommand, "drifthooks sync --reset")));

        var behind = ThreeWayStatus.Build([A, B], [A, B], Side("local", Applied(A)), Side("production", Applied(A)), Project);
        Assert.That(behind.Findings.Single(f => f.Code == CompanionRuleCodes.LocalPending).FixCommand, Is.EqualTo(ThreeWayStatus.SyncCommand));
        Assert.That(behind.Findings.Where(f => f.Code != CompanionRuleCodes.LocalPending).Select(f => f.FixCommand), Is.All.Null, "production's findings run no local sync");
    }

    [Test]
    public void Status_s_fixes_for_production_point_prisma_at_production_not_at_the_project_s_own_database()
    {
        // Printed bare, `npx prisma migrate resolve` would act on the database the project's DATABASE_URL names: the local one.
        var prismaAt = ProductionPrismaAt;
        var failed = Side("production", Applied(A), Failed(B.Name, 1));
        var report = ThreeWayStatus.Build([A, B], [A, B], Side("local", Applied(A), Applied(B, 1)), failed, Project);
        Assert.That(report.Findings.Single(f => f.Code == PushRuleCodes.FailedInDatabase).Fix, Does.Contain(prismaAt + "npx prisma migrate resolve --applied " + B.Name));

        var withoutHistory = DatabaseSide.Read("production", "u", "s", MigrationHistory.TableMissing("public"), prismaAt);
        var baseline = ThreeWayStatus.Build([A, B], [A, B], Side("local", Applied(A), Applied(B, 1)), withoutHistory, Project);
        Assert.That(baseline.Findings.Single(f => f.Code == PushRuleCodes.NoHistoryTable).Fix, Does.Contain(prismaAt + "npx prisma migrate resolve --applied"));
    }

    [Test]
    public void A_fix_that_writes_production_s_history_names_a_role_that_may_write_it_never_the_read_only_url()
    {
        // The read-only role DriftHooks reads with gets "permission denied for table _prisma_migrations" from resolve.
        var prismaAt = DriftHooks.Core.Configuration.ProductionUrlResolver.PrismaEnvironment("DATABASE_URL");
        Assert.That(prismaAt, Is.EqualTo("DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" "));
        var failed = DatabaseSide.Read("production", "u", "s", MigrationHistory.FromRecords("public", [Applied(A), Failed(B.Name, 1)]), prismaAt);
        var fix = ThreeWayStatus.Build([A, B], [A, B], Side("local", Applied(A), Applied(B, 1)), failed, Project).Findings.Single(f => f.Code == PushRuleCodes.FailedInDatabase).Fix;
        Assert.That(fix, Does.Not.Contain("$DRIFTHOOKS_PRODUCTION_URL").And.Contain("(DRIFTHOOKS_PRODUCTION_ADMIN_URL: production's URL for a role that may write _prisma_migrations"));
    }

    [Test]
    public void A_failed_attempt_beside_a_finished_row_is_failed_in_every_place_and_blocks()
    {
        // Prisma's deploy stops on this (P3009): a failed row counts whatever else is recorded for the name.
        var finishedThenFailed = new[] { Applied(A), Applied(B, 1), Failed(B.Name, 2) };
        var failedThenFinished = new[] { Applied(A), Failed(B.Name, 1), Applied(B, 2) };
        foreach (var rows in new[] { finishedThenFailed, failedThenFinished })
        {
            var statuses = HistoryComparison.Compare([A, B], rows);
            Assert.That(statuses.Single(s => s.Name == B.Name), Is.EqualTo(new MigrationStatus(B.Name, MigrationState.Failed, rows.Single(r => r.IsFailed), AlsoFinished: true)));

            var finding = HistoryComparison.Findings(new(statuses, "production", "the push", Project, PrismaAt: "")).Single();
            Assert.That(finding.Code, Is.EqualTo(PushRuleCodes.FailedInDatabase));
            Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
            Assert.That(finding.Fix, Does.Contain("npx prisma migrate resolve --rolled-back " + B.Name).And.Not.Contain("--applied " + B.Name));

            var report = ThreeWayStatus.Build([A, B], [A, B], Side("local", Applied(A), Applied(B, 1)), Side("production", rows), Project);
            Assert.That(report.Rows.Single(r => r.Name == B.Name).Production, Is.EqualTo(PlaceState.Failed));
            Assert.That(report.ExitCode, Is.EqualTo(ExitCodes.Refused));

            var local = ThreeWayStatus.Build([A, B], [A, B], Side("local", rows), DatabaseSide.NotConfigured("production"), Project);
            Assert.That(local.Rows.Single(r => r.Name == B.Name).Local, Is.EqualTo(PlaceState.Failed));
            Assert.That(local.Findings.Select(f => f.Code), Does.Contain(CompanionRuleCodes.LocalFailed));
        }
    }

    [Test]
    public void Unconfigured_databases_show_what_is_known_and_unreachable_ones_exit_3()
    {
        var report = ThreeWayStatus.Build([A, B], [A], DatabaseSide.NotConfigured("local"), DatabaseSide.NotConfigured("production"), Project);
        Assert.That(report.ExitCode, Is.EqualTo(ExitCodes.Passed));
        Assert.That(report.Rows.Select(r => (r.Repository, r.Local, r.Production)), Is.EqualTo(new[]
        {
            (RepositoryState.Committed, PlaceState.Unknown, PlaceState.Unknown),
            (RepositoryState.Uncommitted, PlaceState.Unknown, PlaceState.Unknown),
        }));
        Assert.That(report.Findings.Select(f => f.Code), Is.EquivalentTo(new[] { CompanionRuleCodes.Uncommitted, CompanionRuleCodes.LocalNotConfigured, CompanionRuleCodes.ProductionNotConfigured }));

        var unreachable = ThreeWayStatus.Build([A], [A], Side("local", Applied(A)), DatabaseSide.Unreachable("production", "postgresql://u@h:1/p?schema=public", "Could not connect", new UnreachableServer("h:1", "h", "u", "env", ConnectionFailure.Refused)), Project);
        Assert.That(unreachable.ExitCode, Is.EqualTo(ExitCodes.ResourceUnavailable));
        Assert.That(unreachable.Rows.Single().Production, Is.EqualTo(PlaceState.Unknown));
    }

    [Test]
    public void A_database_without_history_table_has_everything_pending()
    {
        var local = DatabaseSide.Read("local", "u", "s", MigrationHistory.TableMissing("public"), prismaAt: "");
        var report = ThreeWayStatus.Build([A], [A], local, DatabaseSide.NotConfigured("production"), Project);
        Assert.That(report.Rows.Single().Local, Is.EqualTo(PlaceState.Pending));
        Assert.That(report.Findings.Single(f => f.Code == CompanionRuleCodes.LocalNoHistoryTable).Fix, Is.EqualTo("drifthooks sync"));
    }

    [Test]
    public void Sync_applies_pending_and_rolled_back_migrations_in_name_order()
    {
        var plan = SyncPlanner.Plan(new SyncRequest([C, A, B], MigrationHistory.FromRecords("public", [Applied(A), RolledBack(B.Name, 1)]), MigrationHistory.FromRecords("public", [Applied(A), Applied(B, 1)]), Reset: false, Project));
        Assert.That(plan.IsBlocked, Is.False);
        Assert.That(plan.ToApply.Select(m => m.Name), Is.EqualTo(new[] { B.Name, C.Name }));
    }

    [Test]
    public void Sync_stops_when_production_is_ahead_even_with_reset()
    {
        var hotfix = M("20240109000000_hotfix");
        foreach (var reset in new[] { false, true })
        {
            var plan = SyncPlanner.Plan(new SyncRequest([A], MigrationHistory.TableMissing("public"), MigrationHistory.FromRecords("public", [Applied(A), Applied(hotfix, 1)]), reset, Project));
            Assert.That(plan.Blockers.Single().Code, Is.EqualTo(CompanionRuleCodes.SyncPullFirst));
            Assert.That(plan.Blockers.Single().Message, Does.Contain(hotfix.Name));
            Assert.That(plan.ToApply, Is.Empty);
        }
    }

    [Test]
    public void Sync_stops_on_local_only_modified_or_failed_migrations_unless_reset()
    {
        var abandoned = M("20240104000000_abandoned");
        var local = MigrationHistory.FromRecords("public", [Applied(A), Applied(abandoned, 1), Failed(B.Name, 2)]);
        var plan = SyncPlanner.Plan(new SyncRequest([A, B], local, null, Reset: false, Project));
        Assert.That(plan.Blockers.Select(f => f.Code), Is.EqualTo(new[] { CompanionRuleCodes.LocalOnly, CompanionRuleCodes.LocalFailed }));
        Assert.That(plan.Blockers[0].Message, Does.Contain(abandoned.Name));

        var reset = SyncPlanner.Plan(new SyncRequest([A, B], local, null, Reset: true, Project));
        Assert.That(reset.IsBlocked, Is.False);
        Assert.That(reset.ToApply.Select(m => m.Name), Is.EqualTo(new[] { A.Name, B.Name }));
        Assert.That(reset.Notes.Single().Code, Is.EqualTo(CompanionRuleCodes.ProductionNotConfigured));
    }

    [Test]
    public void Sync_stops_on_a_folder_without_script()
    {
        var plan = SyncPlanner.Plan(new SyncRequest([A, new RepositoryMigration("20240102000000_empty", null)], MigrationHistory.TableMissing("public"), null, Reset: false, Project));
        Assert.That(plan.Blockers.Single().Code, Is.EqualTo(CompanionRuleCodes.MigrationWithoutScript));
    }

    [Test]
    public void Restore_plan_adds_missing_rows_replaces_changed_ones_and_keeps_the_rest()
    {
        var a = Applied(A);
        var b = Applied(B, 1);
        var c = Applied(C, 2);
        var plan = RestorePlan.Of([a, b, c], [a, b with { Logs = "changed" }, Applied(M("20240109000000_new"), 3)]);
        Assert.That(plan.Add, Is.EqualTo(new[] { c }));
        Assert.That(plan.Replace, Is.EqualTo(new[] { b }));
        Assert.That(plan.Unchanged, Is.EqualTo(1));
        Assert.That(plan.KeptOnlyInDatabase.Single().MigrationName, Is.EqualTo("20240109000000_new"));
    }
}
