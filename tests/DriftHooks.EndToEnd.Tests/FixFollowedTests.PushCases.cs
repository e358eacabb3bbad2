using System.Text;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

// The cases that compare with production (DH2xx): pre-push, check and status.
public partial class FixFollowedTests
{
    private static FixCase[] PushCases() =>
    [
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
}
