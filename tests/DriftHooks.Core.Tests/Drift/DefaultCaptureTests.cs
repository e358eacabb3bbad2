using DriftHooks.Core.Drift;
using DriftHooks.Core.Findings;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Drift;

/// <summary>
/// DH307's capture: a migration production has not recorded is taken for it only when the default it leaves, as
/// PostgreSQL prints it after replaying it, is production's, as PostgreSQL prints that: the same text CatalogDiff
/// compares, so a capture recorded as applied never brings DH307 back.
/// </summary>
[TestFixture]
public class DefaultCaptureTests
{
    static readonly Finding Found = Finding.Error(
        SchemaDriftCodes.ColumnDefault, "Column `Post.status` default differs: expected 'draft'::text, production 'open'::text.", "column Post.status", "Revert production … — or capture production's version …");

    [TestCase("'open'::text", "'open'::text")]
    [TestCase(null, null)]
    [TestCase("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP")]
    public void The_migration_that_sets_production_s_default_is_the_capture(string? sets, string? production) =>
        Assert.That(DefaultCapture.NotCaptured(Found, new DefaultCapture.Replay("2_capture", sets, null), production), Is.Null);

    [TestCase("'closed'::text", "'open'::text", "sets it to 'closed'::text, not production's 'open'::text")]
    [TestCase(null, "'open'::text", "sets it to no default, not production's 'open'::text")]
    [TestCase("0", "1", "sets it to 0, not production's 1")]
    [TestCase("CURRENT_TIMESTAMP", "now()", "sets it to CURRENT_TIMESTAMP, not production's now()")]
    public void A_migration_that_sets_another_default_is_not_the_capture_and_says_both(string? sets, string? production, string says)
    {
        var finding = DefaultCapture.NotCaptured(Found, new DefaultCapture.Replay("2_capture", sets, null), production)!;
        Assert.That(finding.Message, Is.EqualTo(Found.Message + $" Migration 2_capture, which production has not recorded, {says} (as PostgreSQL prints both), "
            + "so it does not capture production's default: recorded as applied, it would leave the history claiming a default production does not have."));
        Assert.That((finding.Code, finding.Severity, finding.Location, finding.Fix), Is.EqualTo((Found.Code, Severity.Error, Found.Location, Found.Fix)), "DH307's own fix stands");
    }

    [Test]
    public void A_migration_that_cannot_be_replayed_is_not_taken_for_the_capture()
    {
        var finding = DefaultCapture.NotCaptured(Found, new DefaultCapture.Replay("2_capture", null, "it is not valid UTF-8"), null)!;
        Assert.That(finding.Message, Does.EndWith("Migration 2_capture, which production has not recorded, sets this default, but what it sets could not be compared with production's: it is not valid UTF-8."));
    }
}
