using DriftHooks.Core.Findings;
using DriftHooks.Core.Overrides;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Overrides;

public class OverrideReasonTests
{
    [Test]
    public void Unset_means_no_override() =>
        Assert.That(OverrideReason.Read(new Dictionary<string, string?>()), Is.Null);

    [TestCase("hotfix OPS-123 approved by lead")]
    [TestCase("  incident 42: rollback agreed with Ana  ")]
    public void A_real_reason_is_kept_trimmed(string value) =>
        Assert.That(OverrideReason.Read(new Dictionary<string, string?> { [OverrideReason.Variable] = value }), Is.EqualTo(value.Trim()));

    [TestCase("")]
    [TestCase("1")]
    [TestCase("true")]
    [TestCase("yes")]
    [TestCase("override")]
    [TestCase("hotfix")]
    [TestCase("asdfasdfasdf")]
    [TestCase("123 456 789 0")]
    public void Placeholders_are_refused_with_how_to_give_a_reason(string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => OverrideReason.Read(new Dictionary<string, string?> { [OverrideReason.Variable] = value }));
        Assert.That(error!.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(error.Message, Does.Contain("DRIFTHOOKS_OVERRIDE=\""));
    }
}
