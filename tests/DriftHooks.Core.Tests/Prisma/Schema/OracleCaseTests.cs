using DriftHooks.Core.Prisma.Schema;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Schema;

/// <summary>
/// Small edits the corpus pairs do not cover. Every expected verdict was obtained from
/// <c>shared/prisma-oracle/schema-diff.sh</c> (prisma migrate diff, Prisma 6.19.3, PostgreSQL).
/// </summary>
public class OracleCaseTests
{
    private const string Datasource = """
        datasource db {
          provider = "postgresql"
          url      = env("DATABASE_URL")
        }

        """;

    private const string PostAuthor = """
        model User {
          id    Int    @id
          posts Post[]
        }
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id]{0})
        }
        """;

    private static readonly (string Name, string Before, string After, bool Differs)[] Cases =
    [
        ("field @map keeping the column", "model U {\n  id Int @id\n  a String\n}", "model U {\n  id Int @id\n  b String @map(\"a\")\n}", false),
        ("field @map renaming the column", "model U {\n  id Int @id\n  a String\n}", "model U {\n  id Int @id\n  a String @map(\"b\")\n}", true),
        ("model @@map renaming the table", "model U {\n  id Int @id\n}", "model U {\n  id Int @id\n  @@map(\"users\")\n}", true),
        ("model renamed with @@map keeping the table", "model U {\n  id Int @id\n}", "model User {\n  id Int @id\n  @@map(\"U\")\n}", false),
        ("@@schema moves the table", Multi("a"), Multi("b"), true),
        ("unused schema added to datasource schemas", "model U {\n  id Int @id\n}", "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n  schemas = [\"public\", \"other\"]\n}\nmodel U {\n  id Int @id\n  @@schema(\"public\")\n}", false),
        ("view added (views preview)", Views(string.Empty), Views("view V {\n  id Int @unique\n}"), false),
        ("view edited (views preview)", Views("view V {\n  id Int @unique\n}"), Views("view V {\n  id Int @unique\n  x String\n}"), false),
        ("@ignore on an existing field", "model U {\n  id Int @id\n  x String\n}", "model U {\n  id Int @id\n  x String @ignore\n}", false),
        ("new field with @ignore", "model U {\n  id Int @id\n}", "model U {\n  id Int @id\n  x String @ignore\n}", true),
        ("@@ignore on an existing model", "model U {\n  id Int @id\n}\nmodel V {\n  id Int @id\n}", "model U {\n  id Int @id\n}\nmodel V {\n  id Int @id\n  @@ignore\n}", false),
        ("new model with @@ignore", "model U {\n  id Int @id\n}", "model U {\n  id Int @id\n}\nmodel V {\n  id Int @id\n  @@ignore\n}", true),
        ("VarChar(191) to VarChar(255)", Col("String @db.VarChar(191)"), Col("String @db.VarChar(255)"), true),
        ("native types use the datasource name", Col("String @db.VarChar(191)"), "datasource pg {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\nmodel U {\n  id Int @id\n  c String @pg.VarChar(191)\n}", false),
        ("@db.Text on String", Col("String"), Col("String @db.Text"), false),
        ("@db.VarChar without length on String", Col("String"), Col("String @db.VarChar"), true),
        ("@db.Char vs @db.Char(1)", Col("String @db.Char"), Col("String @db.Char(1)"), true),
        ("@db.Timestamptz vs @db.Timestamptz(6)", Col("DateTime @db.Timestamptz"), Col("DateTime @db.Timestamptz(6)"), false),
        ("@db.Timestamptz(3) vs (6)", Col("DateTime @db.Timestamptz(3)"), Col("DateTime @db.Timestamptz(6)"), true),
        ("DateTime vs @db.Timestamp(3)", Col("DateTime"), Col("DateTime @db.Timestamp(3)"), false),
        ("Decimal vs @db.Decimal(65,30)", Col("Decimal"), Col("Decimal @db.Decimal(65, 30)"), false),
        ("Unsupported type text changed", Col("Unsupported(\"tsvector\")?"), Col("Unsupported(\"text\")?"), false),
        ("Unsupported made required", Col("Unsupported(\"tsvector\")?"), Col("Unsupported(\"tsvector\")"), true),
        ("onDelete: Cascade added", Rel(PostAuthor, string.Empty), Rel(PostAuthor, ", onDelete: Cascade"), true),
        ("default actions spelled out", Rel(PostAuthor, string.Empty), Rel(PostAuthor, ", onDelete: Restrict, onUpdate: Cascade"), false),
        ("onDelete: NoAction is not Restrict", Rel(PostAuthor, string.Empty), Rel(PostAuthor, ", onDelete: NoAction"), true),
        ("relationMode prisma drops foreign keys", Rel(PostAuthor, string.Empty), "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n  relationMode = \"prisma\"\n}\n" + Rel(PostAuthor, string.Empty), true),
        ("referentialIntegrity prisma drops foreign keys", Rel(PostAuthor, string.Empty), "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n  referentialIntegrity = \"prisma\"\n}\n" + Rel(PostAuthor, string.Empty), true),
        ("relation named with @relation(\"Name\")", Rel(PostAuthor, string.Empty), Rel(PostAuthor.Replace("posts Post[]", "posts Post[] @relation(\"P\")", StringComparison.Ordinal), ", name: \"P\""), false),
        ("back-relation field renamed", Rel(PostAuthor, string.Empty), Rel(PostAuthor.Replace("posts Post[]", "articles Post[]", StringComparison.Ordinal), string.Empty), false),
        ("implicit many-to-many added", "model A {\n  id Int @id\n}\nmodel B {\n  id Int @id\n}", "model A {\n  id Int @id\n  bs B[]\n}\nmodel B {\n  id Int @id\n  as A[]\n}", true),
        ("implicit many-to-many renamed", "model A {\n  id Int @id\n  bs B[]\n}\nmodel B {\n  id Int @id\n  as A[]\n}", "model A {\n  id Int @id\n  bs B[] @relation(\"X\")\n}\nmodel B {\n  id Int @id\n  as A[] @relation(\"X\")\n}", true),
        ("uuid() to cuid()", "model U {\n  id String @id @default(uuid())\n}", "model U {\n  id String @id @default(cuid())\n}", false),
        ("@updatedAt added", Col("DateTime"), Col("DateTime @updatedAt"), false),
        ("now() added next to @updatedAt", Col("DateTime @updatedAt"), Col("DateTime @default(now()) @updatedAt"), true),
        ("dbgenerated differing only in case", "model U {\n  id String @id @default(dbgenerated(\"gen_random_uuid()\")) @db.Uuid\n}", "model U {\n  id String @id @default(dbgenerated(\"GEN_RANDOM_UUID()\")) @db.Uuid\n}", false),
        ("dbgenerated differing in spacing", "model U {\n  id String @id @default(dbgenerated(\"gen_random_uuid()\")) @db.Uuid\n}", "model U {\n  id String @id @default(dbgenerated(\"gen_random_uuid( )\")) @db.Uuid\n}", true),
        ("dbgenerated() without expression", Col("Int"), Col("Int @default(dbgenerated())"), false),
        ("@default([]) added", Col("String[]"), Col("String[] @default([])"), true),
        ("@default(\"\") added", Col("String"), Col("String @default(\"\")"), true),
        ("Float default 0 vs 0.0", Col("Float @default(0)"), Col("Float @default(0.0)"), false),
        ("Decimal default 1.50 vs 1.5", Col("Decimal @default(1.50)"), Col("Decimal @default(1.5)"), false),
        ("DateTime default same instant", Col("DateTime @default(\"2020-01-01T00:00:00Z\")"), Col("DateTime @default(\"2020-01-01T01:00:00+01:00\")"), false),
        ("Json default reformatted", Col("Json @default(\"{\\\"a\\\":1,\\\"b\\\":2}\")"), Col("Json @default(\"{\\\"b\\\": 2, \\\"a\\\": 1}\")"), false),
        ("Json default changed", Col("Json @default(\"{}\")"), Col("Json @default(\"{\\\"a\\\": 1}\")"), true),
        ("enum value added", "model U {\n  id Int @id\n}\nenum Role {\n  USER\n}", "model U {\n  id Int @id\n}\nenum Role {\n  USER\n  AUDITOR\n}", true),
        ("enum values reordered", "model U {\n  id Int @id\n}\nenum Role {\n  A\n  B\n}", "model U {\n  id Int @id\n}\nenum Role {\n  B\n  A\n}", false),
        ("enum value @map", "model U {\n  id Int @id\n}\nenum Role {\n  A\n  B\n}", "model U {\n  id Int @id\n}\nenum Role {\n  A\n  B @map(\"b\")\n}", true),
        ("@@index added", Col("Int"), Col("Int\n  @@index([c])"), true),
        ("@@index legacy name: is the database name", Col("Int\n  @@index([c])"), Col("Int\n  @@index([c], name: \"foo\")"), true),
        ("@@unique name: is client-only", Col("Int\n  @@unique([id, c])"), Col("Int\n  @@unique([id, c], name: \"foo\")"), false),
        ("@@id name: is client-only", "model U {\n  a Int\n  b Int\n  @@id([a, b])\n}", "model U {\n  a Int\n  b Int\n  @@id([a, b], name: \"foo\")\n}", false),
        ("@id map: renames the primary key", "model U {\n  id Int @id\n}", "model U {\n  id Int @id(map: \"foo\")\n}", true),
        ("Gin index gains an operator class", Col("Json\n  @@index([c], type: Gin)"), Col("Json\n  @@index([c(ops: JsonbPathOps)], type: Gin)"), true),
        ("unique gains sort order", Col("Int\n  @@unique([c])"), Col("Int\n  @@unique([c(sort: Desc)])"), true),
        ("optional to required", Col("String?"), Col("String"), true),
        ("Int autoincrement to BigInt autoincrement", "model U {\n  id Int @id @default(autoincrement())\n}", "model U {\n  id BigInt @id @default(autoincrement())\n}", true),
        ("field order", "model U {\n  id Int @id\n  a String\n  b Int\n}", "model U {\n  b Int\n  id Int @id\n  a String\n}", false),
        ("/// docs and // comments", "model U {\n  id Int @id\n}", "/// A user.\nmodel U {\n  /// The key.\n  id Int @id // primary\n}", false),
        ("generator edited", "generator client {\n  provider = \"prisma-client-js\"\n}\nmodel U {\n  id Int @id\n}", "generator client {\n  provider = \"prisma-client-js\"\n  previewFeatures = [\"fullTextSearchPostgres\"]\n  binaryTargets = [\"native\", \"debian-openssl-3.0.x\"]\n  output = \"../generated\"\n}\nmodel U {\n  id Int @id\n}", false),
    ];

    public static IEnumerable<TestCaseData> All() =>
        Cases.Select(c => new TestCaseData(c.Before, c.After, c.Differs).SetName("Oracle_" + c.Name.Replace(' ', '_').Replace('"', '\'').Replace('.', '_')));

    [TestCaseSource(nameof(All))]
    public void VerdictMatchesPrismaDiffer(string before, string after, bool differs)
    {
        var comparison = DatabaseSchemaComparer.Compare([Source("before.prisma", before)], [Source("after.prisma", after)]);

        Assert.That(comparison.ChangesDatabase, Is.EqualTo(differs), string.Join("; ", comparison.Changes));
    }

    private static SchemaSource Source(string path, string body) =>
        new(path, body.StartsWith("datasource", StringComparison.Ordinal) ? body : Datasource + body);

    private static string Rel(string template, string actions) => template.Replace("{0}", actions, StringComparison.Ordinal);

    private static string Col(string type) => $"model U {{\n  id Int @id\n  c {type}\n}}";

    private static string Multi(string schema) =>
        $"datasource db {{\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n  schemas = [\"a\", \"b\"]\n}}\nmodel U {{\n  id Int @id\n  @@schema(\"{schema}\")\n}}";

    private static string Views(string view) =>
        "generator c {\n  provider = \"prisma-client-js\"\n  previewFeatures = [\"views\"]\n}\nmodel U {\n  id Int @id\n}\n" + view;
}
