using DriftHooks.Core.Findings;
using LibGit2Sharp;

namespace DriftHooks.Core.Git;

/// <summary>
/// libgit2 behind <see cref="RepositoryReader"/>: what the project's own readers are unsure of, and what they do not
/// read at all (history walks, merge bases, the reflog, config with its includes). The one file where LibGit2Sharp's
/// types appear: everything leaves here as ids, names and <see cref="TreeNode"/>s.
/// </summary>
internal sealed class Libgit2Repository : IDisposable
{
    private readonly Repository _repository;

    private Libgit2Repository(Repository repository)
    {
        _repository = repository;
    }

    /// <summary>Opens by path: under native AOT <c>Repository.Discover</c> returns null.</summary>
    public static Libgit2Repository Open(RepositoryLocation location)
    {
        try
        {
            return new Libgit2Repository(new Repository(location.GitDirectory));
        }
        catch (LibGit2SharpException e)
        {
            throw new ResourceUnavailableException($"The git repository at '{location.GitDirectory}' cannot be opened: {e.Message}", e);
        }
    }

    public HeadRef Head()
    {
        var head = _repository.Head;
        var branch = _repository.Info.IsHeadDetached ? null : head.CanonicalName;
        return new HeadRef(branch, _repository.Info.IsHeadUnborn ? null : head.Tip?.Sha);
    }

    public string? Resolve(string name) => CommitOf(_repository.Refs[name]);

    public IReadOnlyList<GitRef> Under(string prefix) =>
        [.. _repository.Refs.FromGlob(prefix + "*")
            .Select(r => CommitOf(r) is { } commit ? new GitRef(r.CanonicalName, commit, (r as SymbolicReference)?.TargetIdentifier) : null)
            .OfType<GitRef>()
            .OrderBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>The commit a revision (<c>origin/main</c>, <c>HEAD~2</c>, an id) names, or null when it names none.</summary>
    /// <exception cref="ConfigurationException">A revision git cannot parse.</exception>
    public string? RevParse(string revision)
    {
        try
        {
            return _repository.Lookup<Commit>(revision)?.Sha;
        }
        catch (LibGit2SharpException e)
        {
            throw new ConfigurationException($"{revision} cannot be read as a commit: {e.Message}", e);
        }
    }

    public string Subject(string commit) => Commit(commit).MessageShort ?? "";

    public IReadOnlyList<string> Parents(string commit) => [.. Commit(commit).Parents.Select(p => p.Sha)];

    public string CommitTree(string commit) => Commit(commit).Tree.Sha;

    public TreeNodeList ReadTree(string treeId)
    {
        var tree = _repository.Lookup<Tree>(treeId) ?? throw Missing(treeId);
        var list = new TreeNodeList();
        list.AddRange(tree.Select(e => new TreeNode(e.Name, (int)e.Mode, e.Target.Sha)));
        return list;
    }

    public byte[] ReadBlob(string blobId)
    {
        var blob = _repository.Lookup<Blob>(blobId) ?? throw Missing(blobId);
        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream((int)blob.Size);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public string? MergeBase(string first, string second) => _repository.ObjectDatabase.FindMergeBase(Commit(first), Commit(second))?.Sha;

    /// <summary>The commits reachable from <paramref name="include"/> and not from <paramref name="exclude"/>, lazily.</summary>
    public IEnumerable<string> Walk(IEnumerable<string> include, IEnumerable<string> exclude, HistoryOrder order)
    {
        var filter = new CommitFilter
        {
            IncludeReachableFrom = Commits(include),
            ExcludeReachableFrom = Commits(exclude),
            SortBy = order switch
            {
                HistoryOrder.OldestFirst => CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
                HistoryOrder.NewestFirst => CommitSortStrategies.Topological | CommitSortStrategies.Time,
                _ => CommitSortStrategies.None,
            },
        };
        return _repository.Commits.QueryBy(filter).Select(c => c.Sha);
    }

    /// <summary>The commits HEAD's reflog names, newest first: a commit amended away or of a deleted branch stays there until it expires.</summary>
    public IEnumerable<string> HeadReflog() =>
        _repository.Refs.Log("HEAD").Select(e => e.To.Sha).Where(id => _repository.Lookup<Commit>(id) is not null);

    /// <summary>A config value as git reads it (every level, includes), or null when unset.</summary>
    public string? Config(string key) => _repository.Config.Get<string>(key)?.Value;

    /// <summary>
    /// The ref a local branch (<c>refs/heads/x</c>) follows, as git's <c>@{upstream}</c> names it: from its
    /// <c>branch.x.remote</c> and <c>branch.x.merge</c> through the remote's fetch refspec (<c>.</c>: a local branch), or null.
    /// </summary>
    public string? Upstream(string branch)
    {
        const string heads = "refs/heads/";
        if (!branch.StartsWith(heads, StringComparison.Ordinal)
            || Config($"branch.{branch[heads.Length..]}.remote") is not { Length: > 0 } remote
            || Config($"branch.{branch[heads.Length..]}.merge") is not { } merge)
        {
            return null;
        }

        if (remote == ".")
        {
            return merge;
        }

        var refspecs = _repository.Network.Remotes[remote]?.FetchRefSpecs;
        var mapped = refspecs?.Where(r => r.Direction == RefSpecDirection.Fetch)
            .Select(r => Map(r.Source, r.Destination, merge))
            .FirstOrDefault(m => m is not null);
        return mapped;
    }

    // A fetch refspec's source pattern applied to a remote's ref ("refs/heads/*" to "refs/remotes/origin/*").
    private static string? Map(string source, string destination, string name)
    {
        source = source.TrimStart('+');
        var star = source.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return source == name ? destination : null;
        }

        var (prefix, suffix) = (source[..star], source[(star + 1)..]);
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal) || name.Length < prefix.Length + suffix.Length)
        {
            return null;
        }

        var matched = name[prefix.Length..(name.Length - suffix.Length)];
        return destination.Replace("*", matched, StringComparison.Ordinal);
    }

    public IReadOnlyList<string> Remotes() => [.. _repository.Network.Remotes.Select(r => r.Name)];

    /// <summary>How many commits <paramref name="local"/> has that <paramref name="upstream"/> lacks, and the reverse.</summary>
    public (int Ahead, int Behind) Divergence(string local, string upstream)
    {
        var divergence = _repository.ObjectDatabase.CalculateHistoryDivergence(Commit(local), Commit(upstream));
        return (divergence.AheadBy ?? 0, divergence.BehindBy ?? 0);
    }

    private Commit Commit(string id) => _repository.Lookup<Commit>(id) ?? throw new ResourceUnavailableException(
        $"Commit {id} is not in this repository's object database.");

    // What a walk starts from: the commits among these ids (an annotated tag's ref names a tag, which is left out).
    private List<Commit> Commits(IEnumerable<string> ids) => [.. ids.Select(id => _repository.Lookup(id) as Commit).OfType<Commit>()];

    private static ResourceUnavailableException Missing(string id) =>
        new($"The git object {id} is missing from the repository's object database. Run 'git fsck' to check the repository.");

    private static string? CommitOf(Reference? reference) => (reference?.ResolveToDirectReference()?.Target as Commit)?.Sha;

    public void Dispose() => _repository.Dispose();
}

/// <summary>The order of a history walk.</summary>
internal enum HistoryOrder
{
    /// <summary>Parents before children: a range replayed as it was made.</summary>
    OldestFirst,

    /// <summary>By commit time, newest first: the newest commit that had something.</summary>
    NewestFirst,

    /// <summary>Whatever order is cheapest: for "is there any".</summary>
    Any,
}
