using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Ddl;

/// <summary>The interpreter on hand-written and Prisma-written DDL: what SQL gives which schema, and what it cannot follow.</summary>
public class DdlInterpreterTests
{
    private const string Datasource = "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n\n";

    [Test]
    public void Statements_are_split_at_top_level_semicolons_only()
    {
        var statements = SqlLexer.Statements(
            "-- a comment; not a statement\nSELECT 'a;b'; SELECT \"x;y\" FROM t; /* c; /* nested; */ still; */ SELECT 1;\n"
            + "CREATE FUNCTION f() RETURNS void AS $body$ BEGIN PERFORM 1; END; $body$ LANGUAGE plpgsql; SELECT E'it\\'s; here'");
        Assert.That(statements.Select(s => s.Tokens[0].Text), Is.EqualTo(new[] { "select", "select", "select", "create", "select" }));
        Assert.That(statements[0].Tokens[1].Text, Is.EqualTo("a;b"));
        Assert.That(statements[1].Tokens[1].Text, Is.EqualTo("x;y"));
        Assert.That(statements[3].Tokens.Single(t => t.Kind == SqlTokenKind.DollarString).Text, Is.EqualTo(" BEGIN PERFORM 1; END; "));
        Assert.That(statements[4].Tokens[1].Text, Is.EqualTo("it's; here"));
        Assert.That(statements[2].Line, Is.EqualTo(2));
    }

    [Test]
    public void Unquoted_names_fold_to_lower_case_and_quoted_ones_keep_theirs()
    {
        const string sql = """
            CREATE TABLE Users (ID SERIAL PRIMARY KEY, Email VARCHAR(191) NOT NULL UNIQUE, "displayName" TEXT);
            create table "Post" ("id" integer not null, "authorId" int references users on delete cascade, constraint "Post_pkey" primary key ("id"));
            """;
        Gives(sql, """
            model users {
              id          Int     @id @default(autoincrement())
              email       String  @unique @db.VarChar(191)
              displayName String?
              posts       Post[]
            }

            model Post {
              id       Int    @id
              authorId Int?
              author   users? @relation(fields: [authorId], references: [id], onDelete: Cascade, onUpdate: NoAction)
            }
            """);
    }

    [Test]
    public void Schema_qualified_names_and_if_exists_forms_are_followed()
    {
        const string sql = """
            CREATE SCHEMA IF NOT EXISTS "auth";
            CREATE TABLE IF NOT EXISTS "auth"."Account" ("id" TEXT NOT NULL, CONSTRAINT "Account_pkey" PRIMARY KEY ("id"));
            CREATE TABLE IF NOT EXISTS "auth"."Account" ("other" TEXT);
            ALTER TABLE "auth"."Account" ADD COLUMN IF NOT EXISTS "name" TEXT;
            ALTER TABLE "auth"."Account" ADD COLUMN IF NOT EXISTS "name" INTEGER;
            ALTER TABLE IF EXISTS "auth"."Gone" ADD COLUMN "x" TEXT;
            DROP INDEX IF EXISTS "auth"."nothing_idx";
            DROP TABLE IF EXISTS "Gone", "AlsoGone" CASCADE;
            CREATE INDEX IF NOT EXISTS "Account_name_idx" ON "auth"."Account" USING BTREE ("name" DESC);
            CREATE INDEX IF NOT EXISTS "Account_name_idx" ON "auth"."Account" ("id");
            """;
        Gives(sql, """
            generator client {
              provider        = "prisma-client-js"
              previewFeatures = ["multiSchema"]
            }

            model Account {
              id   String  @id
              name String?

              @@index([name(sort: Desc)])
              @@schema("auth")
            }
            """, schemas: "auth");
    }

    [Test]
    public void Prisma_s_enum_recreate_and_swap_gives_the_enum_without_the_removed_value()
    {
        var start = Model("""
            enum Role {
              USER
              ADMIN
              GUEST
            }

            model User {
              id   Int  @id
              role Role @default(GUEST)
            }
            """);
        const string sql = """
            -- AlterEnum
            BEGIN;
            CREATE TYPE "Role_new" AS ENUM ('USER', 'ADMIN');
            ALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT;
            ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
            ALTER TYPE "Role" RENAME TO "Role_old";
            ALTER TYPE "Role_new" RENAME TO "Role";
            DROP TYPE "Role_old";
            ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'USER';
            COMMIT;
            ALTER TYPE "Role" ADD VALUE IF NOT EXISTS 'OWNER' BEFORE 'ADMIN';
            """;
        Gives(sql, """
            enum Role {
              USER
              OWNER
              ADMIN
            }

            model User {
              id   Int  @id
              role Role @default(USER)
            }
            """, start);
    }

    [Test]
    public void Renames_carry_indexes_keys_and_foreign_keys_along()
    {
        var start = Model("""
            model Author {
              id    Int    @id
              email String @unique
              books Book[]
            }

            model Book {
              id       Int    @id
              authorId Int
              author   Author @relation(fields: [authorId], references: [id])

              @@index([authorId])
            }
            """);
        const string sql = """
            ALTER TABLE "Author" RENAME TO "Writer";
            ALTER TABLE "Writer" RENAME CONSTRAINT "Author_pkey" TO "Writer_pkey";
            ALTER INDEX "Author_email_key" RENAME TO "Writer_email_key";
            ALTER TABLE "Book" RENAME COLUMN "authorId" TO "writerId";
            ALTER TABLE "Book" RENAME CONSTRAINT "Book_authorId_fkey" TO "Book_writerId_fkey";
            ALTER INDEX "Book_authorId_idx" RENAME TO "Book_writerId_idx";
            """;
        Gives(sql, """
            model Writer {
              id    Int    @id
              email String @unique
              books Book[]
            }

            model Book {
              id       Int    @id
              writerId Int
              writer   Writer @relation(fields: [writerId], references: [id])

              @@index([writerId])
            }
            """, start);
    }

    [Test]
    public void Defaults_are_read_as_the_schema_writes_them()
    {
        const string sql = """
            CREATE TABLE "T" (
              "id" BIGSERIAL NOT NULL,
              "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
              "at2" timestamptz DEFAULT now(),
              "name" TEXT NOT NULL DEFAULT '',
              "quote" TEXT NOT NULL DEFAULT 'it''s',
              "n" INTEGER NOT NULL DEFAULT -1,
              "f" DOUBLE PRECISION NOT NULL DEFAULT 1.50,
              "d" DECIMAL(65,30) NOT NULL DEFAULT 0.10,
              "b" BOOLEAN NOT NULL DEFAULT false,
              "tags" TEXT[] DEFAULT ARRAY['a', 'b']::TEXT[],
              "empty" INTEGER[] DEFAULT '{}',
              "meta" JSONB NOT NULL DEFAULT '{"b": 1, "a": [true]}',
              "since" TIMESTAMP(3) NOT NULL DEFAULT '2024-01-01 00:00:00 +00:00',
              "uuid" UUID NOT NULL DEFAULT gen_random_uuid(),
              CONSTRAINT "T_pkey" PRIMARY KEY ("id")
            );
            """;
        Gives(sql, """
            model T {
              id    BigInt    @id @default(autoincrement())
              at    DateTime  @default(now())
              at2   DateTime? @default(now()) @db.Timestamptz
              name  String    @default("")
              quote String    @default("it's")
              n     Int       @default(-1)
              f     Float     @default(1.5)
              d     Decimal   @default(0.1)
              b     Boolean   @default(false)
              tags  String[]  @default(["a", "b"])
              empty Int[]     @default([])
              meta  Json      @default("{\"a\": [true], \"b\": 1}")
              since DateTime  @default("2024-01-01T00:00:00Z")
              uuid  String    @default(dbgenerated("gen_random_uuid()")) @db.Uuid
            }
            """);
    }

    [Test]
    public void Column_changes_are_followed()
    {
        var start = Model("""
            model T {
              id    Int     @id
              a     String
              b     Int?
              c     String  @default("x")
              gone  String
              other String

              @@index([gone, other])
            }
            """);
        const string sql = """
            ALTER TABLE "T" ALTER COLUMN "a" DROP NOT NULL, ALTER COLUMN "b" SET NOT NULL;
            ALTER TABLE "T" ALTER COLUMN "b" SET DATA TYPE BIGINT, ALTER COLUMN "c" DROP DEFAULT;
            ALTER TABLE "T" ALTER COLUMN "a" TYPE VARCHAR(20) USING substr("a", 1, 20);
            ALTER TABLE "T" DROP COLUMN "gone";
            ALTER TABLE "T" ALTER COLUMN "c" SET DEFAULT 'y';
            """;
        Gives(sql, """
            model T {
              id    Int     @id
              a     String? @db.VarChar(20)
              b     BigInt
              c     String  @default("y")
              other String
            }
            """, start);
    }

    [Test]
    public void Statements_that_only_touch_data_or_unmodelled_objects_change_nothing()
    {
        var start = Model("model T {\n  id Int @id\n  name String\n}\n");
        const string sql = """
            INSERT INTO "T" ("id", "name") VALUES (1, 'CREATE TABLE x; DROP TABLE "T"');
            UPDATE "T" SET "name" = 'ALTER' WHERE "id" = 1;
            DELETE FROM "T" WHERE "id" = 2;
            COMMENT ON TABLE "T" IS 'drop me';
            GRANT SELECT ON "T" TO reader;
            CREATE VIEW "V" AS SELECT * FROM "T";
            CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$ BEGIN NEW.name := 'x'; RETURN NEW; END; $$ LANGUAGE plpgsql;
            CREATE TRIGGER t_touch BEFORE UPDATE ON "T" FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE SEQUENCE "s"; SELECT setval('s', 10);
            DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM "T") THEN INSERT INTO "T" VALUES (3, 'c'); END IF; END $$;
            ALTER TABLE "T" ENABLE ROW LEVEL SECURITY;
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            """;
        Gives(sql, "model T {\n  id Int @id\n  name String\n}\n", start);
    }

    // langfuse's 20251211204006_dataset_items_switch_pk, as Prisma wrote it: the unique index becomes the primary key.
    [Test]
    public void A_constraint_added_using_an_index_takes_that_index_over_under_its_own_name()
    {
        var start = Model("""
            model Item {
              id        String
              projectId String
              validFrom DateTime
              note      String?

              @@id([id, projectId])
              @@unique([id, projectId, validFrom])
              @@unique([note, projectId], map: "note_idx")
            }
            """);
        const string sql = """
            ALTER TABLE "Item" DROP CONSTRAINT "Item_pkey",
            ADD CONSTRAINT "Item_pkey" PRIMARY KEY USING INDEX "Item_id_projectId_validFrom_key";
            ALTER TABLE "Item" ADD CONSTRAINT "Item_note_projectId_key" UNIQUE USING INDEX "note_idx";
            """;
        Gives(sql, """
            model Item {
              id        String
              projectId String
              validFrom DateTime
              note      String?

              @@id([id, projectId, validFrom])
              @@unique([note, projectId])
            }
            """, start);

        var missing = DdlInterpreter.Replay(start, [("1_m", "ALTER TABLE \"Item\" ADD CONSTRAINT \"k\" UNIQUE USING INDEX \"nothing\";")]);
        Assert.That(missing.Unfollowed.Single().Reason, Does.Contain("unique index nothing does not exist"));
    }

    // langfuse's 20241024100928_add_prices_table fills a temporary table, reads it and drops it.
    [Test]
    public void A_temporary_table_is_followed_through_the_session_and_never_reaches_the_model()
    {
        var start = Model("model T {\n  id Int @id\n  name String\n}\n");
        const string sql = """
            CREATE TEMPORARY TABLE temp_prices AS
            SELECT id AS model_id, 'input' AS usage_type FROM "T" WHERE "name" IS NOT NULL;
            INSERT INTO "T" ("id", "name") SELECT 1, usage_type FROM temp_prices ON CONFLICT ("id") DO NOTHING;
            DROP TABLE temp_prices;
            CREATE TEMP TABLE IF NOT EXISTS "T" ("id" INTEGER);
            CREATE INDEX "t_tmp_idx" ON "T" ("id");
            ALTER TABLE "T" ADD COLUMN "extra" TEXT;
            DROP TABLE "T";
            """;
        // The unqualified "T" names the temporary table while it exists, as pg_temp comes first: the model's T stays.
        Gives(sql, "model T {\n  id Int @id\n  name String\n}\n", start);

        // Once the temporary table is dropped the name is the model's table again, and dropping a temporary table twice
        // is not followed.
        Gives(sql + "\nALTER TABLE \"T\" ADD COLUMN \"b\" TEXT;", "model T {\n  id Int @id\n  name String\n  b String?\n}\n", start);
        var twice = DdlInterpreter.Replay(start, [("1_m", "CREATE TEMP TABLE t1 (a int); DROP TABLE t1; DROP TABLE t1;")]);
        Assert.That(twice.Unfollowed.Single().Reason, Does.Contain("does not exist"));
    }

    [TestCase("DO $$ BEGIN EXECUTE 'ALTER TABLE \"T\" ADD COLUMN x int'; END $$;", "DO block")]
    [TestCase("DO $$ BEGIN ALTER TABLE \"T\" ADD COLUMN x int; END $$;", "DO block")]
    [TestCase("EXECUTE add_column;", "EXECUTE")]
    [TestCase("CALL migrate_things();", "CALL")]
    [TestCase("CREATE FUNCTION addcol() RETURNS void AS $$ ALTER TABLE \"T\" ADD COLUMN x int $$ LANGUAGE sql; SELECT addcol();", "addcol")]
    [TestCase("ALTER TABLE \"T\" INHERIT \"Base\";", "INHERIT")]
    [TestCase("ALTER TABLE \"Missing\" ADD COLUMN x int;", "does not exist")]
    [TestCase("ALTER TABLE \"T\" ADD COLUMN \"name\" int;", "exists already")]
    [TestCase("CREATE TABLE \"U\" AS SELECT * FROM \"T\";", "AS")]
    [TestCase("DROP INDEX \"not_there\";", "does not exist")]
    [TestCase("ALTER TABLE \"T\" DROP CONSTRAINT \"made_by_hand\";", "not known")]
    [TestCase("FROBNICATE \"T\";", "not a statement")]
    public void A_statement_that_might_change_the_schema_and_cannot_be_followed_is_listed(string sql, string reason)
    {
        var replay = DdlInterpreter.Replay(Model("model T {\n  id Int @id\n  name String\n}\n"), [("1_m", sql)]);
        Assert.That(replay.Complete, Is.False);
        Assert.That(replay.Unfollowed[^1].Reason, Does.Contain(reason));
        Assert.That(replay.Unfollowed[^1].Migration, Is.EqualTo("1_m"));
    }

    [Test]
    public void Dropping_a_column_takes_its_indexes_and_foreign_keys_along()
    {
        var start = Model("""
            model A {
              id Int @id
              bs B[]
            }

            model B {
              id  Int @id
              aId Int
              a   A   @relation(fields: [aId], references: [id])

              @@unique([aId, id])
              @@index([aId])
            }
            """);
        Gives("ALTER TABLE \"B\" DROP COLUMN \"aId\";", "model A {\n  id Int @id\n}\n\nmodel B {\n  id Int @id\n}\n", start);
    }

    [Test]
    public void Index_methods_operator_classes_and_sort_orders_are_read()
    {
        var start = Model("model T {\n  id Int @id\n  data Json\n  name String\n}\n");
        const string sql = """
            CREATE INDEX "T_data_idx" ON "T" USING GIN ("data" jsonb_path_ops);
            CREATE UNIQUE INDEX "T_name_id_key" ON "T"("name" DESC, "id");
            CREATE INDEX "T_name_idx" ON "T" USING HASH ("name");
            """;
        Gives(sql, """
            model T {
              id   Int    @id
              data Json
              name String

              @@index([data(ops: JsonbPathOps)], type: Gin)
              @@unique([name(sort: Desc), id])
              @@index([name], type: Hash)
            }
            """, start);
    }

    [Test]
    public void A_partial_or_expression_index_is_never_a_certain_difference()
    {
        var start = Model("model T {\n  id Int @id\n  email String\n}\n");
        var replay = DdlInterpreter.Replay(start, [("1_m", "CREATE UNIQUE INDEX \"T_email_key\" ON \"T\" (lower(\"email\")); CREATE INDEX \"T_live_idx\" ON \"T\" (\"email\") WHERE \"id\" > 0;")]);
        Assert.That(replay.Complete);
        var comparison = ReplayComparer.Compare(replay, Model("model T {\n  id Int @id\n  email String @unique\n}\n"));
        Assert.That(comparison.Differences.Changes, Is.Empty);
        Assert.That(comparison.Unsure, Has.Count.EqualTo(2));
    }

    // Prisma 6.19.3's migrate diff --from-migrations on these scripts and schemas exits 0 with "-- This is an empty migration."
    // (both a unique and a plain duplicate); a duplicate of an index the schema does not declare is still a difference.
    [TestCase("CREATE UNIQUE INDEX \"Old_x_key\" ON \"New\"(\"x\"); CREATE UNIQUE INDEX \"New_x_key\" ON \"New\"(\"x\");", "  x  Int @unique\n")]
    [TestCase("CREATE INDEX \"Old_x_idx\" ON \"New\"(\"x\"); CREATE INDEX \"New_x_idx\" ON \"New\"(\"x\");", "  x  Int\n  @@index([x])\n")]
    public void An_index_duplicating_one_the_schema_declares_is_no_difference_as_Prisma_s_differ_ignores_it(string indexes, string field)
    {
        const string Table = "CREATE TABLE \"New\" (\"id\" INTEGER NOT NULL, \"x\" INTEGER NOT NULL, CONSTRAINT \"New_pkey\" PRIMARY KEY (\"id\"));";
        var replay = DdlInterpreter.Replay(new DatabaseModel(), [("1_m", Table + indexes)]);
        var comparison = ReplayComparer.Compare(replay, Model("model New {\n  id Int @id\n" + field + "}\n"));
        Assert.That(comparison.Differences.Changes, Is.Empty);
        Assert.That(comparison.Unsure.Single(), Does.Contain("duplicates New_x_"));

        var undeclared = ReplayComparer.Compare(replay, Model("model New {\n  id Int @id\n  x  Int\n}\n"));
        Assert.That(undeclared.Differences.Changes, Has.Count.EqualTo(2));
    }

    private static DatabaseModel Model(string body, string? schemas = null)
    {
        var datasource = schemas is null ? Datasource : Datasource.Replace("}\n", $"  schemas = [\"public\", \"{schemas}\"]\n}}\n", StringComparison.Ordinal);
        return DatabaseModelBuilder.Build(PrismaSchemaParser.Parse([new SchemaSource("schema.prisma", datasource + body)]));
    }

    private static void Gives(string sql, string schemaBody, DatabaseModel? start = null, string? schemas = null)
    {
        var replay = DdlInterpreter.Replay(start ?? new DatabaseModel(), [("1_m", sql)]);
        Assert.That(replay.Unfollowed.Select(u => $"{u.Line}: {u.Excerpt}: {u.Reason}"), Is.Empty);
        var comparison = ReplayComparer.Compare(replay, Model(schemaBody, schemas));
        Assert.That(comparison.Differences.Changes.Select(c => $"{c.Name}: {c.Description}"), Is.Empty);
        Assert.That(comparison.Unsure, Is.Empty);
    }
}
