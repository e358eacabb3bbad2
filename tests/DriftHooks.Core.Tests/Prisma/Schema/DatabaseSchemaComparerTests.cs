using DriftHooks.Core.Prisma.Schema;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma.Schema;

public class DatabaseSchemaComparerTests
{
    private const string Schema = """
        datasource db {
          provider = "postgresql"
          url      = env("DATABASE_URL")
        }

        enum Role {
          USER
          ADMIN
        }

        model User {
          id    Int    @id @default(autoincrement())
          email String @unique
          role  Role   @default(USER)
          posts Post[]
        }

        model Post {
          id       Int    @id
          title    String
          authorId Int
          author   User   @relation(fields: [authorId], references: [id])

          @@index([title])
        }
        """;

    [Test]
    public void CrlfEqualsLf()
    {
        var comparison = Compare(Schema, Schema.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.That(comparison.ChangesDatabase, Is.False);
        Assert.That(comparison.SuggestedMigrationName, Is.EqualTo("no_changes"));
    }

    [Test]
    public void BomAndFormattingAreIgnored()
    {
        var reformatted = "\uFEFF" + string.Join("\n", Schema.Split('\n').Select(l => "  " + l.Replace("  ", " ", StringComparison.Ordinal) + "   // note"));

        Assert.That(Compare(Schema, reformatted).ChangesDatabase, Is.False);
    }

    [Test]
    public void MultiFileSchemaEqualsOneFile()
    {
        var split = Schema.IndexOf("model Post", StringComparison.Ordinal);
        var files = new[]
        {
            new SchemaSource("prisma/schema/schema.prisma", Schema[..split]),
            new SchemaSource("prisma/schema/post.prisma", Schema[split..]),
        };

        var comparison = DatabaseSchemaComparer.Compare([new SchemaSource("prisma/schema.prisma", Schema)], files);

        Assert.That(comparison.ChangesDatabase, Is.False);
    }

    [Test]
    public void ColumnAdded()
    {
        var comparison = Compare(Schema, Schema.Replace("  email String @unique\n", "  email String @unique\n  nickname String?\n", StringComparison.Ordinal));

        Assert.That(comparison.Changes, Is.EqualTo(new[] { SchemaChange.OfMember(SchemaObjectKind.Model, "User", ChangeVerb.Added, SchemaMember.Column, "nickname", "column `nickname` added") }));
        Assert.That(comparison.SuggestedMigrationName, Is.EqualTo("add_user_nickname"));
    }

    [Test]
    public void CascadeAdded()
    {
        var comparison = Compare(Schema, Schema.Replace("references: [id])", "references: [id], onDelete: Cascade)", StringComparison.Ordinal));

        Assert.That(comparison.Changes, Is.EqualTo(new[]
        {
            SchemaChange.OfMember(SchemaObjectKind.Model, "Post", ChangeVerb.Changed, SchemaMember.ForeignKey, "Post_authorId_fkey",
                "foreign key on `authorId` now ON DELETE CASCADE ON UPDATE CASCADE", MemberAspect.Actions),
        }));
        Assert.That(comparison.SuggestedMigrationName, Is.EqualTo("update_post"));
    }

    [Test]
    public void EnumValueAdded()
    {
        var comparison = Compare(Schema, Schema.Replace("  ADMIN\n", "  ADMIN\n  AUDITOR\n", StringComparison.Ordinal));

        Assert.That(comparison.Changes, Is.EqualTo(new[] { SchemaChange.OfMember(SchemaObjectKind.Enum, "Role", ChangeVerb.Added, SchemaMember.Value, "AUDITOR", "value `AUDITOR` added") }));
        Assert.That(comparison.SuggestedMigrationName, Is.EqualTo("add_role_auditor"));
    }

    [Test]
    public void EnumCreated()
    {
        var comparison = Compare(Schema, Schema + "\nenum PostStatus {\n  DRAFT\n}\n");

        Assert.That(comparison.Changes, Is.EqualTo(new[] { SchemaChange.Of(SchemaObjectKind.Enum, "PostStatus", ChangeVerb.Created, "enum created") }));
        Assert.That(comparison.SuggestedMigrationName, Is.EqualTo("add_post_status_enum"));
    }

    [Test]
    public void EnumDefaultFollowsValueMap()
    {
        var comparison = Compare(Schema, Schema.Replace("  USER\n", "  USER @map(\"user\")\n", StringComparison.Ordinal));

        Assert.That(comparison.Changes.Select(c => c.Description), Is.EquivalentTo(new[]
        {
            "value `user` added", "value `USER` removed", "column `role` default now 'user'",
        }));
    }

    [Test]
    public void ModelRenameChangesEverythingPrismaNamedAfterIt()
    {
        var comparison = Compare(Schema, Schema.Replace("model Post {", "model Article {", StringComparison.Ordinal).Replace("posts Post[]", "posts Article[]", StringComparison.Ordinal));

        Assert.That(comparison.Changes, Is.EquivalentTo(new[]
        {
            SchemaChange.Of(SchemaObjectKind.Model, "Article", ChangeVerb.Created, "table created"),
            SchemaChange.Of(SchemaObjectKind.Model, "Post", ChangeVerb.Dropped, "table dropped"),
        }));
        Assert.That(comparison.SuggestedMigrationName, Is.EqualTo("update_article_post"));
    }

    [Test]
    public void SuggestedNameIsShortSnakeCase()
    {
        var name = Compare(Schema, Schema.Replace("  email String @unique\n", "  email String @unique\n  AVeryLongColumnNameThatGoesOnAndOn String?\n", StringComparison.Ordinal)).SuggestedMigrationName;

        Assert.That(name, Has.Length.LessThanOrEqualTo(40));
        Assert.That(name, Does.Match("^[a-z0-9_]+$"));
        Assert.That(name, Does.StartWith("add_user_a_very_long_column"));
    }

    private static SchemaComparison Compare(string before, string after) =>
        DatabaseSchemaComparer.Compare([new SchemaSource("before.prisma", before)], [new SchemaSource("after.prisma", after)]);
}
