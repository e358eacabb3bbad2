using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Database;

/// <summary>The decision whether a target is production's database, on plain data (what servers report).</summary>
[TestFixture]
public class IdentityComparisonTests
{
    static readonly DateTimeOffset Started = new(2026, 11, 30, 8, 0, 0, 123456 / 1000, TimeSpan.Zero);
    static readonly ServerIdentity Production = new("app", 16384, "7313899045471637501", Started, 5432, "/var/lib/postgresql/15/main");
    static readonly DatabaseUrl Target = DatabaseUrl.Parse("postgresql://dev:secret@localhost:5432/app");

    [Test]
    public void The_same_cluster_and_database_is_production_whatever_else_differs()
    {
        // Read through another role that may not see the data directory, a restart later: still the same database.
        var viaAnotherSpelling = Production with { DataDirectory = null, StartedAt = Started.AddHours(3) };
        foreach (var readNow in new[] { true, false })
        {
            var result = IdentityComparison.Compare(viaAnotherSpelling, Production, readNow);
            Assert.That(result.Verdict, Is.EqualTo(IdentityVerdict.SameDatabase), result.Reason);
            Assert.That(result.Reason, Does.Contain("7313899045471637501").And.Contain("\"app\""));
        }
    }

    [Test]
    public void Another_database_on_production_s_server_is_not_production()
    {
        var other = Production with { DatabaseName = "app_dev", DatabaseOid = 16390 };
        var result = IdentityComparison.Compare(other, Production, productionReadNow: true);
        Assert.That(result.Verdict, Is.EqualTo(IdentityVerdict.Different));
        Assert.That(result.Reason, Does.Contain("another database").And.Contain("production's server"));
    }

    [Test]
    public void Another_cluster_with_the_same_database_name_oid_and_port_is_not_production()
    {
        // A fresh local cluster: the first database gets the same oid, the default port and data directory are the same.
        var laptop = Production with { SystemIdentifier = "7400000000000000001", StartedAt = Started.AddDays(-1) };
        Assert.That(IdentityComparison.Compare(laptop, Production, productionReadNow: false).Verdict, Is.EqualTo(IdentityVerdict.Different));
    }

    [Test]
    public void Without_system_identifiers_a_running_server_is_told_by_its_start_time()
    {
        var production = Production with { SystemIdentifier = null, DataDirectory = null };
        var same = production with { DataDirectory = "/data" };
        var other = production with { StartedAt = Started.AddMinutes(5) };
        Assert.That(IdentityComparison.Compare(same, production, productionReadNow: true).Verdict, Is.EqualTo(IdentityVerdict.SameDatabase));
        Assert.That(IdentityComparison.Compare(other, production, productionReadNow: true).Verdict, Is.EqualTo(IdentityVerdict.Different));
        Assert.That(IdentityComparison.Compare(production with { Port = 5433 }, production, productionReadNow: true).Verdict, Is.EqualTo(IdentityVerdict.Different));
    }

    [Test]
    public void A_remembered_identity_without_system_identifier_proves_sameness_by_start_time_but_a_restart_leaves_it_open()
    {
        var remembered = Production with { SystemIdentifier = null, DataDirectory = null };
        Assert.That(IdentityComparison.Compare(remembered, remembered, productionReadNow: false).Verdict, Is.EqualTo(IdentityVerdict.SameDatabase));

        // Production may have restarted since it was remembered: a different start time proves nothing.
        var result = IdentityComparison.Compare(remembered with { StartedAt = Started.AddDays(2) }, remembered, productionReadNow: false);
        Assert.That(result.Verdict, Is.EqualTo(IdentityVerdict.CannotTell));
        Assert.That(result.Reason, Does.Contain("restart"));
    }

    [Test]
    public void Nothing_readable_but_the_name_settles_only_a_different_name()
    {
        var bare = new ServerIdentity("app", null, null, null, null, null);
        Assert.That(IdentityComparison.Compare(bare, bare, productionReadNow: true).Verdict, Is.EqualTo(IdentityVerdict.CannotTell));
        Assert.That(IdentityComparison.Compare(bare with { DatabaseName = "app_dev" }, bare, productionReadNow: true).Verdict, Is.EqualTo(IdentityVerdict.Different));

        // Remembered: a renamed production keeps its oid, so only a different name and a different oid settle it.
        var remembered = bare with { DatabaseOid = 16384 };
        Assert.That(IdentityComparison.Compare(remembered with { DatabaseName = "renamed" }, remembered, productionReadNow: false).Verdict, Is.EqualTo(IdentityVerdict.CannotTell));
        Assert.That(IdentityComparison.Compare(remembered with { DatabaseName = "app_dev", DatabaseOid = 16400 }, remembered, productionReadNow: false).Verdict, Is.EqualTo(IdentityVerdict.Different));
    }

    [Test]
    public void A_different_data_directory_is_another_cluster_when_nothing_else_tells()
    {
        var production = Production with { SystemIdentifier = null };
        var other = production with { DataDirectory = "/home/dev/pg", StartedAt = Started.AddDays(1) };
        Assert.That(IdentityComparison.Compare(other, production, productionReadNow: false).Verdict, Is.EqualTo(IdentityVerdict.Different));
    }

    [Test]
    public void The_guard_refuses_production_even_when_told_the_target_is_not_production()
    {
        foreach (var confirmed in new[] { false, true })
        {
            var guard = new ProductionGuard(Production, [], null, confirmed, "/repo/.git/drifthooks");
            var error = Assert.Throws<TargetIsProductionException>(() => guard.Authorize(Target, Production with { DataDirectory = null }))!;
            Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.TargetIsProduction));
            Assert.That(error.Message, Does.Contain("never writes production").And.Not.Contain("secret"));
        }
    }

    [Test]
    public void The_guard_compares_with_the_remembered_identity_when_production_is_unreachable()
    {
        var remembered = new ProductionIdentities.Remembered(Production, "postgresql://ro:****@db.example.com:5432/app?schema=public", DateTimeOffset.UtcNow);
        var guard = new ProductionGuard(null, [remembered], "Could not connect", false, "/repo/.git/drifthooks");
        var error = Assert.Throws<TargetIsProductionException>(() => guard.Authorize(Target, Production with { StartedAt = Started.AddDays(3) }))!;
        Assert.That(error.Message, Does.Contain("remembered").And.Contain("db.example.com").And.Contain("/repo/.git/drifthooks/production-identities"));

        Assert.DoesNotThrow(() => guard.Authorize(Target, Production with { SystemIdentifier = "42" }));
    }

    [Test]
    public void The_guard_refuses_what_it_cannot_tell_unless_confirmed()
    {
        var unknownProduction = new ProductionGuard(null, [], "Could not connect to production", false, "/repo/.git/drifthooks");
        var error = Assert.Throws<TargetNotVerifiedException>(() => unknownProduction.Authorize(Target, Production))!;
        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.TargetNotVerified));
        Assert.That(error.Message, Does.Contain(ProductionGuard.ConfirmFlag).And.Contain("drifthooks status"));
        Assert.DoesNotThrow(() => new ProductionGuard(null, [], "Could not connect to production", true, null).Authorize(Target, Production));

        var unreadableTarget = new ProductionGuard(Production, [], null, false, null);
        Assert.Throws<TargetNotVerifiedException>(() => unreadableTarget.Authorize(Target, null));

        var bare = new ServerIdentity("app", null, null, null, null, null);
        Assert.Throws<TargetNotVerifiedException>(() => new ProductionGuard(bare, [], null, false, null).Authorize(Target, bare));
        Assert.DoesNotThrow(() => new ProductionGuard(bare, [], null, true, null).Authorize(Target, bare));
    }

    [Test]
    public void With_no_production_configured_or_remembered_there_is_nothing_to_protect()
    {
        Assert.DoesNotThrow(() => new ProductionGuard(null, [], null, false, null).Authorize(Target, null));
    }
}
