using DriftHooks.Core.Database;
using DriftHooks.Core.Drift;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Drift;

/// <summary>
/// The exact check on a real server: a project's migrations replayed into a shadow template, its catalog read back
/// and compared with the schema's model. Real histories give their schema; a DO block's DDL, which the offline
/// check cannot follow, is judged by what it really did; a migration set seen before replays nothing.
/// </summary>
[NonParallelizable]
public sealed class ExactMigrationsCheckTests
{
    static readonly PrismaProject Project = new("prisma/schema.prisma", false, "prisma/migrations");

    PostgresServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await PostgresServer.SharedAsync();

    async Task<ExactCheckResult> CheckAsync(string schema, IReadOnlyList<(string Name, string Script)> migrations)
    {
        await using var admin = await WritableDatabase.OpenAsync(DatabaseUrl.Parse(_server.PrismaUrl("postgres")), await PrismaMigrator.FixtureGuardAsync());
        return await ExactMigrationsCheck.RunAsync(admin, Project, Model(schema), migrations, "the test commit", ", then commit");
    }

    static DatabaseModel Model(string schema) =>
        DatabaseModelBuilder.Build(PrismaSchemaParser.Parse([new SchemaSource("schema.prisma", schema)]));

    static List<(string Name, string Script)> Load(string folder) =>
        [.. Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Select(d => (Path.GetFileName(d), File.ReadAllText(Path.Combine(d, "migration.sql"))))];

    static string Unique() => "T" + Guid.NewGuid().ToString("N")[..8];

    static string Schema(string table, string extra = "") => $$"""
        datasource db {
          provider = "postgresql"
          url      = env("DATABASE_URL")
        }

        model {{table}} {
          id    Int    @id @default(autoincrement())
          name  String @default("x")
          email String @unique @db.VarChar(200)
        {{extra}}}
        """;

    static string Create(string table) => $"""
        CREATE TABLE "{table}" ("id" SERIAL NOT NULL, "name" TEXT NOT NULL DEFAULT 'x', "email" VARCHAR(200) NOT NULL, CONSTRAINT "{table}_pkey" PRIMARY KEY ("id"));
        CREATE UNIQUE INDEX "{table}_email_key" ON "{table}"("email");
        """;

    [Test]
    public async Task Umami_s_history_misses_one_index_its_schema_declares_and_a_second_check_replays_nothing()
    {
        // umami's schema declares @@index([visitId]) on session_replay, which none of its 19 migrations creates
        // (Prisma's differ agrees: PrismaOracleAgreement below). Everything else matches.
        var umami = TestData.Umami;
        var migrations = Load(Path.Combine(umami, "migrations"));
        var schema = File.ReadAllText(Path.Combine(umami, "schema.prisma"));

        var first = await CheckAsync(schema, migrations);
        var finding = first.Findings.Single();
        Assert.That((finding.Code, finding.Severity), Is.EqualTo((RuleCodes.MigrationsMissSchema, Severity.Error)), finding.Message);
        Assert.That(finding.Message, Does.Contain("(model session_replay: index session_replay_visit_id_idx missing from the migrations)"));
        Assert.That(first.Concluded);

        var fixedSchema = schema.Replace("  @@index([sessionId])\n  @@index([visitId])\n  @@index([websiteId, sessionId])", "  @@index([sessionId])\n  @@index([websiteId, sessionId])", StringComparison.Ordinal);
        Assert.That(fixedSchema, Is.Not.EqualTo(schema));
        var again = await CheckAsync(fixedSchema, migrations);
        Assert.That(again.Findings.Select(f => f.Severity), Is.EqualTo(new[] { Severity.Note }), again.Findings[0].Message);
        Assert.That(again.Findings[0].Message, Does.StartWith("Exact check passed: the 19 migrations of the test commit").And.Contain("nothing replayed"));
        Assert.That((again.Concluded, again.Replayed, again.Reused, again.Template), Is.EqualTo((true, 0, migrations.Count, first.Template)));
    }

    [Test]
    public async Task Documenso_s_163_migrations_give_its_final_schema()
    {
        var root = Path.Combine(SharedFolder.Corpus, "documenso");
        var result = await CheckAsync(File.ReadAllText(Path.Combine(root, "schema.prisma")), Load(Path.Combine(root, "migrations")));
        Assert.That(result.Findings.Select(f => f.Severity), Is.EqualTo(new[] { Severity.Note }), string.Join('\n', result.Findings.Select(f => f.Message)));
        Assert.That(result.Concluded);
    }

    [Test]
    public async Task A_DO_block_that_adds_the_column_passes_and_one_that_does_not_is_refused_naming_the_column()
    {
        var table = Unique();
        var schema = Schema(table, "  age Int?\n");
        var before = await CheckAsync(Schema(table), [("20240101000000_init", Create(table))]);
        Assert.That(before.Findings.Select(f => f.Severity), Is.EqualTo(new[] { Severity.Note }), before.Findings[0].Message);

        var addsIt = $"DO $$ BEGIN EXECUTE 'ALTER TABLE \"{table}\" ADD COLUMN \"age\" INTEGER'; END $$;";
        var passed = await CheckAsync(schema, [("20240101000000_init", Create(table)), ("20240102000000_age", addsIt)]);
        Assert.That(passed.Findings.Select(f => f.Severity), Is.EqualTo(new[] { Severity.Note }), passed.Findings[0].Message);
        Assert.That((passed.Concluded, passed.Replayed, passed.Reused), Is.EqualTo((true, 1, 1)), "the init migration came with the template of the check before");

        var addsOther = $"DO $$ BEGIN EXECUTE 'ALTER TABLE \"{table}\" ADD COLUMN \"years\" INTEGER'; END $$;";
        var refused = await CheckAsync(schema, [("20240101000000_init", Create(table)), ("20240102000000_age", addsOther)]);
        var finding = refused.Findings.Single();
        Assert.That((finding.Code, finding.Severity), Is.EqualTo((RuleCodes.MigrationsMissSchema, Severity.Error)));
        Assert.That(finding.Message, Does.Contain($"model {table}: column age missing from the migrations").And.Contain($"column years left by the migrations"));
        Assert.That(finding.Fix, Does.Contain("npx prisma migrate diff --from-migrations prisma/migrations --to-schema-datamodel prisma/schema.prisma").And.Contain("--script > prisma/migrations/"));
        Assert.That((refused.Replayed, refused.Reused), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task Defaults_types_nullability_indexes_and_foreign_keys_are_read_back_as_the_schema_declares_them()
    {
        var table = Unique();
        var schema = $$"""
            datasource db {
              provider = "postgresql"
              url      = env("DATABASE_URL")
            }

            enum {{table}}Role {
              ADMIN
              USER
            }

            model {{table}} {
              id        BigInt    @id @default(autoincrement())
              role      {{table}}Role @default(USER)
              roles     {{table}}Role[]
              tags      String[]  @default([])
              score     Float     @default(1.5)
              price     Decimal   @default(0) @db.Decimal(10, 2)
              negative  Int       @default(-1)
              created   DateTime  @default(now())
              day       DateTime  @default("2024-01-01T00:00:00Z") @db.Date
              data      Json      @default("{}")
              flag      Boolean   @default(false)
              parentId  BigInt?
              parent    {{table}}? @relation("tree", fields: [parentId], references: [id], onDelete: SetNull)
              children  {{table}}[] @relation("tree")

              @@index([created(sort: Desc), flag])
              @@unique([role, score])
            }
            """;
        var sql = $$"""
            CREATE TYPE "{{table}}Role" AS ENUM ('ADMIN', 'USER');
            CREATE TABLE "{{table}}" (
                "id" BIGSERIAL NOT NULL,
                "role" "{{table}}Role" NOT NULL DEFAULT 'USER',
                "roles" "{{table}}Role"[],
                "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
                "score" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
                "price" DECIMAL(10,2) NOT NULL DEFAULT 0,
                "negative" INTEGER NOT NULL DEFAULT -1,
                "created" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
                "day" DATE NOT NULL DEFAULT '2024-01-01 00:00:00 +00:00',
                "data" JSONB NOT NULL DEFAULT '{}',
                "flag" BOOLEAN NOT NULL DEFAULT false,
                "parentId" BIGINT,
                CONSTRAINT "{{table}}_pkey" PRIMARY KEY ("id")
            );
            CREATE INDEX "{{table}}_created_flag_idx" ON "{{table}}"("created" DESC, "flag");
            CREATE UNIQUE INDEX "{{table}}_role_score_key" ON "{{table}}"("role", "score");
            ALTER TABLE "{{table}}" ADD CONSTRAINT "{{table}}_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "{{table}}"("id") ON DELETE SET NULL ON UPDATE CASCADE;
            """;
        var result = await CheckAsync(schema, [("20240101000000_init", sql)]);
        Assert.That(result.Findings[0].Severity, Is.EqualTo(Severity.Note), result.Findings[0].Message);
    }

    // A project of two PostgreSQL schemas (datasource schemas, @@schema), as Prisma 6's migrate dev writes it.
    static string MultiSchema(string table) => $$"""
        datasource db {
          provider = "postgresql"
          url      = env("DATABASE_URL")
          schemas  = ["public", "auth"]
        }

        enum {{table}}Role {
          ADMIN
          USER

          @@schema("auth")
        }

        model {{table}}Account {
          id   Int           @id
          role {{table}}Role @default(USER)
          logs {{table}}Log[]

          @@schema("auth")
        }

        model {{table}}Log {
          id        Int                @id @default(autoincrement())
          accountId Int
          account   {{table}}Account @relation(fields: [accountId], references: [id])

          @@index([accountId])
          @@schema("public")
        }
        """;

    static string CreateMultiSchema(string table, string accountSchema = "auth") => $"""
        -- CreateSchema
        CREATE SCHEMA IF NOT EXISTS "auth";

        -- CreateEnum
        CREATE TYPE "auth"."{table}Role" AS ENUM ('ADMIN', 'USER');

        -- CreateTable
        CREATE TABLE "{accountSchema}"."{table}Account" ("id" INTEGER NOT NULL, "role" "auth"."{table}Role" NOT NULL DEFAULT 'USER', CONSTRAINT "{table}Account_pkey" PRIMARY KEY ("id"));

        -- CreateTable
        CREATE TABLE "public"."{table}Log" ("id" SERIAL NOT NULL, "accountId" INTEGER NOT NULL, CONSTRAINT "{table}Log_pkey" PRIMARY KEY ("id"));

        -- CreateIndex
        CREATE INDEX "{table}Log_accountId_idx" ON "public"."{table}Log"("accountId");

        -- AddForeignKey
        ALTER TABLE "public"."{table}Log" ADD CONSTRAINT "{table}Log_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "{accountSchema}"."{table}Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
        """;

    [Test]
    public async Task A_project_of_two_PostgreSQL_schemas_passes_and_a_table_created_in_the_wrong_schema_is_refused_naming_both()
    {
        var table = Unique();
        var passed = await CheckAsync(MultiSchema(table), [("20240101000000_init", CreateMultiSchema(table))]);
        Assert.That(passed.Findings.Select(f => f.Severity), Is.EqualTo(new[] { Severity.Note }), string.Join('\n', passed.Findings.Select(f => f.Message)));
        Assert.That(passed.Concluded);

        // The same SQL with the account table left in public: the schema says auth.
        var refused = await CheckAsync(MultiSchema(table), [("20240101000000_init", CreateMultiSchema(table, accountSchema: "public"))]);
        var finding = refused.Findings.Single();
        Assert.That((finding.Code, finding.Severity), Is.EqualTo((RuleCodes.MigrationsMissSchema, Severity.Error)), finding.Message);
        Assert.That(finding.Message, Does.Contain($"model auth.{table}Account: missing from the migrations").And.Contain($"model {table}Account: left by the migrations"));
    }

    public static IEnumerable<TestCaseData> OracleCases()
    {
        var table = Unique();
        var init = ("20240101000000_init", Create(table));
        yield return new TestCaseData("umami", null, null).SetName("Oracle_umami_history");
        yield return new TestCaseData("documenso", null, null).SetName("Oracle_documenso_history");
        yield return new TestCaseData("do-adds", Schema(table, "  age Int?\n"), new[] { init, ("20240102000000_age", $"DO $$ BEGIN EXECUTE 'ALTER TABLE \"{table}\" ADD COLUMN \"age\" INTEGER'; END $$;") })
            .SetName("Oracle_a_DO_block_that_adds_the_column");
        yield return new TestCaseData("do-misses", Schema(table, "  age Int?\n"), new[] { init, ("20240102000000_age", $"DO $$ BEGIN EXECUTE 'ALTER TABLE \"{table}\" ADD COLUMN \"years\" INTEGER'; END $$;") })
            .SetName("Oracle_a_DO_block_that_adds_another_column");
        var multi = Unique();
        yield return new TestCaseData("multi-schema", MultiSchema(multi), new[] { ("20240101000000_init", CreateMultiSchema(multi)) })
            .SetName("Oracle_a_project_of_two_PostgreSQL_schemas");
        yield return new TestCaseData("multi-schema-wrong", MultiSchema(multi), new[] { ("20240101000000_init", CreateMultiSchema(multi, accountSchema: "public")) })
            .SetName("Oracle_a_table_created_in_the_wrong_PostgreSQL_schema");
        yield return new TestCaseData("stale-default", Schema(table).Replace("@default(\"x\")", "@default(\"y\")", StringComparison.Ordinal), new[] { init })
            .SetName("Oracle_a_default_edited_after_the_migration");
    }

    /// <summary>Prisma's own differ (<c>migrate diff --from-migrations … --exit-code</c>, a fresh database per call) and the exact check agree.</summary>
    [TestCaseSource(nameof(OracleCases))]
    public async Task The_exact_check_agrees_with_prisma_migrate_diff(string name, string? schema, (string Name, string Script)[]? migrations)
    {
        if (PrismaOracle.Unavailable() is { } why)
        {
            Assert.Ignore(why);
        }

        var folder = Directory.CreateTempSubdirectory("drifthooks-exact-oracle-").FullName;
        try
        {
            if (schema is null)
            {
                var root = name == "umami" ? TestData.Umami : Path.Combine(SharedFolder.Corpus, name);
                schema = File.ReadAllText(Path.Combine(root, "schema.prisma"));
                migrations = [.. Load(Path.Combine(root, "migrations"))];
            }

            // Prisma 6 wants the datasource's url, which umami's schema (written for Prisma 7) leaves to its config.
            var schemaFile = Path.Combine(folder, "schema.prisma");
            File.WriteAllText(schemaFile, System.Text.RegularExpressions.Regex.IsMatch(schema, @"datasource db \{[^}]*\burl\s*=")
                ? schema
                : schema.Replace("datasource db {", "datasource db {\n  url = env(\"DATABASE_URL\")", StringComparison.Ordinal));
            var migrationsFolder = Path.Combine(folder, "migrations");
            foreach (var (migration, script) in migrations!)
            {
                Directory.CreateDirectory(Path.Combine(migrationsFolder, migration));
                File.WriteAllText(Path.Combine(migrationsFolder, migration, "migration.sql"), script);
            }

            File.WriteAllText(Path.Combine(migrationsFolder, "migration_lock.toml"), "provider = \"postgresql\"\n");
            var fresh = await _server.CreateDatabaseAsync();
            var prisma = await PrismaOracle.RunAsync(fresh.PrismaUrl, schemaFile, migrationsFolder, "migrate", "diff", "--from-migrations", migrationsFolder, "--to-schema-datamodel", schemaFile, "--exit-code");
            Assert.That(prisma.ExitCode, Is.AnyOf(0, 2), prisma.Output);

            var exact = await CheckAsync(schema, migrations);
            Assert.That(exact.Concluded, string.Join('\n', exact.Findings.Select(f => f.Message)));
            var refused = exact.Findings.Any(f => f.Severity == Severity.Error);
            Assert.That(refused, Is.EqualTo(prisma.ExitCode == 2), $"Prisma exit {prisma.ExitCode}: {prisma.Output}\nDriftHooks: {string.Join('\n', exact.Findings.Select(f => f.Message))}");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
