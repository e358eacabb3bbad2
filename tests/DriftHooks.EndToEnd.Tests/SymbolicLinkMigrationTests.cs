using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// A migration.sql committed as a symbolic link (git mode 120000): git stores only the path, and Prisma applies
/// whatever it points to on the deploying machine. Refused at commit (DH114), named plainly at push and in check (DH209).
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SymbolicLinkMigrationTests
{
    private const string Sql = "-- a data fix: changes no schema\nSELECT 1;\n";

    [Test]
    public void A_new_migration_sql_that_is_a_link_is_refused_naming_its_target()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject("model User {\n  id Int @id @default(autoincrement())\n}\n");
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);

        repo.Write("shared/post.sql", Sql);
        const string Script = "prisma/migrations/20240201000000_post/migration.sql";
        Directory.CreateDirectory(Path.Combine(repo.Root, "prisma/migrations/20240201000000_post"));
        File.CreateSymbolicLink(Path.Combine(repo.Root, Script), "../../../shared/post.sql");
        repo.MustGit("add", Script);
        Assert.That(repo.MustGit("ls-files", "-s", Script), Does.StartWith("120000"));

        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH114").And.Contain("symbolic link (to '../../../shared/post.sql')"));
    }

    [Test]
    public void A_committed_migration_sql_turned_into_a_link_is_refused()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject("model User {\n  id Int @id @default(autoincrement())\n}\n");
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);

        const string Script = "prisma/migrations/20240101000000_init/migration.sql";
        repo.Write("shared/init.sql", repo.Read(Script));
        File.Delete(Path.Combine(repo.Root, Script));
        File.CreateSymbolicLink(Path.Combine(repo.Root, Script), "../../../shared/init.sql");
        repo.MustGit("add", "-A");

        var refused = repo.Commit();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Error, Does.Contain("DH114").And.Contain("The committed migration '20240101000000_init' has a migration.sql that is now a symbolic link"));
    }

    [Test]
    public async Task Pre_push_and_check_name_the_link_instead_of_calling_it_modified()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        var repo = scenario.Repository;
        var script = $"prisma/migrations/{PushScenario.Name(2)}/migration.sql";
        repo.Write("shared/two.sql", PushScenario.Script(2));
        File.Delete(Path.Combine(repo.Root, script));
        File.CreateSymbolicLink(Path.Combine(repo.Root, script), "../../../shared/two.sql");
        repo.MustGit("add", "-A");
        repo.MustGit("commit", "-q", "--no-verify", "-m", "link");

        var push = scenario.Push();
        Assert.That(push.ExitCode, Is.EqualTo(1), push.ToString());
        Assert.That(push.Error, Does.Contain("DH209").And.Contain($"Migration '{PushScenario.Name(2)}'").And.Contain("symbolic link (to '../../../shared/two.sql')"));
        Assert.That(push.Error, Does.Not.Contain("modified after it was applied"));

        var check = repo.Drifthooks("check", "--base", "HEAD~1");
        Assert.That(check.ExitCode, Is.EqualTo(1), check.ToString());
        Assert.That(check.All, Does.Contain("DH114").And.Contain("DH209").And.Not.Contain("modified after it was applied"));
    }
}
