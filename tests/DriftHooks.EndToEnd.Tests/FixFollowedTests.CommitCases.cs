using System.Globalization;
using System.Text;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

// The cases pre-commit refuses (DH1xx), and check refusing the same in a range that skipped the hook.
public partial class FixFollowedTests
{
    private static FixCase[] CommitCases() =>
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
    ];
}
