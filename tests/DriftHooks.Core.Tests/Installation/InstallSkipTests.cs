using DriftHooks.Core.Installation;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Installation;

/// <summary>When install, run as a package's prepare script, does nothing: never failing an npm install.</summary>
public class InstallSkipTests
{
    [TestCase(null, null, true, null)]
    [TestCase("0", null, true, "DRIFTHOOKS=0")]
    [TestCase(null, "true", true, "skipped in CI")]
    [TestCase(null, "1", true, "skipped in CI")]
    [TestCase("1", "true", true, null)]
    [TestCase(null, "false", true, null)]
    [TestCase(null, "0", true, null)]
    [TestCase(null, "", true, null)]
    [TestCase(null, null, false, "not inside a git repository")]
    [TestCase("0", null, false, "DRIFTHOOKS=0")]
    public void Skips_with_one_line_saying_why(string? drifthooks, string? ci, bool insideRepository, string? reason)
    {
        var environment = new Dictionary<string, string?> { ["DRIFTHOOKS"] = drifthooks, ["CI"] = ci };
        var skipped = InstallSkip.Reason(environment, insideRepository);
        if (reason is null)
        {
            Assert.That(skipped, Is.Null);
        }
        else
        {
            Assert.That(skipped, Does.Contain(reason).And.Not.Contain("\n"));
        }
    }
}
