using DriftHooks.Core.Check;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Check;

/// <summary>Which branch CI checks, from --branch or the variables GitHub Actions and GitLab set.</summary>
public class CiBranchTests
{
    [Test]
    public void The_option_wins_then_the_first_CI_variable_set()
    {
        var github = new Dictionary<string, string?> { ["GITHUB_HEAD_REF"] = "feature", ["GITHUB_REF_NAME"] = "12/merge", ["GITHUB_REF_TYPE"] = "branch" };
        Assert.Multiple(() =>
        {
            Assert.That(CiBranch.Find("refs/heads/other", github), Is.EqualTo("other"));
            Assert.That(CiBranch.Find(null, github), Is.EqualTo("feature"), "a pull request: its head branch, not the merge ref");
            Assert.That(CiBranch.Find(null, new Dictionary<string, string?> { ["GITHUB_HEAD_REF"] = "", ["GITHUB_REF_NAME"] = "main", ["GITHUB_REF_TYPE"] = "branch" }), Is.EqualTo("main"), "a push: the branch pushed");
            Assert.That(CiBranch.Find(null, new Dictionary<string, string?> { ["GITHUB_REF_NAME"] = "v1.0", ["GITHUB_REF_TYPE"] = "tag" }), Is.Null, "a tag is no branch");
            Assert.That(CiBranch.Find(null, new Dictionary<string, string?> { ["CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"] = "mr-branch", ["CI_COMMIT_BRANCH"] = "x" }), Is.EqualTo("mr-branch"));
            Assert.That(CiBranch.Find(null, new Dictionary<string, string?> { ["CI_COMMIT_BRANCH"] = "gitlab-branch" }), Is.EqualTo("gitlab-branch"));
            Assert.That(CiBranch.Find("  ", new Dictionary<string, string?>()), Is.Null, "none named: HEAD's own branch is used");
        });
    }
}
