using DriftHooks.Core.Rendering;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rendering;

public class NearestNameTests
{
    static readonly string[] Commands = ["install", "uninstall", "trust", "drift", "status", "sync", "backup", "restore", "check", "doctor"];

    [TestCase("statsu", "status", TestName = "Two letters swapped")]
    [TestCase("stauts", "status")]
    [TestCase("doctr", "doctor", TestName = "A letter missing")]
    [TestCase("chekc", "check")]
    [TestCase("STATUS", "status", TestName = "Case is no edit")]
    [TestCase("deploy", null, TestName = "Nothing near")]
    [TestCase("drst", null, TestName = "Two names equally near (drift, trust): no guess")]
    public void A_mistyped_command_is_matched_to_the_one_it_most_likely_meant(string typed, string? meant) =>
        Assert.That(NearestName.Of(typed, Commands), Is.EqualTo(meant));
}
