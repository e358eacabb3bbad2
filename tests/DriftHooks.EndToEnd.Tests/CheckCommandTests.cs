using System.Text.Json;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary><c>drifthooks check</c> over CI ranges in real repositories, with the native binary.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class CheckCommandTests
{
    private const string Models = "model User {\n  id Int @id\n}\n";
    private const string Init = "prisma/migrations/20240101000000_init/migration.sql";

    /// <summary>main with a Prisma project; a feature branch whose middle commit edited a committed migration with --no-verify.</summary>
    private static (TestRepository Repo, string BadSha) RangeWithNoVerifyEdit()
    {
        var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks("base");
        repo.MustGit("switch", "-q", "-c", "feature");
        repo.Write("notes.txt", "one\n");
        repo.CommitAllWithoutHooks("Add notes");
        repo.Write(Init, repo.Read(Init) + "-- tweaked after the fact\n");
        repo.CommitAllWithoutHooks("Tweak the init migration");
        var bad = repo.MustGit("rev-parse", "--short=7", "HEAD").Trim();
        repo.Write("notes.txt", "two\n");
        repo.CommitAllWithoutHooks("More notes");
        return (repo, bad);
    }

    [Test]
    public void A_no_verify_edit_in_the_range_fails_naming_its_commit_in_text()
    {
        var (repo, bad) = RangeWithNoVerifyEdit();
        using var _ = repo;
        var result = repo.Drifthooks("check");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Output, Does.Contain($"commit {bad} \"Tweak the init migration\"").And.Contain("DH102").And.Contain("3 commits"));
        Assert.That(result.Output, Does.Not.Contain("\"More notes\"\n" + "error"), "only the commit that broke the rule is blamed");
    }

    [Test]
    public void A_no_verify_edit_in_the_range_fails_naming_its_commit_in_json()
    {
        var (repo, bad) = RangeWithNoVerifyEdit();
        using var _ = repo;
        var result = repo.Drifthooks("check", "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("commitsChecked").GetInt32(), Is.EqualTo(3));
        Assert.That(root.GetProperty("errors").GetInt32(), Is.EqualTo(1));
        var error = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("severity").GetString() == "error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("DH102"));
        Assert.That(error.GetProperty("location").GetString(), Is.EqualTo("prisma/migrations/20240101000000_init"));
        Assert.That(error.GetProperty("commit").GetProperty("shortSha").GetString(), Is.EqualTo(bad));
        Assert.That(error.GetProperty("commit").GetProperty("subject").GetString(), Is.EqualTo("Tweak the init migration"));
    }

    [Test]
    public void A_no_verify_edit_in_the_range_fails_as_a_GitHub_annotation()
    {
        var (repo, bad) = RangeWithNoVerifyEdit();
        using var _ = repo;
        var result = repo.Drifthooks("check", "--format", "github");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var line = result.Output.Split('\n').Single(l => l.StartsWith("::error", StringComparison.Ordinal));
        Assert.That(line, Does.StartWith($"::error file=prisma/migrations/20240101000000_init,title=DH102 in commit {bad} \"Tweak the init migration\"::"));
        Assert.That(line, Does.Contain("%0Afix: "), "the fix travels in the annotation, newline escaped");
    }

    [Test]
    public void A_clean_range_passes_and_an_explicit_base_narrows_it()
    {
        var (repo, _) = RangeWithNoVerifyEdit();
        using var __ = repo;
        var result = repo.Drifthooks("check", "--base", "HEAD~1");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("passed, 1 commit"));

        // A proper schema change with its migration, committed through nothing but git.
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + Models + "model Post {\n  id Int @id\n}\n");
        repo.Write("prisma/migrations/20240201000000_post/migration.sql", "CREATE TABLE \"Post\" (\"id\" INTEGER NOT NULL, CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));\n");
        repo.CommitAllWithoutHooks("Add Post");
        result = repo.Drifthooks("check", "--base", "HEAD~2", "--format", "github");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Not.Contain("::error"));
    }

    [Test]
    public void A_merge_is_judged_by_what_it_brings_into_its_first_parent()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks("base");
        var @base = repo.MustGit("rev-parse", "HEAD").Trim();

        // A side branch writes a migration; main meanwhile gets a newer one. Each commit is fine on its own branch.
        repo.MustGit("switch", "-q", "-c", "side");
        repo.Write("prisma/migrations/20240201000000_side/migration.sql", "SELECT 1;\n");
        repo.CommitAllWithoutHooks("Side migration");
        repo.MustGit("switch", "-q", "main");
        repo.Write("prisma/migrations/20240301000000_main/migration.sql", "SELECT 2;\n");
        repo.CommitAllWithoutHooks("Main migration");
        repo.MustGit("merge", "-q", "--no-ff", "--no-verify", "-m", "Merge side into main", "side");
        var merge = repo.MustGit("rev-parse", "--short=7", "HEAD").Trim();

        var result = repo.Drifthooks("check", "--base", @base, "--format", "json");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.That(json.RootElement.GetProperty("commitsChecked").GetInt32(), Is.EqualTo(3));
        var errors = json.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("severity").GetString() == "error").ToList();
        Assert.That(errors, Has.Count.EqualTo(1), result.Output);
        Assert.That(errors[0].GetProperty("code").GetString(), Is.EqualTo("DH109"), "the merge brings a migration older than main's newest");
        Assert.That(errors[0].GetProperty("commit").GetProperty("shortSha").GetString(), Is.EqualTo(merge));
        Assert.That(errors[0].GetProperty("location").GetString(), Is.EqualTo("prisma/migrations/20240201000000_side"));
    }

    [Test]
    public async Task The_head_commit_is_compared_with_production_when_it_is_configured()
    {
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 2);
        await scenario.ApplyAsync(("20240301000000_hotfix", PushScenario.Script(99)));
        var result = scenario.Repository.Drifthooks("check", "--base", "HEAD");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Output, Does.Contain("DH201").And.Contain("20240301000000_hotfix").And.Contain("head compared with production"));
        Assert.That(result.All, Does.Not.Contain("PASSWORD").IgnoreCase.And.Not.Contain(scenario.Production.PrismaUrl));
    }

    [Test]
    public void An_unreachable_production_is_a_resource_error_worded_for_the_check()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks("base");
        repo.Environment["DRIFTHOOKS_PRODUCTION_URL"] = "postgresql://ci:not-a-real-secret@127.0.0.1:1/app?schema=public";
        var result = repo.Drifthooks("check", "--base", "HEAD");
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Output, Does.Contain("DH200").And.Contain("let the head commit through unchecked"));
        Assert.That(result.Output, Does.Not.Contain("pushes").And.Not.Contain("head compared with production"), "it was not compared");
        Assert.That(result.All, Does.Not.Contain("not-a-real-secret"));
    }

    [Test]
    public void Without_a_default_branch_or_base_it_is_a_usage_error()
    {
        using var repo = new TestRepository(init: false);
        repo.MustGit("init", "-q", "-b", "trunk");
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks();
        var result = repo.Drifthooks("check");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("--base"));
    }
}
