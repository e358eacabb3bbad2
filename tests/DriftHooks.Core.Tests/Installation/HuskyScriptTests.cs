using DriftHooks.Core.Installation;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Installation;

/// <summary>DriftHooks's block in a husky script: added once, refreshed in place, and taken out leaving the team's lines as they were.</summary>
public class HuskyScriptTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(Path.Combine(_folder = Path.Combine(Path.GetTempPath(), "drifthooks-husky-" + Guid.NewGuid().ToString("N")), "_"));

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Husky_folder_is_recognised_by_its_runner()
    {
        var stubs = Path.Combine(_folder, "_");
        Assert.That(HuskyScript.IsHuskyFolder(stubs), Is.False, "no runner yet");
        File.WriteAllText(Path.Combine(stubs, "h"), "#!/usr/bin/env sh\n");
        Assert.That(HuskyScript.IsHuskyFolder(stubs), Is.True);
        Assert.That(HuskyScript.IsHuskyFolder(stubs + "/"), Is.True);
        Assert.That(HuskyScript.PathFor(stubs, "pre-push"), Is.EqualTo(Path.Combine(_folder, "pre-push")));
        Assert.That(HuskyScript.IsHuskyFolder(_folder), Is.False, "the scripts' folder is not the stubs'");

        // husky 4-8: git runs the committed scripts in .husky itself.
        File.WriteAllText(Path.Combine(stubs, "husky.sh"), "# husky\n");
        Assert.That(HuskyScript.IsHuskyFolder(_folder), Is.True);
        Assert.That(HuskyScript.PathFor(_folder, "pre-commit"), Is.EqualTo(Path.Combine(_folder, "pre-commit")));
    }

    [TestCase("npx lint-staged\n")]
    [TestCase("npx lint-staged")]
    [TestCase("#!/usr/bin/env sh\nnpm test\n\nnpx lint-staged\n")]
    public void Adding_twice_keeps_one_block_and_removing_gives_back_the_script(string team)
    {
        var script = Path.Combine(_folder, "pre-commit");
        File.WriteAllText(script, team);
        HuskyScript.Add(script, "pre-commit");
        HuskyScript.Add(script, "pre-commit");
        var text = File.ReadAllText(script);
        Assert.That(text, Does.StartWith(team.TrimEnd('\n') + "\n\n").And.EndWith(HuskyScript.Block("pre-commit")));
        Assert.That(text.Split("# >>> drifthooks").Length, Is.EqualTo(2), "one block");
        Assert.That(HuskyScript.Has(script, "pre-commit"), Is.True);

        HuskyScript.Remove(script, "pre-commit");
        Assert.That(File.ReadAllText(script), Is.EqualTo(team.TrimEnd('\n') + "\n"));
        Assert.That(HuskyScript.Has(script, "pre-commit"), Is.False);
    }

    [Test]
    public void A_script_made_for_the_block_alone_goes_with_it_and_lines_after_the_block_stay()
    {
        var script = Path.Combine(_folder, "pre-push");
        HuskyScript.Add(script, "pre-push");
        Assert.That(File.ReadAllText(script), Is.EqualTo("#!/usr/bin/env sh\n" + HuskyScript.Block("pre-push")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(script) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute), "husky 4-8 have git run it");
        }

        HuskyScript.Remove(script, "pre-push");
        Assert.That(File.Exists(script), Is.False);

        File.WriteAllText(script, "before\n");
        HuskyScript.Add(script, "pre-push");
        File.AppendAllText(script, "after\n");
        HuskyScript.Remove(script, "pre-push");
        Assert.That(File.ReadAllText(script), Is.EqualTo("before\nafter\n"));
    }
}
