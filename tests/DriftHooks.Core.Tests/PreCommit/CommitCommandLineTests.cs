using DriftHooks.Core.PreCommit;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.PreCommit;

public class CommitCommandLineTests
{
    [TestCase("git commit --amend --no-edit", true)]
    [TestCase("/usr/lib/git-core/git commit --amend --no-edit -qa", true, TestName = "An alias arrives expanded")]
    [TestCase("git -C /repo -c core.hooksPath=x commit -q --am", true, TestName = "Global options and an abbreviation")]
    [TestCase("git commit --amend --no-amend", false)]
    [TestCase("git commit --no-amend --amend", true)]
    [TestCase("git commit -m fix", false)]
    [TestCase("git commit -- --amend", false, TestName = "A pathspec after -- is no option")]
    [TestCase("git merge --amend", false)]
    [TestCase("git log commit --amend", false)]
    [TestCase("sh .husky/pre-commit --amend", false)]
    [TestCase("git commit --a", false, TestName = "Too short to be --amend")]
    [TestCase("", false)]
    public void Amend_is_read_from_git_s_command_line(string commandLine, bool amend) =>
        Assert.That(CommitCommandLine.IsAmend(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)), Is.EqualTo(amend));
}
