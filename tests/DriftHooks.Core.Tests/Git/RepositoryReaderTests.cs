using System.Text;
using DriftHooks.Core.Git;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Git;

/// <summary>
/// Refs as the direct reader (<see cref="GitRefs"/>), libgit2 behind it and <see cref="RepositoryReader"/> read them,
/// each against what git itself says of the same real repository: packed refs, a detached HEAD, an unborn branch, a
/// linked worktree, symbolic refs.
/// </summary>
public class RepositoryReaderTests
{
    private TempGitRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = new TempGitRepository();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    [Test]
    public void Packed_refs_and_a_loose_ref_over_its_stale_packed_copy()
    {
        Commit("one");
        Commit("two");
        _repo.Git("branch", "topic", "HEAD~1");
        _repo.Git("tag", "v1", "HEAD~1");
        _repo.Git("pack-refs", "--all");
        Commit("three"); // main is loose again, its packed line stale
        Assert.That(File.Exists(Path.Combine(_repo.Root, ".git", "refs", "heads", "topic")), Is.False);
        Assert.That(File.ReadAllText(Path.Combine(_repo.Root, ".git", "packed-refs")), Does.Contain("refs/heads/main"));

        var location = GitHistory.Location(_repo);
        AssertAgreesWithGit(location);
        Assert.That(GitRefs.Open(location).Resolve("refs/heads/topic"), Is.EqualTo(RevParse("topic")).And.Not.EqualTo(RevParse("main")));
        Assert.That(GitRefs.Open(location).Resolve("refs/heads/main"), Is.EqualTo(RevParse("main")));
        Assert.That(GitRefs.Open(location).Resolve("refs/heads/absent"), Is.Null);
    }

    [Test]
    public void A_detached_head_has_no_branch()
    {
        Commit("one");
        Commit("two");
        _repo.Git("checkout", "-q", "--detach", "HEAD~1");
        var location = GitHistory.Location(_repo);

        AssertAgreesWithGit(location);
        using var reader = new RepositoryReader(location);
        Assert.That(reader.Head(), Is.EqualTo(new HeadRef(null, RevParse("main~1"))));
        Assert.That(GitRepository.CurrentBranch(reader.Head()), Is.EqualTo($"(detached at {RevParse("main~1")[..7]})"));
    }

    [Test]
    public void An_unborn_branch_has_a_name_and_no_commit()
    {
        var location = GitHistory.Location(_repo);
        AssertAgreesWithGit(location);
        Assert.That(GitRefs.Open(location).Head(), Is.EqualTo(new HeadRef("refs/heads/main", null)));

        Commit("one");
        _repo.Git("checkout", "-q", "--orphan", "fresh");
        AssertAgreesWithGit(location);
        using var reader = new RepositoryReader(location);
        Assert.That(reader.Head(), Is.EqualTo(new HeadRef("refs/heads/fresh", null)));
        Assert.That(reader.Trees(reader.Head().Commit).Find(""), Is.Null, "before the first commit there is no tree");
    }

    [Test]
    public void A_linked_worktree_has_its_own_head_and_shares_the_branches()
    {
        Commit("one");
        Commit("two");
        var worktree = _repo.Root + "-wt";
        try
        {
            _repo.Git("worktree", "add", "-q", "-b", "side", worktree, "HEAD~1");
            _repo.Git("pack-refs", "--all");
            var linked = RepositoryLocation.Find(worktree);
            Assert.That(linked.GitDirectory, Is.Not.EqualTo(linked.CommonDirectory));

            AssertAgreesWithGit(linked, worktree);
            AssertAgreesWithGit(GitHistory.Location(_repo));
            Assert.That(GitRefs.Open(linked).Head(), Is.EqualTo(new HeadRef("refs/heads/side", RevParse("side"))));
            Assert.That(GitRefs.Open(GitHistory.Location(_repo)).Head(), Is.EqualTo(new HeadRef("refs/heads/main", RevParse("main"))));
            Assert.That(GitRepository.CurrentBranch(linked), Is.EqualTo("side"));
        }
        finally
        {
            _repo.Git("worktree", "remove", "--force", worktree);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void A_symbolic_ref_leads_to_its_target(bool packed)
    {
        Commit("one");
        Commit("two");
        _repo.Git("update-ref", "refs/remotes/origin/main", "HEAD~1");
        _repo.Git("update-ref", "refs/remotes/origin/feature", "HEAD");
        _repo.Git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
        if (packed)
        {
            _repo.Git("pack-refs", "--all"); // the symbolic ref stays loose; its target moves into packed-refs
        }

        var location = GitHistory.Location(_repo);
        AssertAgreesWithGit(location);
        using var reader = new RepositoryReader(location);
        var originHead = reader.References("refs/remotes/").Single(r => r.Name == "refs/remotes/origin/HEAD");
        Assert.That(originHead, Is.EqualTo(new GitRef("refs/remotes/origin/HEAD", RevParse("origin/main"), "refs/remotes/origin/main")));
        Assert.That(DefaultBranch.Find(reader), Is.EqualTo(("refs/remotes/origin/main", RevParse("origin/main"))));

        // HEAD itself is a symbolic ref: one naming a remote-tracking branch is followed there too.
        _repo.Git("symbolic-ref", "HEAD", "refs/remotes/origin/feature");
        AssertAgreesWithGit(location);
        Assert.That(GitRefs.Open(location).Head(), Is.EqualTo(new HeadRef("refs/remotes/origin/feature", RevParse("origin/feature"))));
    }

    [Test]
    public void The_upstream_is_what_git_calls_upstream()
    {
        Commit("one");
        _repo.Git("update-ref", "refs/remotes/origin/main", "HEAD");
        _repo.Git("update-ref", "refs/remotes/mirror/trunk", "HEAD");
        _repo.Git("config", "remote.origin.url", "https://example.invalid/origin.git");
        _repo.Git("config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*");
        _repo.Git("config", "remote.mirror.url", "https://example.invalid/mirror.git");
        _repo.Git("config", "remote.mirror.fetch", "+refs/heads/main:refs/remotes/mirror/trunk");
        _repo.Git("branch", "-q", "local-base");
        _repo.Git("branch", "-q", "feature");
        _repo.Git("branch", "-q", "other");
        _repo.Git("branch", "-q", "-u", "origin/main", "main");
        _repo.Git("branch", "-q", "-u", "mirror/trunk", "feature");
        _repo.Git("branch", "-q", "-u", "local-base", "other");

        using var reader = new RepositoryReader(GitHistory.Location(_repo));
        foreach (var branch in new[] { "main", "feature", "other", "local-base" })
        {
            var (code, upstream, _) = Run(null, "rev-parse", "--symbolic-full-name", branch + "@{upstream}");
            Assert.That(reader.Upstream("refs/heads/" + branch), Is.EqualTo(code == 0 ? upstream : null), branch);
        }

        Assert.That(reader.Upstream("refs/heads/main"), Is.EqualTo("refs/remotes/origin/main"), "the test asks something");
        Assert.That(reader.Divergence(RevParse("main"), RevParse("origin/main")), Is.EqualTo((0, 0)));
        Commit("two");
        Assert.That(reader.Divergence(RevParse("main"), RevParse("origin/main")), Is.EqualTo((1, 0)));
    }

    [Test]
    public void A_lock_file_is_no_ref()
    {
        Commit("one");
        _repo.WriteFile(".git/refs/heads/wip.lock", RevParse("HEAD") + "\n");
        var location = GitHistory.Location(_repo);
        Assert.That(GitRefs.Open(location).Under("refs/heads/").Select(r => r.Name), Is.EqualTo(new[] { "refs/heads/main" }));
    }

    [Test]
    public void A_ref_of_an_unknown_form_is_left_to_libgit2()
    {
        Commit("one");
        var location = GitHistory.Location(_repo);
        File.WriteAllText(Path.Combine(location.GitDirectory, "HEAD"), "garbage\n");
        Assert.Throws<ObjectStoreException>(() => GitRefs.Open(location).Head());
    }

    // HEAD, its commit and every branch and remote-tracking ref, as git prints them, read by the direct reader, by
    // libgit2 and by the reader that puts one before the other.
    private void AssertAgreesWithGit(RepositoryLocation location, string? workTree = null)
    {
        var (symbolicCode, symbolic, _) = Run(workTree, "symbolic-ref", "-q", "HEAD");
        var (commitCode, commit, _) = Run(workTree, "rev-parse", "-q", "--verify", "HEAD^{commit}");
        var expectedHead = new HeadRef(symbolicCode == 0 ? symbolic : null, commitCode == 0 ? commit : null);
        var refs = Run(workTree, "for-each-ref", "--format=%(refname) %(objectname) %(symref)", "refs/heads/", "refs/remotes/").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(parts => new GitRef(parts[0], parts[1], parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null))
            .ToList();

        using var libgit2 = Libgit2Repository.Open(location);
        using var reader = new RepositoryReader(location);
        var own = GitRefs.Open(location);
        Assert.Multiple(() =>
        {
            Assert.That(own.Head(), Is.EqualTo(expectedHead), "direct");
            Assert.That(libgit2.Head(), Is.EqualTo(expectedHead), "libgit2");
            Assert.That(reader.Head(), Is.EqualTo(expectedHead), "reader");
            Assert.That(own.Under("refs/heads/").Concat(own.Under("refs/remotes/")), Is.EqualTo(refs), "direct");
            Assert.That(libgit2.Under("refs/heads/").Concat(libgit2.Under("refs/remotes/")), Is.EqualTo(refs), "libgit2");
            foreach (var reference in refs)
            {
                Assert.That(reader.Resolve(reference.Name), Is.EqualTo(reference.Commit), reference.Name);
            }
        });
    }

    private (int Code, string Output, string Error) Run(string? workTree, params string[] args)
    {
        var (code, stdout, stderr) = workTree is null
            ? _repo.Run(null, args)
            : Support.IsolatedProcess.Run("git", args, workTree, _repo.Environment, null);
        return (code, Encoding.UTF8.GetString(stdout).Trim(), stderr);
    }

    private string RevParse(string revision) => _repo.Git("rev-parse", revision + "^{commit}").Trim();

    private void Commit(string name)
    {
        _repo.WriteFile(name + ".txt", name + "\n");
        _repo.Git("add", name + ".txt");
        _repo.Git("commit", "-q", "-m", name);
    }
}
