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
    public void Another_database_on_production_s_server_is_production_s_server()
    {
        var other = Production with { DatabaseName = "app_dev", DatabaseOid = 16390 };
        foreach (var readNow in new[] { true, false })
        {
            var result = IdentityComparison.Compare(other, Production, readNow);
            Assert.That(result.Verdict, Is.EqualTo(IdentityVerdict.SameServer));
            Assert.That(result.Reason, Does.Contain("another database").And.Contain("production's server").And.Contain("7313899045471637501"));
        }

        // Told by the start time and port where no system identifier could be read.
        var byStart = IdentityComparison.Compare(other with { SystemIdentifier = null }, Production with { SystemIdentifier = null }, productionReadNow: true);
        Assert.That(byStart.Verdict, Is.EqualTo(IdentityVerdict.SameServer), byStart.Reason);
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

        // Production may have restarted since it was remembered: a different start time proves nothing, and the
        // name, oid and port that are production's refuse it.
        var result = IdentityComparison.Compare(remembered with { StartedAt = Started.AddDays(2) }, remembered, productionReadNow: false);
        Assert.That(result.Verdict, Is.EqualTo(IdentityVerdict.SharesProductionIdentity));
        Assert.That(result.Reason, Does.Contain("restart"));
    }

    [Test]
    public void On_servers_that_cannot_be_told_apart_any_part_of_production_s_identity_is_a_refusal()
    {
        // Neither system identifier nor start time readable: the name, the oid or the port of production's is enough.
        var bare = new ServerIdentity("app", 16384, null, null, 5432, null);
        foreach (var readNow in new[] { true, false })
        {
            var same = IdentityComparison.Compare(bare, bare, readNow);
            Assert.That(same.Verdict, Is.EqualTo(IdentityVerdict.SharesProductionIdentity), same.Reason);
            Assert.That(same.Reason, Does.Contain("database name \"app\"").And.Contain("database oid 16384").And.Contain("port 5432"));
            foreach (var onePart in new[] { bare with { DatabaseOid = 16400, Port = null }, bare with { DatabaseName = "app_dev", Port = null }, bare with { DatabaseName = "app_dev", DatabaseOid = 16400 } })
            {
                Assert.That(IdentityComparison.Compare(onePart, bare, readNow).Verdict, Is.Not.EqualTo(IdentityVerdict.Different).And.Not.EqualTo(IdentityVerdict.CannotTell), onePart.ToString());
            }
        }

        // Nothing of production's: another database that may be on production's server, so still not different.
        var other = new ServerIdentity("app_dev", 16400, null, null, null, null);
        Assert.That(IdentityComparison.Compare(other, bare, productionReadNow: true).Verdict, Is.EqualTo(IdentityVerdict.CannotTell));
        Assert.That(IdentityComparison.Compare(other, bare, productionReadNow: false).Verdict, Is.EqualTo(IdentityVerdict.CannotTell));
    }

    [Test]
    public void A_running_server_on_another_port_is_another_server()
    {
        var bare = new ServerIdentity("app", 16384, null, null, 5432, null);
        Assert.That(IdentityComparison.Compare(bare with { Port = 5433 }, bare, productionReadNow: true).Verdict, Is.EqualTo(IdentityVerdict.Different));

        // Remembered: production may have been restarted on another port since.
        Assert.That(IdentityComparison.Compare(bare with { DatabaseName = "x", DatabaseOid = 1, Port = 5433 }, bare, productionReadNow: false).Verdict, Is.EqualTo(IdentityVerdict.CannotTell));
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

        // Only a server with nothing of production's is settled by the flag.
        var bare = new ServerIdentity("app", null, null, null, null, null);
        var other = bare with { DatabaseName = "app_dev" };
        Assert.Throws<TargetNotVerifiedException>(() => new ProductionGuard(bare, [], null, false, null).Authorize(Target, other));
        Assert.DoesNotThrow(() => new ProductionGuard(bare, [], null, true, null).Authorize(Target, other));
        foreach (var confirmed in new[] { false, true })
        {
            var shares = Assert.Throws<TargetIsProductionException>(() => new ProductionGuard(bare, [], null, confirmed, null).Authorize(Target, bare))!;
            Assert.That(shares.Message, Does.Contain("database name \"app\"").And.Contain(ProductionGuard.ConfirmFlag + " does not settle that").And.Contain("pg_control_system()"));
        }
    }

    [Test]
    public void The_guard_refuses_another_database_on_production_s_server_whatever_the_flags_and_names_the_setting()
    {
        var shadow = DatabaseUrl.Parse("postgresql://dev:secret@localhost:5432/scratch").From("Shadow:Url in .drifthooks.local.json", "Shadow:Url in .drifthooks.local.json");
        foreach (var confirmed in new[] { false, true })
        {
            var guard = new ProductionGuard(Production, [], null, confirmed, null);
            var error = Assert.Throws<TargetIsProductionException>(() => guard.Authorize(shadow, Production with { DatabaseName = "scratch", DatabaseOid = 16500 }))!;
            Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.TargetIsProduction));
            Assert.That(error.Message, Does.Contain("production's server").And.Contain("whatever the database's name").And.Contain("point Shadow:Url in .drifthooks.local.json").And.Not.Contain("secret"));
        }
    }

    [Test]
    public void With_no_production_configured_or_remembered_there_is_nothing_to_protect()
    {
        Assert.DoesNotThrow(() => new ProductionGuard(null, [], null, false, null).Authorize(Target, null));
    }
}
