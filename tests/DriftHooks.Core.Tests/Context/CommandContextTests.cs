using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Rendering;
using DriftHooks.Core.Tests.Git;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Context;

/// <summary>
/// One context per command: production's URL, the project, the shadow server and the output's style are each worked
/// out once, on first use, and every later question gets that same answer (the files on disk no longer matter to it).
/// </summary>
public class CommandContextTests
{
    const string Production = "postgresql://reader:secret@production.example:5432/app";
    const string Shadow = "postgresql://dev:dev@localhost:5433/postgres";

    [Test]
    public void Production_project_and_shadow_are_worked_out_once_and_handed_on()
    {
        using var repo = new TempGitRepository();
        repo.WriteFile("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n");
        repo.Git("add", "prisma/schema.prisma");
        repo.WriteFile(OptionsLoader.LocalFile, $$"""{ "Production": { "Url": "{{Production}}", "ConnectTimeoutSeconds": 7 }, "Shadow": { "Url": "{{Shadow}}" } }""");
        var location = RepositoryLocation.Find(repo.Root);
        var environment = new Dictionary<string, string?>();
        var styles = 0;
        var context = new CommandContext(environment, location, OptionsLoader.Load(location.WorkTree, environment), _ =>
        {
            styles++;
            return TerminalStyle.Plain;
        });

        var production = context.Production;
        var project = context.Project;
        var shadow = context.ShadowFor(project);
        Assert.That(styles, Is.Zero, "the style is not decided before something is printed");
        Assert.Multiple(() =>
        {
            Assert.That(production?.Url.Redacted, Does.Not.Contain("secret"));
            Assert.That(production?.Source.Source, Is.EqualTo(OptionsLoader.LocalFile));
            Assert.That(production?.Connection.ConnectTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)), "the connection's bounds come from the settings, once");
            Assert.That(project?.SchemaPath, Is.EqualTo("prisma/schema.prisma"));
            Assert.That(shadow?.Url, Is.EqualTo(Shadow));
        });

        // Asked again, the same values: nothing is parsed, located or resolved a second time.
        File.Delete(Path.Combine(repo.Root, OptionsLoader.LocalFile));
        repo.Git("rm", "-q", "--cached", "prisma/schema.prisma");
        Assert.Multiple(() =>
        {
            Assert.That(context.Production, Is.SameAs(production));
            Assert.That(context.Production!.Url, Is.SameAs(production!.Url));
            Assert.That(context.Project, Is.SameAs(project));
            Assert.That(context.ShadowFor(project), Is.SameAs(shadow));
            Assert.That(context.Style, Is.SameAs(context.Style));
        });
        Assert.That(styles, Is.EqualTo(1));
    }

    [Test]
    public void An_untrusted_shadow_host_is_refused_each_time_it_is_asked_for()
    {
        using var repo = new TempGitRepository();
        repo.WriteFile(OptionsLoader.CommittedFile, """{ "Shadow": { "Url": "postgresql://dev:dev@db.attacker.example:5432/postgres" } }""");
        repo.Git("add", OptionsLoader.CommittedFile);
        var location = RepositoryLocation.Find(repo.Root);
        var environment = new Dictionary<string, string?>();
        var context = new CommandContext(environment, location, OptionsLoader.Load(location.WorkTree, environment), _ => TerminalStyle.Plain);

        var first = Assert.Throws<UntrustedFileException>(() => context.ShadowFor(null));
        var second = Assert.Throws<UntrustedFileException>(() => context.ShadowFor(null));
        Assert.That(first!.Message, Does.Contain("drifthooks trust"));
        Assert.That(second, Is.SameAs(first), "decided once, not resolved again");
    }

    [Test]
    public void Outside_a_repository_the_repository_is_asked_for_with_a_clear_refusal()
    {
        var context = new CommandContext(new Dictionary<string, string?>(), null, new DriftHooksOptions(), _ => TerminalStyle.Plain);
        Assert.That(context.Project, Is.Null);
        Assert.That(() => context.Repository, Throws.TypeOf<ResourceUnavailableException>().With.Message.Contains("Not inside a git repository"));
    }
}
