using System.Text;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

/// <summary>DH201's fix from the data it is given: a rename named as one, the branch that holds a migration named, long lists cut short.</summary>
[TestFixture]
public class MissingMigrationFixTests
{
    static readonly PrismaProject Project = new("prisma/schema.prisma", false, "prisma/migrations");

    static RepositoryMigration M(string name, string sql) => new(name, Encoding.UTF8.GetBytes(sql));

    static MigrationRecord Applied(RepositoryMigration m) =>
        new(Guid.NewGuid().ToString(), MigrationChecksum.Compute(m.Script!), DateTimeOffset.UnixEpoch, m.Name, null, null, DateTimeOffset.UnixEpoch, 1);

    static readonly RepositoryMigration Init = M("20240101000000_init", "CREATE TABLE \"A\" (id int);");

    [Test]
    public void An_applied_migration_renamed_in_the_commit_is_named_as_a_rename_with_the_git_mv_back()
    {
        var applied = M("20240102000000_users", "CREATE TABLE \"Users\" (id int);");
        var renamed = M("20240301000000_users", "CREATE TABLE \"Users\" (id int);");
        var statuses = HistoryComparison.Compare([Init, renamed], [Applied(Init), Applied(applied)]);
        var findings = HistoryComparison.Findings(new(statuses, "production", "the push of main", Project, PrismaAt: "") { Repository = [Init, renamed] });

        var rename = findings.Single(f => f.Code == PushRuleCodes.MissingLocally);
        Assert.That(rename.Message, Does.Contain("is renamed to '20240301000000_users'"));
        Assert.That(rename.Fix, Is.EqualTo("git mv prisma/migrations/20240301000000_users prisma/migrations/20240102000000_users, then commit and push again"));
        Assert.That(findings.Select(f => f.Code), Does.Not.Contain(PushRuleCodes.Pending), "the renamed copy is not a pending migration");
    }

    [Test]
    public void A_migration_a_branch_holds_is_merged_one_a_commit_held_is_restored_and_one_nothing_holds_is_fetched()
    {
        var hotfix = M("20240102000000_hotfix", "CREATE TABLE \"H\" (id int);");
        var statuses = HistoryComparison.Compare([Init], [Applied(Init), Applied(hotfix)]);
        Finding With(MigrationHolder? holder) => HistoryComparison.Findings(new(statuses, "production", "the push of main", Project, PrismaAt: "")
        {
            Repository = [Init],
            Holders = holder is null ? null : new Dictionary<string, MigrationHolder> { [hotfix.Name] = holder },
        }).Single();

        var held = With(new MigrationHolder("hotfix-login", null));
        Assert.That(held.Message, Does.Contain("This clone holds it on branch hotfix-login"));
        Assert.That(held.Fix, Is.EqualTo("git merge hotfix-login"));

        var deleted = With(new MigrationHolder(null, "abc1234"));
        Assert.That(deleted.Message, Does.Contain("commit abc1234 did"));
        Assert.That(deleted.Fix, Is.EqualTo("git restore --source=abc1234 --staged --worktree -- prisma/migrations/20240102000000_hotfix && git commit -m 'Restore 20240102000000_hotfix, applied in production'"));

        var unknown = With(null);
        Assert.That(unknown.Fix, Does.StartWith("git fetch --all (").And.Contain("row id ").And.Not.Contain("pull"));
    }

    [Test]
    public void A_restored_migration_that_sorts_before_the_newest_says_why_its_commit_is_let_through()
    {
        var early = M("20240101500000_early", "CREATE TABLE \"E\" (id int);");
        var late = M("20240102000000_late", "CREATE TABLE \"L\" (id int);");
        var statuses = HistoryComparison.Compare([Init, late], [Applied(Init), Applied(early), Applied(late)]);
        var finding = HistoryComparison.Findings(new(statuses, "production", "the push of main", Project, PrismaAt: "")
        {
            Repository = [Init, late],
            Holders = new Dictionary<string, MigrationHolder> { [early.Name] = new(null, "abc1234") },
        }).Single();
        Assert.That(finding.Fix, Does.Contain("&& DRIFTHOOKS_OVERRIDE='restoring 20240101500000_early, which production applied' git commit"));
    }

    [Test]
    public void An_out_of_order_pending_migration_is_renamed_where_pre_commit_lets_the_rename_through_else_let_through_by_name()
    {
        var main = M("20240110000000_main", "CREATE TABLE \"M\" (id int);");
        var feature = M("20240105000000_feature", "CREATE TABLE \"F\" (id int);");
        var statuses = HistoryComparison.Compare([Init, feature, main], [Applied(Init), Applied(main)]);
        Finding OutOfOrder(PublishedMigration? published) =>
            HistoryComparison.Findings(new(statuses, "production", "the push of feature", Project, PrismaAt: "") { Published = _ => published }).Single(f => f.Code == PushRuleCodes.PendingOutOfOrder);

        foreach (var renamable in new PublishedMigration?[] { null, new("origin/feature", "ff", OnMainline: false, OnlyThisBranch: true) })
        {
            Assert.That(PublishedMigration.MayBeRenamed(renamable), Is.True);
            Assert.That(OutOfOrder(renamable).Fix, Does.StartWith("git mv prisma/migrations/20240105000000_feature prisma/migrations/").And.Contain(", then commit and push again"));
        }

        foreach (var shared in new PublishedMigration[] { new("origin/main", "ff", OnMainline: true), new("origin/colleague", "ff", OnMainline: false) })
        {
            Assert.That(PublishedMigration.MayBeRenamed(shared), Is.False);
            Assert.That(OutOfOrder(shared).Fix, Does.StartWith("DRIFTHOOKS_OVERRIDE=\"<why>\" git push").And.Contain(shared.Place + " has").And.Not.Contain("git mv"));
        }
    }

    [Test]
    public void A_hundred_thousand_missing_names_make_one_short_line()
    {
        var records = Enumerable.Range(0, 100_000).Select(i => Applied(M($"2024{i:D10}_m", "SELECT 1;"))).ToList();
        var finding = HistoryComparison.Findings(new(HistoryComparison.Compare([], records), "production", "the push", Project, PrismaAt: "")).Single();
        Assert.That(finding.Message.Length, Is.LessThan(600));
        Assert.That(finding.Message, Does.Contain("and 99995 more"));
    }
}
