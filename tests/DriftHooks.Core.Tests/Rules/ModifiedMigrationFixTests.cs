using System.Diagnostics;
using System.Text;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

/// <summary>
/// DH202's fix from what git was found to hold: the version the database applied restored from its commit; where git
/// was searched and holds none, this version's checksum recorded once drift agrees; where git was not searched, words.
/// </summary>
[TestFixture]
public class ModifiedMigrationFixTests
{
    static readonly PrismaProject Project = new("prisma/schema.prisma", false, "prisma/migrations");
    const string PrismaAt = "DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" ";
    static readonly RepositoryMigration Users = new("20240102000000_users", Encoding.UTF8.GetBytes("CREATE TABLE \"Users\" (id int);\n"));

    static MigrationRecord Row(string id, string? checksum) => new(id, checksum, DateTimeOffset.UnixEpoch, Users.Name, null, null, DateTimeOffset.UnixEpoch, 1);

    static string Fix(MigrationRecord row, Func<MigrationStatus, string?>? appliedVersionAt) =>
        HistoryComparison.Findings(new(HistoryComparison.Compare([Users], [row]), "production", "the push of main", Project, PrismaAt) { AppliedVersionAt = appliedVersionAt, Repository = [Users] })
            .Single(f => f.Code == PushRuleCodes.ModifiedAfterApply).Fix!;

    [Test]
    public void The_version_git_holds_is_restored_from_its_commit()
    {
        Assert.That(Fix(Row("r1", new string('a', 64)), _ => "abc1234"), Does.Contain("git restore --staged --worktree --source=abc1234 -- prisma/migrations/20240102000000_users"));
    }

    [Test]
    public void A_version_git_does_not_hold_is_recorded_after_drift_through_prisma_pointed_at_production()
    {
        var fix = Fix(Row("r1", new string('a', 64)), _ => null);
        Assert.That(fix, Does.StartWith(
            $"drifthooks drift, then echo 'UPDATE _prisma_migrations SET checksum = '\\''{MigrationChecksum.Compute(Users.Script!)}'\\'' WHERE id = '\\''r1'\\''' | DATABASE_URL=\"$DRIFTHOOKS_PRODUCTION_ADMIN_URL\" npx prisma db execute --stdin --schema prisma/schema.prisma ("));
        Assert.That(Fix(Row("r1", null), null), Is.EqualTo(fix), "a row without checksum is recorded the same way");
    }

    [Test]
    public void A_row_id_made_by_hand_reaches_the_database_as_one_sql_literal_through_the_shell()
    {
        const string Id = "it's $HOME `x` \"q\" \\";
        var fix = Fix(Row(Id, null), _ => null);
        var echo = fix["drifthooks drift, then ".Length..fix.IndexOf(" | ", StringComparison.Ordinal)];
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-c", echo]) { RedirectStandardOutput = true })!;
        var printed = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        Assert.That(printed, Is.EqualTo($"UPDATE _prisma_migrations SET checksum = '{MigrationChecksum.Compute(Users.Script!)}' WHERE id = 'it''s $HOME `x` \"q\" \\'\n"));
    }

    [Test]
    public void Where_git_was_not_searched_the_fix_says_where_to_look()
    {
        Assert.That(Fix(Row("r1", new string('a', 64)), null), Does.StartWith("git log -p -- prisma/migrations/20240102000000_users"));
    }
}
