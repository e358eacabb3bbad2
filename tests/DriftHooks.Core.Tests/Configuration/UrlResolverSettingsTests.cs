using DriftHooks.Core.Configuration;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Tests.Git;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Configuration;

/// <summary>
/// Every URL lookup reads the settings the command loaded once (<see cref="DriftHooksOptions.Settings"/>): what a file
/// said when the command started is what every database of that command is resolved from, with where it came from.
/// </summary>
public class UrlResolverSettingsTests
{
    const string Production = "postgresql://reader:secret@production.example:5432/app";
    const string Shadow = "postgresql://dev:dev@localhost:5433/postgres";
    const string Local = "postgresql://dev:dev@localhost:5432/app";

    [Test]
    public void Each_lookup_uses_the_files_as_loaded_not_a_copy_read_again()
    {
        using var repo = new TempGitRepository();
        repo.WriteFile(OptionsLoader.LocalFile, $$"""{ "Production": { "Url": "{{Production}}" }, "Shadow": { "Url": "{{Shadow}}" } }""");
        repo.WriteFile(".env", $"DATABASE_URL=\"{Local}\"\n");
        var location = RepositoryLocation.Find(repo.Root);
        var options = OptionsLoader.Load(location.WorkTree, new Dictionary<string, string?>());

        // The first lookup of .env reads it; after that, the files on disk no longer matter to this command.
        Assert.That(LocalUrlResolver.Resolve(location, null, options.Settings)?.Source, Is.EqualTo("DATABASE_URL in .env"));
        File.Delete(Path.Combine(repo.Root, OptionsLoader.LocalFile));
        File.WriteAllText(Path.Combine(repo.Root, ".env"), "DATABASE_URL=\"postgresql://other:other@elsewhere:5432/app\"\n");

        var production = ProductionUrlResolver.Resolve(location, options.Settings);
        var shadow = ShadowUrlResolver.Resolve(location, null, options.Settings);
        var local = LocalUrlResolver.Resolve(location, null, options.Settings);
        Assert.Multiple(() =>
        {
            Assert.That(production, Is.EqualTo(new DatabaseUrlSource(Production, OptionsLoader.LocalFile, ProductionUrlResolver.WhereToSet)));
            Assert.That(shadow?.Url, Is.EqualTo(Shadow));
            Assert.That(shadow?.Source, Is.EqualTo($"configuration key Shadow:Url in {OptionsLoader.LocalFile}"));
            Assert.That(local?.Url, Is.EqualTo(Local));
        });

        // A command that loads its settings afresh sees the files as they are now.
        var now = OptionsLoader.Load(location.WorkTree, new Dictionary<string, string?>());
        Assert.That(ProductionUrlResolver.Resolve(location, now.Settings), Is.Null);
        Assert.That(LocalUrlResolver.Resolve(location, null, now.Settings)?.Url, Is.EqualTo("postgresql://other:other@elsewhere:5432/app"));
    }

    [Test]
    public void The_datasource_s_variable_is_read_from_the_schema_once_per_command()
    {
        using var repo = new TempGitRepository();
        repo.WriteFile("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"APP_DATABASE_URL\")\n}\n");
        repo.WriteFile("prisma/.env", $"APP_DATABASE_URL=\"{Local}\"\n");
        var location = RepositoryLocation.Find(repo.Root);
        var project = new PrismaProject("prisma/schema.prisma", false, "prisma/migrations");
        var settings = OptionsLoader.Load(location.WorkTree, new Dictionary<string, string?>()).Settings;

        Assert.That(LocalUrlSetting.For(location, project, settings).Variable, Is.EqualTo("APP_DATABASE_URL"));
        File.WriteAllText(Path.Combine(repo.Root, "prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"OTHER_URL\")\n}\n");

        // The shadow server falls back to the local URL: the same variable, from the same read of the schema.
        var shadow = ShadowUrlResolver.Resolve(location, project, settings);
        Assert.That(shadow, Is.EqualTo(new DatabaseUrlSource(Local, "APP_DATABASE_URL in prisma/.env", ShadowUrlResolver.WhereToSet(location, project, settings))));
        Assert.That(shadow!.WhereToSet, Does.Contain("APP_DATABASE_URL (the variable prisma/schema.prisma's datasource reads)"));
    }

    [Test]
    public void The_environment_the_settings_were_loaded_with_wins_and_is_named()
    {
        using var repo = new TempGitRepository();
        repo.WriteFile(OptionsLoader.LocalFile, $$"""{ "Production": { "Url": "{{Production}}" } }""");
        var location = RepositoryLocation.Find(repo.Root);
        var environment = new Dictionary<string, string?> { [ProductionUrlResolver.EnvironmentVariable] = "postgresql://ci:ci@replica.example:5432/app" };
        var settings = OptionsLoader.Load(location.WorkTree, environment).Settings;

        var production = ProductionUrlResolver.Resolve(location, settings);
        Assert.That(production?.Url, Is.EqualTo("postgresql://ci:ci@replica.example:5432/app"));
        Assert.That(production?.Source, Is.EqualTo($"environment variable {ProductionUrlResolver.EnvironmentVariable}"));
    }

    [Test]
    public void A_lower_case_double_underscore_variable_is_read_and_named_in_fixes_as_it_is_spelled()
    {
        using var repo = new TempGitRepository();
        var location = RepositoryLocation.Find(repo.Root);
        var environment = new Dictionary<string, string?> { ["drifthooks__production__url"] = Production };
        var settings = OptionsLoader.Load(location.WorkTree, environment).Settings;

        // Configuration binds DRIFTHOOKS__ names in any case; a shell does not, so a fix names the variable as it is set.
        var production = ProductionUrlResolver.Resolve(location, settings);
        Assert.That(production?.Source, Is.EqualTo("environment variable drifthooks__production__url"));
        Assert.That(production?.Variable, Is.EqualTo("drifthooks__production__url"));
        Assert.That(ProductionUrlResolver.ShellReference(production!), Is.EqualTo("\"$drifthooks__production__url\""));

        // From a file there is no variable to name: the fix holds a placeholder, never the URL.
        repo.WriteFile(OptionsLoader.LocalFile, $$"""{ "Production": { "Url": "{{Production}}" } }""");
        var fromFile = ProductionUrlResolver.Resolve(location, OptionsLoader.Load(location.WorkTree, new Dictionary<string, string?>()).Settings);
        Assert.That(ProductionUrlResolver.ShellReference(fromFile!), Is.EqualTo("'<production url>'"));
    }

    [Test]
    public void A_committed_file_loaded_once_is_still_held_to_the_trust_rule()
    {
        using var repo = new TempGitRepository();
        repo.WriteFile(OptionsLoader.CommittedFile, $$"""{ "Production": { "Url": "{{Production}}" } }""");
        repo.Git("add", OptionsLoader.CommittedFile);
        var location = RepositoryLocation.Find(repo.Root);
        var settings = OptionsLoader.Load(location.WorkTree, new Dictionary<string, string?>()).Settings;

        // Refused as a configuration problem (exit 2) that carries the file, so that doctor offers the trust without reading the message.
        var refused = Assert.Throws<UntrustedFileException>(() => ProductionUrlResolver.Resolve(location, settings));
        Assert.That(refused!.Message, Does.Contain($"comes from {OptionsLoader.CommittedFile}").And.Contain("drifthooks trust"));
        Assert.That(refused.File, Is.EqualTo(OptionsLoader.CommittedFile));
        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));

        TrustStore.Trust(location.StateDirectory, OptionsLoader.CommittedFile, File.ReadAllBytes(Path.Combine(repo.Root, OptionsLoader.CommittedFile)));
        Assert.That(ProductionUrlResolver.Resolve(location, settings)?.Source, Is.EqualTo(OptionsLoader.CommittedFile));
    }
}
