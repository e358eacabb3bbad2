using System.Text;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// Real projects DriftHooks had never seen (issue 24), as minimal equivalents, through the native pre-commit hook: the
/// forms of Prisma schema they write, the files they keep beside migration.sql, and their databases other than PostgreSQL.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class ProjectFormsTests
{
    private const string Init = "prisma/migrations/20240101000000_init";

    // As the replayed project writes it: a single field without brackets, positional or as `fields:`.
    private const string Membership = "model Membership {\n  id    Int @id\n  orgId Int\n  role  Int\n  @@index(orgId)\n  @@unique(fields: role)\n}\n";

    private static TestRepository Committed(string schema, string provider = "postgresql", string initSql = "CREATE TABLE \"Membership\" (\"id\" INTEGER NOT NULL, \"orgId\" INTEGER NOT NULL, \"role\" INTEGER NOT NULL, CONSTRAINT \"Membership_pkey\" PRIMARY KEY (\"id\"));\nCREATE INDEX \"Membership_orgId_idx\" ON \"Membership\"(\"orgId\");\nCREATE UNIQUE INDEX \"Membership_role_key\" ON \"Membership\"(\"role\");\n")
    {
        var repo = new TestRepository();
        repo.Write("prisma/schema.prisma", schema);
        repo.Write("prisma/migrations/migration_lock.toml", $"provider = \"{provider}\"\n");
        repo.Write(Init + "/migration.sql", initSql);
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        return repo;
    }

    [Test]
    public void A_single_field_without_brackets_reads_as_its_list_and_a_change_without_migration_is_still_refused()
    {
        using var repo = Committed(TestRepository.Datasource + Membership);

        // A change Prisma's differ sees as none: the brackets written out.
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + Membership.Replace("@@index(orgId)", "@@index([orgId])", StringComparison.Ordinal));
        repo.MustGit("add", "-A");
        var same = repo.Commit("-q");
        Assert.That(same.ExitCode, Is.Zero, same.ToString());
        Assert.That(same.All, Does.Not.Contain("DH100"));

        // A real change is refused for what it is (DH101), not as unreadable.
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + Membership.Replace("@@index(orgId)", "@@index(orgId)\n  @@index(fields: role)", StringComparison.Ordinal));
        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH101").And.Contain("Membership_role_idx").And.Not.Contain("DH100"));

        // With its migration, as Prisma writes it, the commit passes.
        repo.Write("prisma/migrations/20240102000000_role_idx/migration.sql", "-- CreateIndex\nCREATE INDEX \"Membership_role_idx\" ON \"Membership\"(\"role\");\n");
        repo.MustGit("add", "-A");
        var passed = repo.Commit("-q");
        Assert.That(passed.ExitCode, Is.Zero, passed.ToString());
    }

    [Test]
    public void Files_beside_a_committed_migration_sql_can_be_edited_added_and_deleted_but_migration_sql_cannot()
    {
        using var repo = Committed(TestRepository.Datasource + Membership);
        repo.Write(Init + "/data-migration.ts", "// backfill\n");
        repo.CommitAllWithoutHooks("script");

        repo.Write(Init + "/data-migration.ts", "// backfill, fixed\n");
        repo.Write(Init + "/README.md", "how to run it\n");
        repo.MustGit("add", "-A");
        var edited = repo.Commit("-q");
        Assert.That(edited.ExitCode, Is.Zero, edited.ToString());
        Assert.That(edited.All, Does.Not.Contain("DH102"));

        repo.Delete(Init + "/data-migration.ts");
        repo.MustGit("add", "-A");
        var deleted = repo.Commit("-q");
        Assert.That(deleted.ExitCode, Is.Zero, deleted.ToString());

        repo.Write(Init + "/migration.sql", repo.Read(Init + "/migration.sql") + "-- tweak\n");
        repo.MustGit("add", "-A");
        var script = repo.Commit();
        Assert.That(script.ExitCode, Is.EqualTo(1), script.ToString());
        Assert.That(script.Error, Does.Contain("DH102").And.Contain("migration.sql"));
    }

    // A project split schema.prisma into a schema folder (package.json's prisma.schema names the folder) on the same
    // migrations: the project remembered at install is that one, moved, and its old file is no project of its own.
    [Test]
    public void A_schema_split_into_a_folder_is_the_same_project_and_the_memory_follows_it()
    {
        const string User = "model User {\n  id    Int    @id\n  email String\n}\n";
        using var repo = new TestRepository();
        repo.Write("package.json", "{ \"name\": \"app\" }\n");
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + User);
        repo.Write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        repo.Write(Init + "/migration.sql", "CREATE TABLE \"User\" (\"id\" INTEGER NOT NULL, \"email\" TEXT NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n");
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        var memory = Path.Combine(repo.GitDir, "drifthooks", "projects");
        Assert.That(File.ReadAllText(memory), Does.Contain("prisma/schema.prisma\tfile\tprisma/migrations"));

        repo.Write("package.json", "{ \"name\": \"app\", \"prisma\": { \"schema\": \"prisma\" } }\n");
        repo.Write("prisma/schema.prisma", TestRepository.Datasource);
        repo.Write("prisma/models/user.prisma", User);
        repo.MustGit("add", "-A");
        var split = repo.Commit();
        Assert.That(split.ExitCode, Is.Zero, split.ToString());
        Assert.That(split.All, Does.Not.Contain("DH101").And.Not.Contain("shadow server;"));
        Assert.That(File.ReadAllText(memory).Trim(), Is.EqualTo("prisma\tfolder\tprisma/migrations"));

        // The moved project is checked where it now is.
        repo.Write("prisma/models/user.prisma", User.Replace("}\n", "  name  String?\n}\n", StringComparison.Ordinal));
        repo.MustGit("add", "-A");
        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH101").And.Contain("prisma/models/user.prisma"));
    }

    // Prisma 7's prisma.config.ts as Prisma's docs write it: the schema folder through path.join(__dirname, …).
    [TestCase("path.join(__dirname, \"prisma\")", null)]
    [TestCase("path.join(import.meta.dirname, 'prisma')", null)]
    [TestCase("process.env.PRISMA_SCHEMA ?? `${__dirname}/prisma`", null)]
    [TestCase("schemaFolder()", "prisma.config.ts line 4: schema:")]
    public void A_prisma_config_schema_expression_is_followed_or_said_to_be_unfollowed(string expression, string? warning)
    {
        using var repo = new TestRepository();
        repo.Write("prisma.config.ts", $"import path from \"node:path\";\nimport {{ defineConfig, env }} from \"prisma/config\";\nexport default defineConfig({{\n  schema: {expression},\n  migrations: {{ path: path.join(__dirname, \"prisma\", \"migrations\") }},\n  datasource: {{ url: env(\"DATABASE_URL\") }},\n}});\n");
        repo.Write("prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n");
        repo.Write("prisma/models/billing.prisma", "model Invoice {\n  id Int @id\n}\n");
        repo.Write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        repo.Write(Init + "/migration.sql", "CREATE TABLE \"Invoice\" (\"id\" INTEGER NOT NULL, CONSTRAINT \"Invoice_pkey\" PRIMARY KEY (\"id\"));\n");
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);

        repo.Write("prisma/models/billing.prisma", "model Invoice {\n  id     Int @id\n  amount Int\n}\n");
        repo.MustGit("add", "-A");
        var result = repo.Commit();
        if (warning is null)
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Error, Does.Contain("DH101").And.Contain("amount"));
        }
        else
        {
            // Not followed: one warning naming the file and line, never a silent guess.
            Assert.That(result.All.Split(warning).Length - 1, Is.EqualTo(1), result.ToString());
            Assert.That(result.All, Does.Contain("schemaFolder").And.Contain("drifthooks.json"));
        }
    }

    private static string Datasource(string provider) => $"datasource db {{\n  provider = \"{provider}\"\n  url      = env(\"DATABASE_URL\")\n}}\n\n";

    [Test]
    public void A_MongoDB_project_without_migrations_commits_schema_edits_with_one_note()
    {
        const string Models = "type Address {\n  street String\n}\n\nmodel User {\n  id      String  @id @default(auto()) @map(\"_id\") @db.ObjectId\n  address Address?\n}\n";
        using var repo = new TestRepository();
        repo.Write("prisma/schema.prisma", Datasource("mongodb") + Models);
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);

        repo.Write("prisma/schema.prisma", Datasource("mongodb") + Models.Replace("  street String\n", "  street String\n  city   String\n", StringComparison.Ordinal));
        repo.MustGit("add", "-A");
        var passed = repo.Commit();
        Assert.That(passed.ExitCode, Is.Zero, passed.ToString());
        Assert.That(passed.All.Split("DH100").Length - 1, Is.EqualTo(1), passed.ToString());
        Assert.That(passed.All, Does.Contain("\"mongodb\""));
    }

    [TestCase("mysql")]
    [TestCase("sqlite")]
    [TestCase("sqlserver")]
    [TestCase("cockroachdb")]
    public void A_project_on_another_database_commits_with_one_note_and_its_migrations_stay_protected(string provider)
    {
        const string Models = "model User {\n  id    Int    @id @default(autoincrement())\n  email String @unique @db.VarChar(191)\n}\n";
        using var repo = Committed(Datasource(provider) + Models, provider, "CREATE TABLE `User` (`id` INTEGER NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`));\n");

        // A schema edit without its migration: DriftHooks cannot model it, says so once, and lets it through.
        repo.Write("prisma/schema.prisma", Datasource(provider) + Models.Replace("}\n", "  name  String?\n}\n", StringComparison.Ordinal));
        repo.MustGit("add", "-A");
        var passed = repo.Commit();
        Assert.That(passed.ExitCode, Is.Zero, passed.ToString());
        Assert.That(passed.All.Split("DH100").Length - 1, Is.EqualTo(1), passed.ToString());
        Assert.That(passed.All, Does.Contain($"\"{provider}\"").And.Contain("PostgreSQL").And.Contain("not checked"));

        // The rules that do not depend on the database still hold.
        repo.Write(Init + "/migration.sql", repo.Read(Init + "/migration.sql") + "-- tweak\n");
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().Error, Does.Contain("DH102"));
        repo.MustGit("reset", "-q", "--hard");

        repo.Delete(Init);
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().Error, Does.Contain("DH103"));
        repo.MustGit("reset", "-q", "--hard");

        repo.MustGit("mv", Init, "prisma/migrations/20240101000000_initial");
        Assert.That(repo.Commit().Error, Does.Contain("DH104"));
        repo.MustGit("reset", "-q", "--hard");

        repo.Write("prisma/migrations/20240103000000_x/migration.sql", "<<<<<<< HEAD\nALTER TABLE `User` ADD COLUMN `a` INTEGER;\n=======\n>>>>>>> other\n");
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().Error, Does.Contain("DH112"));
        repo.MustGit("reset", "-q", "--hard");
        repo.MustGit("clean", "-qfd");

        repo.WriteBytes("prisma/migrations/20240103000000_x/migration.sql", Encoding.Unicode.GetBytes("\uFEFFALTER TABLE `User` ADD COLUMN `a` INTEGER;\n"));
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().Error, Does.Contain("DH111"));
        repo.MustGit("reset", "-q", "--hard");
        repo.MustGit("clean", "-qfd");

        // Its URLs are not PostgreSQL's: check and pre-push pass saying what they did not compare; status says why it cannot run.
        repo.Environment["DATABASE_URL"] = "mysql://app:secret@localhost:3306/app";
        repo.Environment["DRIFTHOOKS_PRODUCTION_URL"] = "mysql://reader:secret@db.example.com:3306/app";
        var check = repo.Drifthooks("check", "--base", "HEAD~1");
        Assert.That(check.ExitCode, Is.Zero, check.ToString());
        Assert.That(check.Output, Does.Contain($"database is \"{provider}\" and DriftHooks reads PostgreSQL databases only").And.Not.Contain("shadow server;"));

        var remote = Path.Combine(repo.Root, ".git", "remote.git");
        repo.MustGit("init", "-q", "--bare", remote);
        repo.MustGit("remote", "add", "origin", remote);
        var push = repo.Git("push", "-q", "origin", "HEAD:main");
        Assert.That(push.ExitCode, Is.Zero, push.ToString());
        Assert.That(push.Error, Does.Contain("was not compared with production").And.Not.Contain("secret"));

        var status = repo.Drifthooks("status");
        Assert.That(status.ExitCode, Is.EqualTo(2), status.ToString());
        Assert.That(status.Error, Does.Contain($"\"{provider}\"").And.Contain("reads PostgreSQL databases only").And.Not.Contain("secret"));
        repo.Environment.Clear();

        // A migration staged without the schema edit it was made from.
        repo.Write("prisma/schema.prisma", Datasource(provider) + Models.Replace("}\n", "  name  String?\n  age   Int?\n}\n", StringComparison.Ordinal));
        repo.Write("prisma/migrations/20240103000000_age/migration.sql", "ALTER TABLE `User` ADD COLUMN `age` INTEGER;\n");
        repo.MustGit("add", "prisma/migrations");
        Assert.That(repo.Commit().Error, Does.Contain("DH110"));
    }
}
