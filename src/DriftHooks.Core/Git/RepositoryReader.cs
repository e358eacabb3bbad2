using DriftHooks.Core.Logging;

namespace DriftHooks.Core.Git;

/// <summary>
/// The one way Core reads git. The project's own readers answer first, each only what it is sure of: refs from the
/// files (<see cref="GitRefs"/>), commits, trees and blobs from loose objects and packs (<see cref="ObjectStore"/>), the
/// index (<see cref="GitIndexReader"/>, read by the callers that need its entries). Whatever they are unsure of (reftable,
/// SHA-256, alternates, a missing or damaged object) is asked of libgit2 (<see cref="Libgit2Repository"/>), opened on
/// first need, as is what they do not read at all: revisions, history walks, merge bases, the reflog, config.
/// One reader per command: packs, packed-refs and trees are read once, and libgit2 is opened at most once.
/// </summary>
internal sealed class RepositoryReader(RepositoryLocation location) : IDisposable
{
    private GitRefs? _refs;
    private ObjectStore? _store;
    private Libgit2Repository? _libgit2;
    private bool _refsUnsure;
    private bool _objectsUnsure;

    public RepositoryLocation Location => location;

    /// <summary>HEAD: its branch (null when detached) and its commit (null before the first commit).</summary>
    public HeadRef Head() => Refs(refs => refs.Head(), git => git.Head());

    /// <summary>The commit a full ref name leads to (symbolic refs followed), or null when there is no such ref.</summary>
    public string? Resolve(string name) => Refs(refs => refs.Resolve(name), git => git.Resolve(name));

    /// <summary>The refs under a prefix (<c>refs/remotes/</c>), in name order, each with its commit.</summary>
    public IReadOnlyList<GitRef> References(string prefix) => Refs(refs => refs.Under(prefix), git => git.Under(prefix));

    /// <summary>The commit a revision names (<c>origin/main</c>, <c>HEAD~2</c>, an id), or null when it names none.</summary>
    /// <exception cref="Findings.ConfigurationException">A revision git cannot parse.</exception>
    public string? RevParse(string revision) => Libgit2.RevParse(revision);

    /// <summary>A shallow clone (CI's default checkout) lacks history beyond its grafted commits.</summary>
    public bool IsShallow => File.Exists(Path.Combine(location.CommonDirectory, "shallow"));

    public string CommitTree(string commit) => Objects(store => store.CommitTree(commit), git => git.CommitTree(commit));

    public string? FirstParent(string commit) => Objects(store => store.FirstParent(commit), git => git.Parents(commit).FirstOrDefault());

    public IReadOnlyList<string> Parents(string commit) => Objects<IReadOnlyList<string>>(store => store.Parents(commit), git => git.Parents(commit));

    /// <summary>The first line of a commit's message, as git's <c>%s</c> shows it.</summary>
    public string Subject(string commit) => Libgit2.Subject(commit);

    /// <summary>The trees and blobs of a commit (none for null: before the first commit), each tree read at most once.</summary>
    public ITreeSource Trees(string? commit) => new StoredTrees(ReadTree, ReadBlob, commit is null ? null : CommitTree(commit));

    /// <summary>
    /// The trees of a commit met on a history walk, read by libgit2 (which walks anyway): over thousands of commits its
    /// cache of delta bases beats the direct reader, which inflates each object's chain of deltas anew.
    /// </summary>
    public ITreeSource HistoryTrees(string commit) => new StoredTrees(Libgit2.ReadTree, Libgit2.ReadBlob, Libgit2.CommitTree(commit));

    public IReadOnlyList<TreeNode> ReadTree(string treeId) => Objects<IReadOnlyList<TreeNode>>(store => store.ReadTree(treeId), git => git.ReadTree(treeId));

    public byte[] ReadBlob(string blobId) => Objects(store => store.ReadBlob(blobId), git => git.ReadBlob(blobId));

    public string? MergeBase(string first, string second) => Libgit2.MergeBase(first, second);

    /// <summary>The commits reachable from <paramref name="include"/> and not from <paramref name="exclude"/>, lazily.</summary>
    public IEnumerable<string> Walk(IEnumerable<string> include, IEnumerable<string> exclude, HistoryOrder order) => Libgit2.Walk(include, exclude, order);

    /// <summary>The commits HEAD's reflog names, newest first.</summary>
    public IEnumerable<string> HeadReflog() => Libgit2.HeadReflog();

    /// <summary>A config value as libgit2 reads it (every level, includes), or null when unset.</summary>
    public string? Config(string key) => Libgit2.Config(key);

    /// <summary>The remote-tracking branch a local branch (<c>refs/heads/x</c>) follows, or null.</summary>
    public string? Upstream(string branch) => Libgit2.Upstream(branch);

    public IReadOnlyList<string> Remotes() => Libgit2.Remotes();

    /// <summary>How many commits <paramref name="local"/> has that <paramref name="upstream"/> lacks, and the reverse.</summary>
    public (int Ahead, int Behind) Divergence(string local, string upstream) => Libgit2.Divergence(local, upstream);

    private Libgit2Repository Libgit2 => _libgit2 ??= Libgit2Repository.Open(location);

    private T Refs<T>(Func<GitRefs, T> own, Func<Libgit2Repository, T> behind)
    {
        if (!_refsUnsure)
        {
            try
            {
                return own(_refs ??= GitRefs.Open(location));
            }
            catch (ObjectStoreException e)
            {
                _refsUnsure = true;
                DiagnosticLog.Current?.Debug("refs read through libgit2: {Reason}", e.Message);
            }
        }

        return behind(Libgit2);
    }

    // After one object the direct reader is unsure of, libgit2 reads the rest: a repository it cannot read once
    // (alternates, SHA-256, a damaged pack) it would fail on again.
    private T Objects<T>(Func<ObjectStore, T> own, Func<Libgit2Repository, T> behind)
    {
        if (!_objectsUnsure)
        {
            try
            {
                return own(_store ??= ObjectStore.Open(location));
            }
            catch (Exception e) when (e is ObjectStoreException or InvalidDataException or EndOfStreamException)
            {
                _objectsUnsure = true;
                DiagnosticLog.Current?.Debug("objects read through libgit2: {Reason}", e.Message);
            }
        }

        return behind(Libgit2);
    }

    public void Dispose()
    {
        _store?.Dispose();
        _libgit2?.Dispose();
    }
}
