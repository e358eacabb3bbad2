using System.Text;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using DriftHooks.Core.SqlText;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

/// <summary>A local history lost while its schema stayed: told apart from a database that is merely behind, in status and sync alike.</summary>
[TestFixture]
public class LostHistoryTests
{
    static readonly PrismaProject Project = new("prisma/schema.prisma", false, "prisma/migrations");

    static readonly RepositoryMigration Init = new("20240101000000_init", Encoding.UTF8.GetBytes("-- CreateEnum\nCREATE TYPE \"Role\" AS ENUM ('A');\n\n-- CreateTable\nCREATE TABLE \"User\" (\"id\" SERIAL NOT NULL);\n"));
    static readonly RepositoryMigration Alter = new("20240102000000_alter", Encoding.UTF8.GetBytes("ALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n"));
    static readonly RepositoryMigration Post = new("20240103000000_post", Encoding.UTF8.GetBytes("CREATE TABLE IF NOT EXISTS \"Post\" (\"id\" INT);\n"));
    static readonly RepositoryMigration Tag = new("20240104000000_tag", Encoding.UTF8.GetBytes("CREATE TABLE \"audit\".\"Tag\" (\"id\" INT);\n"));

    static MigrationRecord Applied(RepositoryMigration m) =>
        new(Guid.NewGuid().ToString(), MigrationChecksum.Compute(m.Script!), DateTimeOffset.UnixEpoch, m.Name, null, null, DateTimeOffset.UnixEpoch, 1);

    [Test]
    public void Created_objects_are_read_from_the_statements_Prisma_writes()
    {
        Assert.That(CreatedObjects.Of(Init.Script!, "public"), Is.EqualTo(new[] { "type public.Role", "table public.User" }));
        Assert.That(CreatedObjects.Of(Post.Script!, "app"), Is.EqualTo(new[] { "table app.Post" }));
        Assert.That(CreatedObjects.Of(Tag.Script!, "public"), Is.EqualTo(new[] { "table audit.Tag" }));
        Assert.That(CreatedObjects.Of(Encoding.UTF8.GetBytes("create table plain (id int);"), "public"), Is.EqualTo(new[] { "table public.plain" }));
        Assert.That(CreatedObjects.Of(Alter.Script!, "public"), Is.EqualTo(new[] { "column public.User.name" }));
        var prismaAlter = Encoding.UTF8.GetBytes("-- AlterTable\nALTER TABLE \"User\" ADD COLUMN     \"age\" INTEGER,\nADD COLUMN     \"bio\" TEXT;\n\n-- CreateIndex\nCREATE UNIQUE INDEX \"User_bio_key\" ON \"User\"(\"bio\");\n-- AddForeignKey\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_fkey\" FOREIGN KEY (\"a\") REFERENCES \"User\"(\"id\");\n");
        Assert.That(CreatedObjects.Of(prismaAlter, "public"), Is.EqualTo(new[] { "index public.User_bio_key", "column public.User.age", "column public.User.bio" }));
    }

    [Test]
    public void Defaults_set_or_dropped_are_read_as_Prisma_writes_them_and_are_no_created_object()
    {
        var script = Encoding.UTF8.GetBytes("-- AlterTable\nALTER TABLE \"User\" ALTER COLUMN \"role\" SET DEFAULT 'admin',\nALTER COLUMN \"age\" DROP DEFAULT;\nALTER TABLE app.\"Post\" ALTER title SET DEFAULT 'x';\nALTER TABLE \"User\" ALTER COLUMN \"bio\" SET NOT NULL;\n");
        Assert.That(CreatedObjects.DefaultsSet(script, "public"), Is.EqualTo(new[] { "column public.User.role", "column public.User.age", "column app.Post.title" }));
        Assert.That(CreatedObjects.Of(script, "public"), Is.Empty);
    }

    [Test]
    public void An_emptied_history_over_an_intact_schema_is_lost_up_to_the_last_migration_whose_objects_are_there()
    {
        var objects = new HashSet<string> { "type public.Role", "table public.User", "table public.Post" };
        var lost = LostHistory.Detect([Init, Alter, Post, Tag], MigrationHistory.FromRecords("public", []), objects);
        Assert.That(lost, Is.Not.Null);
        Assert.That(lost!.PresumedApplied, Is.EqualTo(new[] { Init.Name, Alter.Name, Post.Name }), "the ALTER between two present tables was applied too (its column is not in the set); Tag's table is not there");

        var withBackup = lost.ToFinding("the local database", ".drifthooks/backups/local-20240101T000000Z.json", Project);
        Assert.That((withBackup.Code, withBackup.Severity, withBackup.Fix), Is.EqualTo((CompanionRuleCodes.LocalHistoryLost, Severity.Error, "drifthooks restore .drifthooks/backups/local-20240101T000000Z.json")));
        Assert.That(withBackup.Message, Does.Contain("records no migration").And.Contain("type public.Role, created by 20240101000000_init"));

        var without = lost.ToFinding("the local database", null, Project);
        Assert.That(without.Fix, Is.EqualTo($"for m in {Init.Name} {Alter.Name} {Post.Name}; do npx prisma migrate resolve --applied \"$m\" || break; done"));
        Assert.That(LostHistory.MarkApplied([Init.Name], new PrismaProject("db/schema.prisma", false, "db/migrations")), Is.EqualTo($"npx prisma migrate resolve --applied {Init.Name} --schema db/schema.prisma"));
    }

    [Test]
    public void A_database_merely_behind_or_empty_is_not_a_lost_history()
    {
        Assert.That(LostHistory.Detect([Init, Alter, Post], MigrationHistory.FromRecords("public", [Applied(Init)]), new HashSet<string> { "type public.Role", "table public.User" }), Is.Null);
        Assert.That(LostHistory.Detect([Init, Post], MigrationHistory.TableMissing("public"), new HashSet<string>()), Is.Null);
        var shortHistory = LostHistory.Detect([Init, Alter, Post], MigrationHistory.FromRecords("public", [Applied(Init)]), new HashSet<string> { "type public.Role", "table public.User", "table public.Post" });
        Assert.That(shortHistory!.PresumedApplied, Is.EqualTo(new[] { Alter.Name, Post.Name }));
        Assert.That(shortHistory.ToFinding("the local database", null, Project).Message, Does.Contain("records only 1 applied migration"));
    }

    [Test]
    public void Status_and_sync_say_lost_history_instead_of_sync_and_sync_stops()
    {
        var objects = new HashSet<string> { "type public.Role", "table public.User" };
        var side = DatabaseSide.Read("local", "u", "s", MigrationHistory.TableMissing("public"), prismaAt: "") with { Objects = objects, RestorableBackup = "b.json" };
        var report = ThreeWayStatus.Build([Init, Alter], [Init, Alter], side, DatabaseSide.NotConfigured("production"), Project);
        Assert.That(report.Findings.Select(f => f.Code), Does.Contain(CompanionRuleCodes.LocalHistoryLost).And.No.EqualTo(CompanionRuleCodes.LocalNoHistoryTable).And.No.EqualTo(CompanionRuleCodes.LocalPending));
        Assert.That(report.Findings.Single(f => f.Code == CompanionRuleCodes.LocalHistoryLost).Fix, Is.EqualTo("drifthooks restore b.json"));

        var plan = SyncPlanner.Plan(new SyncRequest([Init, Alter], MigrationHistory.FromRecords("public", []), null, false, Project) { LocalObjects = objects });
        Assert.That(plan.IsBlocked, Is.True);
        Assert.That(plan.Blockers.Single().Code, Is.EqualTo(CompanionRuleCodes.LocalHistoryLost));
        Assert.That(SyncPlanner.Plan(new SyncRequest([Init, Alter], MigrationHistory.FromRecords("public", []), null, true, Project) { LocalObjects = objects }).IsBlocked, Is.False, "--reset rebuilds the schema");
    }

    [Test]
    public void Long_name_lists_show_a_few_and_count_the_rest()
    {
        var names = Enumerable.Range(1, 166).Select(i => $"m{i:000}").ToList();
        Assert.That(FixText.Names(names), Is.EqualTo("m001, m002, m003, m004, m005 and 161 more"));
        Assert.That(FixText.Names(names.Take(6)), Is.EqualTo("m001, m002, m003, m004, m005, m006"));
    }
}
