using System.Text;
using DriftHooks.Core.Companion;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Tests.Git;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Fuzzing;

/// <summary>
/// Every reader of bytes a user, a clone or a database can hand DriftHooks, fed mutations of real inputs (the umami
/// schemas kept in tests/data, indexes and packs git writes in a temporary repository, backups the writer made):
/// each input is read or refused with the typed exception its callers turn into a clear message, in bounded time.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class UntrustedInputFuzzTests
{
    [Test]
    public void Schema_reader()
    {
        var seeds = Directory.GetFiles(TestData.SchemaPairs, "*.prisma").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        var baseline = new SchemaSource("schema.prisma", Encoding.UTF8.GetString(seeds[0]));
        FuzzRun.Check("schema", seeds, FuzzRun.Count(1500), Mutator.SchemaTokens, input =>
        {
            // As the commit rules read a staged schema: strict UTF-8, then the database model of both sides.
            if (!PrismaText.TryDecode(input, out var text, out _))
            {
                throw new ConfigurationException("not UTF-8");
            }

            DatabaseSchemaComparer.Compare([baseline], [new SchemaSource("schema.prisma", text)]);
        }, typeof(DriftHooksException));
    }

    /// <summary>A sample of mutated schemas through <c>prisma validate</c>: whatever Prisma rejects, DriftHooks must not read as a valid model.</summary>
    [Test]
    public async Task Schemas_prisma_validate_rejects_are_never_read_as_valid()
    {
        if (PrismaOracle.Unavailable() is { } why)
        {
            Assert.Ignore(why);
        }

        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        var seeds = Directory.GetFiles(TestData.SchemaPairs, "*.prisma").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        var mutator = new Mutator(FuzzRun.Seed, Mutator.SchemaTokens);
        var folder = Directory.CreateTempSubdirectory("drifthooks-fuzz-validate-").FullName;
        var judgedValid = new List<string>();
        var rejectedByPrisma = 0;
        const int Sample = 12;
        for (var i = 0; i < Sample; i++)
        {
            var input = mutator.Mutate(seeds[i % seeds.Count], seeds);
            var file = Path.Combine(folder, $"schema-{i}.prisma");
            await File.WriteAllBytesAsync(file, input);
            var prisma = await PrismaOracle.RunAsync(database.PrismaUrl, file, folder, "validate");
            if (prisma.ExitCode == 0)
            {
                continue;
            }

            rejectedByPrisma++;
            try
            {
                if (PrismaText.TryDecode(input, out var text, out _))
                {
                    DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(new SchemaSource(file, text)));
                    judgedValid.Add($"{file}: Prisma says {prisma.Output.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))?.Trim()}");
                }
            }
            catch (DriftHooksException)
            {
                // Refused, as Prisma refuses it.
            }
        }

        TestContext.Out.WriteLine($"prisma validate: {Sample} mutated schemas, {rejectedByPrisma} rejected by Prisma, {judgedValid.Count} of those read as valid by DriftHooks");
        Assert.That(judgedValid, Is.Empty);
        Directory.Delete(folder, true);
    }

    [Test]
    public void Prisma_config_reader()
    {
        string[] configs =
        [
            "import { defineConfig, env } from \"prisma/config\";\n\nexport default defineConfig({\n  schema: \"prisma/schema.prisma\",\n  migrations: {\n    path: \"prisma/migrations\",\n  },\n  datasource: {\n    url: env(\"DATABASE_URL\"),\n  },\n});\n",
            "// config\nexport default {\n  schema: 'apps/api/prisma/schema',\n  /* folder */ migrations: { path: `apps/api/prisma/migrations` },\n}\n",
            "import 'dotenv/config'\nimport { defineConfig } from 'prisma/config'\nexport default defineConfig({ schema: path.join('prisma', 'schema.prisma'), datasource: { url: env('PG_URL') } })\n",
        ];
        FuzzRun.Check("prisma.config.ts", [.. configs.Select(Encoding.UTF8.GetBytes)], FuzzRun.Count(1500), Mutator.ConfigTokens,
            input => PrismaConfigFile.Parse(Encoding.UTF8.GetString(input)));
    }

    [Test]
    public void Dotenv_reader()
    {
        string[] files =
        [
            "# local\nDATABASE_URL=\"postgresql://dev:dev@localhost:5432/app?schema=public\"\nexport SHADOW_DATABASE_URL='postgresql://dev@localhost/shadow'\nEMPTY=\n",
            "DRIFTHOOKS_PRODUCTION_URL=postgresql://ro:p%40ss@db.example.com:5432/app?sslmode=require # prod\r\nMULTI=\"a\\nb\"\r\n",
        ];
        FuzzRun.Check(".env", [.. files.Select(Encoding.UTF8.GetBytes)], FuzzRun.Count(1500), Mutator.ConfigTokens,
            input => DotEnvFile.Parse(Encoding.UTF8.GetString(input)));
    }

    [Test]
    public void Backup_reader()
    {
        var folder = Path.Combine(Path.GetTempPath(), "drifthooks-fuzz-backup-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            var started = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
            var written = HistoryBackupFile.Write(folder, new HistoryBackup(HistoryBackupFile.CurrentVersion, "local", "postgresql://dev@localhost:5432/app", "public", started, true,
            [
                new MigrationRecord("3f1c…-uuid", new string('a', 64), started.AddSeconds(1), "20240101000000_init", null, null, started, 1),
                new MigrationRecord("9b2e…-uuid", null, null, "20240102000000_failed", "ERROR: relation exists\n", null, started.AddMinutes(1), 0),
                new MigrationRecord("c0d4…-uuid", "abc", started.AddMinutes(2), "20240103000000_rolled", null, started.AddMinutes(3), started.AddMinutes(2), 1),
            ]));
            var seeds = new List<byte[]> { File.ReadAllBytes(written) };
            var path = Path.Combine(folder, "mutated.json");
            FuzzRun.Check("backup", seeds, FuzzRun.Count(1500), ["{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\"rows\"", "\\u0000", "\\ud800"], input =>
            {
                File.WriteAllBytes(path, input);
                HistoryBackupFile.Read(path);
            }, typeof(DriftHooksException));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void Git_index_reader()
    {
        using var repo = ProjectRepository();
        var seeds = new List<byte[]> { File.ReadAllBytes(repo.IndexPath) };
        repo.Git("add", "-N", "prisma/migrations/20240301000000_third/migration.sql"); // intent-to-add: a version 3 entry
        seeds.Add(File.ReadAllBytes(repo.IndexPath));
        repo.Git("update-index", "--index-version", "4");
        seeds.Add(File.ReadAllBytes(repo.IndexPath));
        repo.Git("update-index", "--split-index");
        seeds.Add(File.ReadAllBytes(repo.IndexPath));

        var path = Path.Combine(repo.Root, ".git", "index-fuzz");
        FuzzRun.Check("index", seeds, FuzzRun.Count(800), [], input =>
        {
            File.WriteAllBytes(path, input);
            GitIndexReader.ScanForProjects(path);
            GitIndexReader.ReadEntries(path, ["prisma/"]);
        }, typeof(DriftHooksException), typeof(IOException));
    }

    [Test]
    public void Object_and_pack_reader()
    {
        using var repo = ProjectRepository();
        repo.Git("gc", "-q");
        repo.WriteFile("prisma/migrations/20240401000000_loose/migration.sql", "SELECT 4;\n");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "loose");
        var objects = Path.Combine(repo.Root, ".git", "objects");
        var targets = Directory.GetFiles(objects, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".pack", StringComparison.Ordinal) || f.EndsWith(".idx", StringComparison.Ordinal) || Path.GetFileName(Path.GetDirectoryName(f)!).Length == 2)
            .Order(StringComparer.Ordinal).ToList();
        var originals = targets.ToDictionary(t => t, File.ReadAllBytes);
        var location = RepositoryLocation.Find(repo.Root);

        // Each seed names its file in its first byte, so that a mutation of it is written back to that file.
        var seeds = targets.Select((t, i) => (byte[])[(byte)i, .. originals[t]]).ToList();
        FuzzRun.Check("objects", seeds, FuzzRun.Count(600), [], input =>
        {
            if (input.Length == 0)
            {
                return;
            }

            var target = targets[input[0] % targets.Count];
            File.SetAttributes(target, FileAttributes.Normal);
            File.WriteAllBytes(target, input[1..]);
            try
            {
                using var store = ObjectStore.Open(location);
                var pending = new Stack<string>([store.CommitTree(GitHistory.HeadCommit(location))]);
                for (var read = 0; pending.Count > 0 && read < 200; read++)
                {
                    foreach (var node in store.ReadTree(pending.Pop()))
                    {
                        if (node.IsTree)
                        {
                            pending.Push(node.ObjectId);
                        }
                        else
                        {
                            store.ReadBlob(node.ObjectId);
                        }
                    }
                }
            }
            finally
            {
                File.WriteAllBytes(target, originals[target]);
            }
        }, typeof(ObjectStoreException), typeof(InvalidDataException), typeof(IOException), typeof(DriftHooksException));
    }

    private static TempGitRepository ProjectRepository()
    {
        var repo = new TempGitRepository();
        repo.WriteFile("prisma/schema.prisma", File.ReadAllText(Path.Combine(TestData.SchemaPairs, "umami-001.before.prisma")));
        repo.WriteFile("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        repo.WriteFile("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE \"A\" (\"id\" SERIAL);\n");
        repo.WriteFile("prisma/migrations/20240201000000_second/migration.sql", "ALTER TABLE \"A\" ADD \"x\" INT;\n");
        repo.WriteFile("src/index.ts", "export {};\n");
        repo.Git("add", "-A");
        repo.Git("commit", "-q", "-m", "base");
        repo.WriteFile("prisma/migrations/20240301000000_third/migration.sql", "ALTER TABLE \"A\" ADD \"y\" INT;\n");
        return repo;
    }
}
