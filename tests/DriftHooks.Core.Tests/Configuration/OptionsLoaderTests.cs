using DriftHooks.Core.Configuration;
using DriftHooks.Core.Findings;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Configuration;

/// <summary>Where rule switches come from decides what they are: the committed file is policy, anything else a bypass.</summary>
public class OptionsLoaderTests
{
    private string _root = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_root = Path.Combine(Path.GetTempPath(), "drifthooks-options-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Nothing_configured_switches_nothing_off()
    {
        var options = OptionsLoader.Load(_root, new Dictionary<string, string?>());
        Assert.That(options.DisabledRules, Is.Empty);
        Assert.That(options.LocallyDisabledRules, Is.Empty);
    }

    [Test]
    public void A_rule_switched_off_in_the_committed_file_is_policy()
    {
        File.WriteAllText(Path.Combine(_root, OptionsLoader.CommittedFile), """{ "Rules": { "dh109": false, "DH101": true } }""");
        var options = OptionsLoader.Load(_root, new Dictionary<string, string?>());
        Assert.That(options.DisabledRules, Is.EquivalentTo(new[] { "DH109" }));
        Assert.That(options.LocallyDisabledRules, Is.Empty);
    }

    [Test]
    public void A_rule_switched_off_by_this_machine_alone_is_a_bypass_naming_its_source()
    {
        File.WriteAllText(Path.Combine(_root, OptionsLoader.CommittedFile), """{ "Rules": { "DH109": false } }""");
        File.WriteAllText(Path.Combine(_root, OptionsLoader.LocalFile), """{ "Rules": { "DH102": false } }""");
        var options = OptionsLoader.Load(_root, new Dictionary<string, string?> { ["DRIFTHOOKS__RULES__DH101"] = "false" });
        Assert.That(options.DisabledRules, Is.EquivalentTo(new[] { "DH109" }));
        Assert.That(options.LocallyDisabledRules, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["DH101"] = "the environment variable DRIFTHOOKS__RULES__DH101",
            ["DH102"] = OptionsLoader.LocalFile,
        }));
    }

    [Test]
    public void This_machine_may_switch_a_rule_back_on_but_not_write_a_switch_that_is_not_a_boolean()
    {
        File.WriteAllText(Path.Combine(_root, OptionsLoader.CommittedFile), """{ "Rules": { "DH109": false } }""");
        var options = OptionsLoader.Load(_root, new Dictionary<string, string?> { ["DRIFTHOOKS__RULES__DH109"] = "true" });
        Assert.That(options.DisabledRules, Is.Empty, "stricter than the policy is allowed");
        Assert.That(options.LocallyDisabledRules, Is.Empty);
        Assert.Throws<ConfigurationException>(() => OptionsLoader.Load(_root, new Dictionary<string, string?> { ["DRIFTHOOKS__RULES__DH101"] = "nope" }));
    }

    [Test]
    public void A_data_check_warning_may_be_raised_to_an_error_and_no_other_rule_takes_error()
    {
        File.WriteAllText(Path.Combine(_root, OptionsLoader.CommittedFile), """{ "Rules": { "dh511": "error", "DH109": false } }""");
        var options = OptionsLoader.Load(_root, new Dictionary<string, string?>());
        Assert.That(options.RaisedRules, Is.EquivalentTo(new[] { "DH511" }));
        Assert.That(options.DisabledRules, Is.EquivalentTo(new[] { "DH109" }));

        var error = Assert.Throws<ConfigurationException>(() => OptionsLoader.Load(_root, new Dictionary<string, string?> { ["DRIFTHOOKS__RULES__DH101"] = "error" }))!;
        Assert.That(error.Message, Does.Contain("Rules:DH101 is 'error'").And.Contain("DH510, DH511, DH512").And.Contain("DRIFTHOOKS__RULES__DH101"));
    }

    [Test]
    public void The_schema_check_is_automatic_by_default_and_a_switch_off_is_policy_only_in_the_committed_file()
    {
        Assert.That(OptionsLoader.Load(_root, new Dictionary<string, string?>()).Production.SchemaCheck, Is.EqualTo(SchemaCheckMode.Auto));
        Assert.That(OptionsLoader.Load(_root, new Dictionary<string, string?> { ["DRIFTHOOKS__PRODUCTION__SCHEMACHECK"] = "true" }).Production.SchemaCheck, Is.EqualTo(SchemaCheckMode.On));

        var local = OptionsLoader.Load(_root, new Dictionary<string, string?> { ["DRIFTHOOKS__PRODUCTION__SCHEMACHECK"] = "false" }).Production;
        Assert.That((local.SchemaCheck, local.SchemaCheckOffBy), Is.EqualTo((SchemaCheckMode.Off, "the environment variable DRIFTHOOKS__PRODUCTION__SCHEMACHECK")));

        File.WriteAllText(Path.Combine(_root, OptionsLoader.LocalFile), """{ "Production": { "SchemaCheck": false } }""");
        Assert.That(OptionsLoader.Load(_root, new Dictionary<string, string?>()).Production.SchemaCheckOffBy, Is.EqualTo(OptionsLoader.LocalFile));

        File.WriteAllText(Path.Combine(_root, OptionsLoader.CommittedFile), """{ "Production": { "SchemaCheck": false } }""");
        var policy = OptionsLoader.Load(_root, new Dictionary<string, string?>()).Production;
        Assert.That((policy.SchemaCheck, policy.SchemaCheckOffBy), Is.EqualTo((SchemaCheckMode.Off, (string?)null)));
        Assert.That(OptionsLoader.Load(_root, new Dictionary<string, string?> { ["DRIFTHOOKS__PRODUCTION__SCHEMACHECK"] = "true" }).Production.SchemaCheck, Is.EqualTo(SchemaCheckMode.On), "a machine may be stricter");
        Assert.Throws<ConfigurationException>(() => OptionsLoader.Load(_root, new Dictionary<string, string?> { ["DRIFTHOOKS__PRODUCTION__SCHEMACHECK"] = "sometimes" }));
    }

    [Test]
    public void A_value_that_cannot_be_used_is_named_with_the_place_that_sets_it()
    {
        File.WriteAllText(Path.Combine(_root, OptionsLoader.CommittedFile), """{ "Production": { "SchemaCheck": "yes" } }""");
        var fromFile = Assert.Throws<ConfigurationException>(() => OptionsLoader.Load(_root, new Dictionary<string, string?>()));
        Assert.That(fromFile!.Message, Does.Contain("Production:SchemaCheck is 'yes'").And.Contain("It is set by Production:SchemaCheck in drifthooks.json."));

        var fromVariable = Assert.Throws<ConfigurationException>(() => OptionsLoader.Load(_root, new Dictionary<string, string?> { ["DRIFTHOOKS__PRODUCTION__CONNECTTIMEOUTSECONDS"] = "soon" }));
        Assert.That(fromVariable!.Message, Does.Contain("It is set by the environment variable DRIFTHOOKS__PRODUCTION__CONNECTTIMEOUTSECONDS."));
    }

    [Test]
    public void Settings_are_read_once_with_their_origin_and_defaults_apply_where_nothing_sets_them()
    {
        File.WriteAllText(Path.Combine(_root, OptionsLoader.LocalFile), """{ "Backups": { "Folder": "local-backups" } }""");
        var options = OptionsLoader.Load(_root, new Dictionary<string, string?>());
        File.Delete(Path.Combine(_root, OptionsLoader.LocalFile));
        Assert.That(options.BackupsFolder, Is.EqualTo("local-backups"), "read when loaded, not again");
        Assert.That(options.Settings.Read("Backups", "Folder")!.Source, Is.EqualTo("configuration key Backups:Folder in .drifthooks.local.json"));
        Assert.That(OptionsLoader.Load(_root, new Dictionary<string, string?>()).BackupsFolder, Is.EqualTo(SettingDefaults.BackupsFolder));
        Assert.That(OptionsLoader.Load(_root, new Dictionary<string, string?> { ["DRIFTHOOKS__BACKUPS__FOLDER"] = "env-backups" }).BackupsFolder, Is.EqualTo("env-backups"));
    }

    [TestCase("StatementTimeoutSeconds", "\"Infinity\"")]
    [TestCase("StatementTimeoutSeconds", "1e300")]
    [TestCase("StatementTimeoutSeconds", "1e400")]
    [TestCase("StatementTimeoutSeconds", "\"NaN\"")]
    [TestCase("StatementTimeoutSeconds", "0")]
    [TestCase("StatementTimeoutSeconds", "-5")]
    [TestCase("StatementTimeoutSeconds", "1e-300")]
    [TestCase("StatementTimeoutSeconds", "86401")]
    [TestCase("ConnectTimeoutSeconds", "1e9")]
    [TestCase("ConnectTimeoutSeconds", "1025")]
    [TestCase("ConnectTimeoutSeconds", "\"-Infinity\"")]
    public void A_timeout_that_is_not_a_finite_number_of_seconds_in_range_is_refused_once_with_its_origin(string key, string json)
    {
        File.WriteAllText(Path.Combine(_root, OptionsLoader.CommittedFile), $"{{ \"Production\": {{ \"{key}\": {json} }} }}");
        var error = Assert.Throws<ConfigurationException>(() => OptionsLoader.Load(_root, new Dictionary<string, string?>()))!;
        Assert.That(error.Message, Does.Contain($"Production:{key} is '").And.Contain("give a number of seconds from 0.001 to").And.Contain($"It is set by Production:{key} in drifthooks.json."));
        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
    }

    [TestCase("StatementTimeoutSeconds", "86400", 86400)]
    [TestCase("StatementTimeoutSeconds", "\"0.5\"", 0.5)]
    [TestCase("ConnectTimeoutSeconds", "1024", 1024)]
    public void A_timeout_in_range_is_taken(string key, string json, double seconds)
    {
        File.WriteAllText(Path.Combine(_root, OptionsLoader.CommittedFile), $"{{ \"Production\": {{ \"{key}\": {json} }} }}");
        var production = OptionsLoader.Load(_root, new Dictionary<string, string?>()).Production;
        Assert.That(key == "ConnectTimeoutSeconds" ? production.ConnectTimeout : production.StatementTimeout, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }
}
