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
        Assert.That(config.Schema, Is.EqualTo("prisma/schema.prisma"));
        Assert.That(config.DatasourceUrlVariable, Is.EqualTo("DIRECT_URL"));

        var computed = PrismaConfigFile.Parse("/* a\n  comment */\nexport default defineConfig({\n  schema: getSchemaPath(),\n})");
        Assert.That(computed.Schema, Is.Null);
        Assert.That(computed.Unfollowed, Does.StartWith("line 4: schema: ").And.Contain("getSchemaPath"));
    }

    private static readonly Dictionary<string, string> Env = new() { ["SCHEMA_DIR"] = "db" };

    // What people write in prisma.config.ts (Prisma's docs and real projects), and where it points, from the config's folder.
    [TestCase("\"prisma/schema.prisma\"", "prisma/schema.prisma")]
    [TestCase("'./prisma'", "prisma")]
    [TestCase("path.join(__dirname, \"prisma\")", "prisma")]
    [TestCase("path.join(__dirname, 'prisma', 'schema.prisma')", "prisma/schema.prisma")]
    [TestCase("path.resolve(__dirname, \"prisma\", \"schema\")", "prisma/schema")]
    [TestCase("path.resolve(\"prisma\")", "prisma")]
    [TestCase("join(import.meta.dirname, \"prisma\")", "prisma")]
    [TestCase("path.join(process.cwd(), \"prisma\", \"schema.prisma\")", "prisma/schema.prisma")]
    [TestCase("`${__dirname}/prisma/schema.prisma`", "prisma/schema.prisma")]
    [TestCase("`prisma/${\"models\"}`", "prisma/models")]
    [TestCase("process.env.PRISMA_SCHEMA ?? \"prisma/schema\"", "prisma/schema")]
    [TestCase("process.env.SCHEMA_DIR ?? \"prisma/schema\"", "db")]
    [TestCase("process.env[\"PRISMA_SCHEMA\"] ?? path.join(__dirname, \"prisma\")", "prisma")]
    [TestCase("__dirname + \"/prisma\"", "prisma")]
    [TestCase("path.join(__dirname, \"..\", \"db\", \"prisma\")", "../db/prisma")]
    [TestCase("schemaPath,\n})\nconst schemaPath = path.join(__dirname, 'prisma')", "prisma")]
    public void Prisma_config_schema_expressions_are_followed(string expression, string expected)
    {
        var config = PrismaConfigFile.Parse($"import path, {{ join }} from 'node:path'\nexport default defineConfig({{\n  schema: {expression},\n  migrations: {{ path: path.join(__dirname, 'db', 'migrations') }},\n}})", Env.GetValueOrDefault);
        Assert.That(config.Unfollowed, Is.Null);
        Assert.That(config.Schema, Is.EqualTo(expected));
        Assert.That(config.MigrationsPath, Is.EqualTo("db/migrations"));
    }

    [TestCase("getSchema()", "getSchema")]
    [TestCase("process.env.PRISMA_SCHEMA", "not set")]
    [TestCase("path.join(os.homedir(), 'x')", "os.homedir")]
    [TestCase("\"/etc/schema.prisma\"", "absolute")]
    [TestCase("cond ? 'a' : 'b'", "cond")]
    [TestCase("'a\\u0041'", "escape")]
    [TestCase("a,\n})\nconst a = a", "deeper")]
    public void Prisma_config_schema_expressions_not_followed_say_why_and_where(string expression, string why)
    {
        var config = PrismaConfigFile.Parse($"export default defineConfig({{\n  // the schema\n  schema: {expression},\n}})", _ => null);
        Assert.That(config.Schema, Is.Null);
        Assert.That(config.Unfollowed, Does.StartWith("line 3: schema: ").And.Contain(why));
    }

    [Test]
    public void A_config_that_cannot_be_followed_is_located_at_the_default_and_says_so()
    {
        var projects = PrismaProjectLocator.Locate(
            ["apps/web/prisma.config.ts", "apps/web/prisma/schema.prisma"],
            _ => "export default defineConfig({\n  schema: resolveSchema(),\n})",
            []);
        var project = projects.Single();
        Assert.That(project.SchemaPath, Is.EqualTo("apps/web/prisma/schema.prisma"));
        Assert.That(project.Assumed, Does.StartWith("apps/web/prisma.config.ts line 2: schema:"));
    }

    [Test]
    public void Hostile_config_expressions_stop_in_linear_time()
    {
        var nested = "schema: " + new string('(', 100_000) + "'a'" + new string(')', 100_000);
        var many = "schema: " + string.Join(" + ", Enumerable.Repeat("'a'", 100_000));
        var constants = "schema: a0,\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"const a{i} = a{i + 1} + a{i + 1}\n"));
        foreach (var text in new[] { nested, many, constants })
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var config = PrismaConfigFile.Parse(text, _ => null);
            Assert.That(config.Schema, Is.Null);
            Assert.That(config.Unfollowed, Does.Contain("longer or deeper"));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
        }
    }
}
