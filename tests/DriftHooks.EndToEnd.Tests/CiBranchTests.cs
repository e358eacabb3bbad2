using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// <c>drifthooks check</c> in CI's detached checkout of a pull request (GitHub's merge commit): the branch the CI names
/// (<c>GITHUB_HEAD_REF</c>, or <c>--branch</c>) makes its own pushed copy no other place, so a migration only that branch
/// holds, out of order after a rebase, is fixed by the rename pre-commit lets through, as on the developer's machine.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class CiBranchTests
{
    private static string Model(string table) => $"model {table} {{\n  id Int @id @default(autoincrement())\n}}\n";

    [Test]
    public async Task Check_in_a_detached_pull_request_checkout_prints_the_rename_and_is_green_once_it_is_followed()
    {
        var p = "C" + Guid.NewGuid().ToString("N")[..8];
        using var s = await PushScenario.CreateAsync(committed: 1, applied: 1, tables: p);
        var repo = s.Repository;
        Assert.That(s.Push().ExitCode, Is.Zero);

        // A feature branch adds m2 and is pushed; main then adds m3, which production applies.
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + Model(p + "2") + Model(p + "1"));
        repo.Write($"prisma/migrations/{PushScenario.Name(2)}/migration.sql", PushScenario.Script(2, p));
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().ExitCode, Is.Zero);
        Assert.That(repo.Git("push", "-q", "-u", "origin", "feature").ExitCode, Is.Zero);
        repo.MustGit("switch", "-q", "main");
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + Model(p + "1") + Model(p + "3"));
        repo.Write($"prisma/migrations/{PushScenario.Name(3)}/migration.sql", PushScenario.Script(3, p));
        repo.MustGit("add", "-A");
        Assert.That(repo.Commit().ExitCode, Is.Zero);
        Assert.That(s.Push().ExitCode, Is.Zero);
        await s.ApplyAsync((PushScenario.Name(3), PushScenario.Script(3, p)));

        // The feature is rebased and pushed past the hooks: m2 now sorts before m3, which production applied.
        repo.MustGit("switch", "-q", "feature");
        repo.MustGit("rebase", "-q", "main");
        repo.MustGit("push", "-q", "--no-verify", "--force-with-lease", "origin", "feature");

        using var ci = new TestRepository(init: false);
        ci.MustGit("clone", "-q", s.Remote.Root, ".");
        ci.Environment["DRIFTHOOKS_PRODUCTION_URL"] = repo.Environment["DRIFTHOOKS_PRODUCTION_URL"];
        ProcessResult Check(params string[] extra)
        {
            ci.MustGit("fetch", "-q", "origin");
            ci.MustGit("checkout", "-q", "--detach", "origin/main");
            ci.MustGit("merge", "-q", "--no-ff", "-m", "Merge feature", "origin/feature");
            return ci.Drifthooks(["check", "--base", "origin/main", .. extra]);
        }

        // Without the branch named, origin/feature is another branch that has m2: the rename would be refused there.
        var unnamed = Check();
        Assert.That(unnamed.ExitCode, Is.EqualTo(1), unnamed.ToString());
        Assert.That(PrintedFix.Of(ci, unnamed, "DH205").Text, Does.StartWith("DRIFTHOOKS_OVERRIDE="));

        // Named by --branch, where the CI sets none of the variables check reads, or by GitHub's GITHUB_HEAD_REF.
        var byOption = Check("--branch", "feature");
        Assert.That(byOption.ExitCode, Is.EqualTo(1), byOption.ToString());
        Assert.That(PrintedFix.Of(ci, byOption, "DH205").Text, Does.StartWith("git mv "));

        ci.Environment["GITHUB_HEAD_REF"] = "feature";
        var refused = Check();
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.Output, Does.Contain("error DH205").And.Contain("error DH109").And.Not.Contain("DRIFTHOOKS_OVERRIDE"));
        Assert.That(PrintedFix.Of(ci, refused, "DH109").Text, Does.Contain("git mv ").And.Contain(PushScenario.Name(2)));
        Assert.That(PrintedFix.Of(ci, refused, "DH205").Text, Does.Contain("origin/feature is this branch pushed"));

        // The developer follows it on the feature branch, through the hooks.
        PrintedFix.Of(repo, refused, "DH205")
            .Doing("commit and push again", _ =>
            {
                var commit = repo.Commit();
                Assert.That(commit.ExitCode, Is.Zero, "pre-commit refuses the rename: " + commit);
                var push = repo.Git("push", "origin", "feature");
                Assert.That(push.ExitCode, Is.Zero, "pre-push refuses the renamed migration: " + push);
            })
            .Follow();

        var green = Check();
        Assert.That(green.ExitCode, Is.Zero, "check after following the fix: " + green);
        Assert.That(green.Output, Does.Not.Contain("DH205").And.Not.Contain("DH109"));
    }
}
