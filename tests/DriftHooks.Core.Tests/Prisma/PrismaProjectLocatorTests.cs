using DriftHooks.Core.Prisma;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma;

public class PrismaProjectLocatorTests
{
    private static IReadOnlyList<PrismaProject> Locate(string[] paths, Dictionary<string, string>? files = null, ProjectLocation[]? configured = null) =>
        PrismaProjectLocator.Locate(paths, p => files?.GetValueOrDefault(p), configured ?? []);

    [Test]
    public void Standard_layouts_are_found_with_migrations_beside_the_schema()
    {
        Assert.That(Locate(["prisma/schema.prisma", "prisma/migrations/migration_lock.toml"]), Is.EqualTo(new[] { new PrismaProject("prisma/schema.prisma", false, "prisma/migrations") }));
        Assert.That(Locate(["schema.prisma"]), Is.EqualTo(new[] { new PrismaProject("schema.prisma", false, "migrations") }));
        Assert.That(Locate(["prisma/schema/a.prisma", "prisma/schema/b.prisma"]), Is.EqualTo(new[] { new PrismaProject("prisma/schema", true, "prisma/migrations") }));
    }

    [Test]
    public void Monorepo_packages_each_give_a_project_and_stray_prisma_files_do_not()
    {
        var projects = Locate(["apps/api/prisma/schema.prisma", "apps/web/prisma/schema.prisma", "tests/fixtures/broken.prisma", "node_modules/x/prisma/schema.prisma"]);
        Assert.That(projects.Select(p => p.SchemaPath), Is.EqualTo(new[] { "apps/api/prisma/schema.prisma", "apps/web/prisma/schema.prisma" }));
    }

    [Test]
    public void Package_json_and_prisma_config_ts_name_the_schema()
    {
        var files = new Dictionary<string, string>
        {
            ["package.json"] = "{\"prisma\": {\"schema\": \"./db/main.prisma\"}}",
            ["svc/prisma.config.ts"] = "export default defineConfig({ schema: \"models\", migrations: { path: \"models/history\" } })",
        };
        var projects = Locate(["package.json", "db/main.prisma", "svc/prisma.config.ts", "svc/models/a.prisma"], files);
        Assert.That(projects, Is.EquivalentTo(new[]
        {
            new PrismaProject("db/main.prisma", false, "db/migrations"),
            new PrismaProject("svc/models", true, "svc/models/history"),
        }));
    }

    [Test]
    public void Configured_projects_replace_discovery_and_may_not_leave_the_repository()
    {
        Assert.That(Locate(["prisma/schema.prisma"], configured: [new ProjectLocation("db/schema.prisma", null)]), Is.EqualTo(new[] { new PrismaProject("db/schema.prisma", false, "db/migrations") }));
        Assert.Throws<DriftHooks.Core.Findings.ConfigurationException>(() => Locate([], configured: [new ProjectLocation("../elsewhere/schema.prisma", null)]));
    }

    [Test]
    public void Candidates_are_chosen_on_raw_bytes()
    {
        Assert.That(PrismaProjectLocator.IsCandidate("a/b/schema.prisma"u8), Is.True);
        Assert.That(PrismaProjectLocator.IsCandidate("package.json"u8), Is.True);
        Assert.That(PrismaProjectLocator.IsCandidate("x/prisma.config.ts"u8), Is.True);
        Assert.That(PrismaProjectLocator.IsCandidate("x/my-package.json"u8), Is.False);
        Assert.That(PrismaProjectLocator.IsCandidate("src/index.ts"u8), Is.False);
    }

    [Test]
    public void Prisma_config_values_that_are_computed_are_not_guessed()
    {
        var config = PrismaConfigFile.Parse("import path from 'node:path'\n// schema: 'commented.prisma'\nexport default defineConfig({\n  schema: path.join('prisma', 'schema.prisma'),\n  datasource: { url: env(\"DIRECT_URL\") },\n})");
        Assert.That(config.Schema, Is.Null);
        Assert.That(config.DatasourceUrlVariable, Is.EqualTo("DIRECT_URL"));
    }
}
