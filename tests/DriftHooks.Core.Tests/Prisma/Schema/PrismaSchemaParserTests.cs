using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma.Schema;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Schema;

public class PrismaSchemaParserTests
{
    private const string RealWorld = "\uFEFF" + """
        // leading comment
        datasource db {
          provider   = "postgresql"
          url        = env("DATABASE_URL") // trailing comment
          extensions = [pgcrypto, citext(schema: "ext")]
        }

        /// A post.
        model Post {
          id       String   @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
          title    String   @default("") @db.VarChar(191) // not a // comment "inside"
          slug     String   @default("a \"quoted\" // value\\")
          tags     String[] @default([])
          search   Unsupported("tsvector")?
          meta     Json     @default("{\"a\": [1, 2]}")
          price    Decimal  @default(1.5) @db.Decimal(10, 2)
          score    Float    @default(-1.25)

          @@index([search], type: Gin)
          @@index(
            [title(sort: Desc, ops: raw("text_pattern_ops")), slug],
            map: "post_title_slug"
          )
        }
        """;

    [Test]
    public void ParsesRealWorldSyntax()
    {
        var schema = PrismaSchemaParser.Parse(new SchemaSource("schema.prisma", RealWorld));

        var post = schema.Blocks.Single(b => b.Kind == PrismaBlockKind.Model);
        Assert.That(post.Fields.Select(f => f.Name), Is.EqualTo(new[] { "id", "title", "slug", "tags", "search", "meta", "price", "score" }));
        Assert.That(post.Fields[0].Attribute("default")!.Argument("value", 0)!.ToString(), Is.EqualTo("dbgenerated(\"gen_random_uuid()\")"));
        Assert.That(post.Fields[2].Attribute("default")!.Argument("value", 0)!.Text, Is.EqualTo("a \"quoted\" // value\\"));
        Assert.That(post.Fields[3].IsList, Is.True);
        Assert.That(post.Fields[4].UnsupportedType, Is.EqualTo("tsvector"));
        Assert.That(post.Fields[4].IsOptional, Is.True);
        Assert.That(post.Fields[7].Attribute("default")!.Argument("value", 0)!.Text, Is.EqualTo("-1.25"));
        Assert.That(post.Attributes[1].Argument("map")!.Text, Is.EqualTo("post_title_slug"));
        Assert.That(post.Attributes[1].Argument("fields", 0)!.ToString(), Is.EqualTo("[title(sort: Desc, ops: raw(\"text_pattern_ops\")), slug]"));
    }

    // Prisma accepts block comments where whitespace may stand. The model's comment is from trigger.dev's schema
    // (triggerdotdev/trigger.dev, Apache-2.0, internal-packages/database/prisma/schema.prisma at 0e14b6d75053),
    // which DriftHooks refused as unreadable (DH100) on 47 of its commits; Prisma 6.19's validate takes all of it.
    [Test]
    public void SkipsBlockCommentsAsPrismaDoes()
    {
        const string text = """
            /**
             * Error group state is used to track when a user has interacted with an error (ignored/resolved)
             * The actual error data is in ClickHouse.
             */
            model ErrorGroupState {
              id String @id @default(cuid()) /* inline */
              /* over
                 two lines */
              fingerprint String @default("/* not a comment */")
              status      String
            }
            """;

        var schema = PrismaSchemaParser.Parse(new SchemaSource("schema.prisma", text));

        var model = schema.Blocks.Single(b => b.Kind == PrismaBlockKind.Model);
        Assert.That(model.Fields.Select(f => f.Name), Is.EqualTo(new[] { "id", "fingerprint", "status" }));
        Assert.That(model.Fields[1].Attribute("default")!.Argument("value", 0)!.Text, Is.EqualTo("/* not a comment */"));
        Assert.That(model.Fields[2].Line, Is.EqualTo(10), "lines inside a comment are counted");
    }

    [Test]
    public void BuildsTheDatabaseModelOfRealWorldSyntax()
    {
        var model = DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(new SchemaSource("schema.prisma", RealWorld)));

        var post = model.Tables["Post"];
        Assert.That(post.PrimaryKey, Is.EqualTo(new DbPrimaryKey("Post_pkey", "id")));
        Assert.That(post.Columns["id"], Is.EqualTo(new DbColumn("id", "uuid", false, false, "dbgenerated(gen_random_uuid())")));
        Assert.That(post.Columns["title"].Type, Is.EqualTo("varchar(191)"));
        Assert.That(post.Columns["price"].Type, Is.EqualTo("decimal(10,2)"));
        Assert.That(post.Indexes.Keys, Is.EquivalentTo(new[] { "Post_search_idx", "post_title_slug" }));
        Assert.That(post.Indexes["post_title_slug"].Definition, Is.EqualTo("btree (title raw(\"text_pattern_ops\") DESC, slug)"));
        Assert.That(model.Extensions.Keys, Is.EquivalentTo(new[] { "pgcrypto", "citext" }));
    }

    [Test]
    public void NamesConstraintsLikePrisma()
    {
        var model = DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(new SchemaSource("schema.prisma", """
            model User {
              id    Int    @id @default(autoincrement())
              email String @unique @map("e_mail")
              posts Post[]
            }
            model Post {
              id       Int   @id
              authorId Int?  @map("author_id")
              author   User? @relation(fields: [authorId], references: [id])
              @@index([authorId])
            }
            model AVeryLongTableNameForTestingPurposesHere {
              id                           Int @id
              aVeryLongColumnNameNumberOne Int
              aVeryLongColumnNameNumberTwo Int
              @@index([aVeryLongColumnNameNumberOne, aVeryLongColumnNameNumberTwo])
            }
            """)));

        Assert.That(model.Tables["User"].Indexes.Keys, Is.EqualTo(new[] { "User_e_mail_key" }));
        Assert.That(model.Tables["User"].Columns["id"].Default, Is.EqualTo("autoincrement()"));
        Assert.That(model.Tables["Post"].Indexes.Keys, Is.EqualTo(new[] { "Post_author_id_idx" }));
        Assert.That(
            model.Tables["Post"].ForeignKeys["Post_author_id_fkey"],
            Is.EqualTo(new DbForeignKey("Post_author_id_fkey", "author_id", "User", "id", "SetNull", "Cascade")));

        // Taken from prisma migrate diff --script: names are cut to 63 characters before the suffix.
        Assert.That(
            model.Tables["AVeryLongTableNameForTestingPurposesHere"].Indexes.Keys,
            Is.EqualTo(new[] { "AVeryLongTableNameForTestingPurposesHere_aVeryLongColumnNam_idx" }));
    }

    [Test]
    public void BuildsImplicitManyToManyJoinTable()
    {
        var model = DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(new SchemaSource("schema.prisma", """
            model Post {
              id   String @id @db.Uuid
              tags Tag[]
            }
            model Tag {
              id    Int    @id
              posts Post[]
            }
            """)));

        // Shape taken from prisma migrate diff --script.
        var join = model.Tables["_PostToTag"];
        Assert.That(join.Kind, Is.EqualTo(SchemaObjectKind.RelationTable));
        Assert.That(join.Columns["A"].Type, Is.EqualTo("uuid"));
        Assert.That(join.Columns["B"].Type, Is.EqualTo("integer"));
        Assert.That(join.PrimaryKey, Is.EqualTo(new DbPrimaryKey("_PostToTag_AB_pkey", "A, B")));
        Assert.That(join.Indexes.Keys, Is.EqualTo(new[] { "_PostToTag_B_index" }));
        Assert.That(join.ForeignKeys.Keys, Is.EquivalentTo(new[] { "_PostToTag_A_fkey", "_PostToTag_B_fkey" }));
    }

    [Test]
    public void JoinTableLivesInTheSchemaOfModelA()
    {
        // From prisma migrate diff --script: "zed"."_AToB" references "zed"."A" and "abc"."B".
        var model = PrismaSchemaParserTestsHelper.Build(new SchemaSource("schema.prisma", """
            datasource db {
              provider = "postgresql"
              schemas  = ["zed", "abc"]
            }
            model B {
              id Int @id
              as A[]
              @@schema("abc")
            }
            model A {
              id Int @id
              bs B[]
              @@schema("zed")
            }
            """));

        var join = model.Tables["zed._AToB"];
        Assert.That(join.ForeignKeys["_AToB_A_fkey"].ReferencedTable, Is.EqualTo("zed.A"));
        Assert.That(join.ForeignKeys["_AToB_B_fkey"].ReferencedTable, Is.EqualTo("abc.B"));
    }

    [TestCase("model User {\n  id Int @id\n  name String @default(\"x)\n}", 3, "closing '\"'")]
    [TestCase("model User {\n  id Int @id\n\n  name\n}", 4, "expected a type for field `name`")]
    [TestCase("model User {\n  id Int @id\n  @@index([id]\n}", 4, "expected ',' or ')' in the argument list opened on line 3, found `}`")]
    [TestCase("modle User {\n  id Int @id\n}", 1, "expected a block")]
    [TestCase("model User {\n  id Int @id\n  /* open\n}", 3, "expected '*/'")]
    [TestCase("model User {\n  id Int @id\n", 3, "expected '}' to close model `User` (opened on line 1) before the end of the file")]
    [TestCase("model User {\n  id Int @id\n\nmodel Post {\n  id Int @id\n}", 4, "expected '}' to close model `User` (opened on line 1) before `model Post` starts")]
    [TestCase("model User {\n  id Int @id\n  post Post\n}", 3, "found `Post`")]
    [TestCase("model User {\n  id Int @id\n  @@index([nme])\n}", 3, "found `nme`")]
    [TestCase("model User {\n  id Int @id\n}\ntype Address {\n  street String\n}", 4, "composite type")]
    [TestCase("model User {\n  id Int @id\n  name String\n  name String?\n}", 4, "`name` already defined at line 3 of model `User`")]
    [TestCase("enum Role {\n  ADMIN\n  ADMIN\n}\nmodel User {\n  id Int @id\n}", 3, "`ADMIN` already defined at line 2 of enum `Role`")]
    public void UnparsableSchemaThrowsWithFileAndLine(string text, int line, string expected)
    {
        var broken = new SchemaSource("prisma/broken.prisma", text);
        var fine = new SchemaSource("prisma/fine.prisma", "model User {\n  id Int @id\n}");

        var ex = Assert.Throws<SchemaParseException>(() => DatabaseSchemaComparer.Compare([fine], [broken]));

        Assert.That(ex!.Message, Does.StartWith($"prisma/broken.prisma:{line}: "));
        Assert.That(ex.Message, Does.Contain(expected));
        Assert.That(ex, Is.InstanceOf<ConfigurationException>());
        Assert.That(ex.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
    }

    [Test]
    public void DuplicateModelAcrossFilesThrows()
    {
        var ex = Assert.Throws<SchemaParseException>(() => PrismaSchemaParserTestsHelper.Build(
            new SchemaSource("a.prisma", "model User {\n  id Int @id\n}"),
            new SchemaSource("b.prisma", "\nmodel User {\n  id Int @id\n}")));

        Assert.That(ex!.Message, Does.StartWith("b.prisma:2: "));
        Assert.That(ex.Message, Does.Contain("a.prisma:1"));
    }

    [Test]
    public void NonPostgresProviderThrows()
    {
        Assert.Throws<SchemaParseException>(() => PrismaSchemaParserTestsHelper.Build(
            new SchemaSource("a.prisma", "datasource db {\n  provider = \"mysql\"\n  url = env(\"X\")\n}")));
    }
}
