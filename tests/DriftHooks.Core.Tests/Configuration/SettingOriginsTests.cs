using DriftHooks.Core.Configuration;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Configuration;

/// <summary>What the diagnostic log says of each setting: the source that wins, or "default"; never a value.</summary>
public class SettingOriginsTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "drifthooks-origins-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, true);

    [Test]
    public void Each_key_is_named_by_the_source_that_wins_and_the_rest_are_defaults()
    {
        File.WriteAllText(Path.Combine(folder, OptionsLoader.CommittedFile), "{ \"Rules\": { \"DH109\": false }, \"Production\": { \"OnUnreachable\": \"block\", \"Branches\": [\"main\", \"release/*\"] } }");
        File.WriteAllText(Path.Combine(folder, OptionsLoader.LocalFile), "{ \"Production\": { \"OnUnreachable\": \"warn\", \"Url\": \"postgresql://ana:s3cret@db/app\" } }");
        var environment = new Dictionary<string, string?> { ["DRIFTHOOKS__RULES__DH109"] = "true", ["PATH"] = "/bin" };

        var origins = SettingFiles.Load(folder, environment).Origins().ToDictionary(o => o.Key, o => o.Origin);

        Assert.That(origins["Rules:DH109"], Is.EqualTo("the environment variable DRIFTHOOKS__RULES__DH109"));
        Assert.That(origins["Production:OnUnreachable"], Is.EqualTo(OptionsLoader.LocalFile));
        Assert.That(origins["Production:Url"], Is.EqualTo(OptionsLoader.LocalFile));
        Assert.That(origins["Production:Branches"], Is.EqualTo(OptionsLoader.CommittedFile), "an array is one key");
        Assert.That(origins["Backups:Folder"], Is.EqualTo("default"));
        Assert.That(origins.Keys, Does.Not.Contain("Rules"), "Rules has an entry, so it is not at its default");
        Assert.That(origins.Keys, Does.Not.Contain("PATH"));
        Assert.That(string.Join("\n", origins.Select(o => o.Key + o.Value)), Does.Not.Contain("s3cret").And.Not.Contain("warn"));
    }

    [Test]
    public void Nothing_configured_lists_every_known_key_as_default()
    {
        var origins = SettingFiles.Load(folder, new Dictionary<string, string?>()).Origins();
        Assert.That(origins.Select(o => o.Key), Is.EqualTo(SettingDefaults.Keys));
        Assert.That(origins.Select(o => o.Origin), Is.All.EqualTo("default"));
    }
}
