using DriftHooks.Core.Findings;
using DriftHooks.Core.PrePush;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.PrePush;

public class PushedRefTests
{
    [Test]
    public void Lines_from_git_are_read_with_deletions_and_tags_recognised()
    {
        var sha = new string('a', 40);
        var zero = new string('0', 40);
        var refs = PushedRef.Parse($"refs/heads/main {sha} refs/heads/main {zero}\r\n(delete) {zero} refs/heads/old {sha}\nrefs/tags/v1 {sha} refs/tags/v1 {zero}\n\n");
        Assert.That(refs, Has.Count.EqualTo(3));
        Assert.That(refs[0].RemoteBranch, Is.EqualTo("main"));
        Assert.That(refs[0].IsDeletion, Is.False);
        Assert.That(refs[1].IsDeletion, Is.True);
        Assert.That(refs[2].RemoteBranch, Is.Null);
    }

    [Test]
    public void The_push_is_written_back_as_the_command_that_repeats_it()
    {
        var sha = new string('a', 40);
        var zero = new string('0', 40);
        var refs = PushedRef.Parse($"refs/heads/main {sha} refs/heads/main {zero}\n(delete) {zero} refs/heads/old {sha}\nHEAD {sha} refs/heads/hotfix {zero}\nrefs/tags/v1 {sha} refs/tags/v1 {zero}\n");
        Assert.That(PushedRef.Command("origin", refs), Is.EqualTo("git push origin main :old HEAD:refs/heads/hotfix refs/tags/v1"));
        Assert.That(PushedRef.Command("/srv/git/app repo.git", refs.Take(1)), Is.EqualTo("git push '/srv/git/app repo.git' main"));
    }

    [TestCase("git push -u origin feat/x", "git push -u origin feat/x", TestName = "The push git ran is repeated with its options")]
    [TestCase("/usr/lib/git-core/git -C /srv/app push --force-with-lease origin feat/x", "git -C /srv/app push --force-with-lease origin feat/x", TestName = "Global options kept, each word quoted where the shell needs it")]
    [TestCase("git push origin my$branch", "git push origin 'my$branch'", TestName = "A word the shell would expand is quoted")]
    [TestCase("git commit -m x", "git push origin feat/x", TestName = "Not a push: the refs git named")]
    [TestCase("sh .husky/pre-push", "git push origin feat/x", TestName = "Not git: the refs git named")]
    public void The_push_repeated_in_a_fix_is_the_one_git_ran(string commandLine, string repeated)
    {
        var refs = PushedRef.Parse($"refs/heads/feat/x {new string('a', 40)} refs/heads/feat/x {new string('0', 40)}\n");
        Assert.That(PushedRef.Repeat(commandLine.Split(' '), "origin", refs), Is.EqualTo(repeated));
        Assert.That(PushedRef.Repeat(null, "origin", refs), Is.EqualTo("git push origin feat/x"));
    }

    [Test]
    public void A_malformed_line_is_a_usage_error() =>
        Assert.Throws<ConfigurationException>(() => PushedRef.Parse("refs/heads/main abc"));

    [TestCase("main", "main", true)]
    [TestCase("release/1.2", "release/*", true)]
    [TestCase("feature/x", "release/*", false)]
    [TestCase("mainline", "main", false)]
    [TestCase("a.b", "a.b", true)]
    [TestCase("axb", "a.b", false)]
    public void Branch_patterns_use_star_wildcards(string branch, string pattern, bool expected) =>
        Assert.That(PushedRef.BranchMatches(branch, pattern), Is.EqualTo(expected));
}
