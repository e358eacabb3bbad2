using DriftHooks.Core.Range;
using DriftHooks.Core.Rules;
using LibGit2Sharp;

namespace DriftHooks.Core.Git;

/// <summary>
/// Where git has a committed migration besides this branch: the mainline (the default branch, whose migrations deploy)
/// first, then every remote-tracking branch (pushed or fetched: others may have applied it), this branch's own pushed
/// copy last (its upstream, or a remote's branch of the same name). What the rules' fixes depend on, read through
/// libgit2 only when a rule asks (a commit that touches no committed migration never does).
/// </summary>
internal sealed class MigrationPlaces : IDisposable
{
    private readonly Func<Repository> _open;
    private readonly string? _branch;
    private Repository? _repository;
    private bool _owned;
    private List<(string Name, Tree Tree, bool Mainline, bool Own)>? _places;

    /// <summary>Places read from a repository opened on first use, and disposed with this.</summary>
    /// <param name="location">The repository.</param>
    /// <param name="branch">
    /// The branch (<c>refs/heads/feature</c>) whose own pushed copy is no other place; null: HEAD's. In CI's detached
    /// checkout no local branch has the name: the remotes' branches of that name are still its pushed copies.
    /// </param>
    public MigrationPlaces(RepositoryLocation location, string? branch = null)
    {
        _open = () => GitRepository.Open(location);
        _owned = true;
        _branch = branch;
    }

    /// <summary>Places read from an open repository (not disposed here).</summary>
    public MigrationPlaces(Repository repository, string? branch = null)
    {
        _open = () => repository;
        _branch = branch;
    }

    private Repository Repository => _repository ??= _open();

    /// <summary>Where the folder is published, or null when no place has it; this branch's own copy only when no other place has it.</summary>
    public PublishedMigration? Find(string folder)
    {
        _places ??= ReadPlaces();
        foreach (var (name, tree, mainline, own) in _places)
        {
            if (tree[folder] is { TargetType: TreeEntryTargetType.Tree })
            {
                return new PublishedMigration(name, tree[folder + "/migration.sql"]?.Target.Sha, mainline, OnlyThisBranch: own && !mainline);
            }
        }

        return null;
    }

    /// <summary>
    /// The commit that added <paramref name="folder"/> on the first-parent line of <paramref name="baseSha"/> (the oldest
    /// of those that hold it in a row); <paramref name="replaceable"/> is the commit an amend would replace, if any.
    /// </summary>
    public AddingCommit? AddedBy(string folder, string baseSha, string? replaceable)
    {
        var commit = Repository.Lookup<Commit>(baseSha);
        if (commit?.Tree[folder] is null)
        {
            return null;
        }

        while (commit.Parents.FirstOrDefault() is { } parent && parent.Tree[folder] is not null)
        {
            commit = parent;
        }

        return new AddingCommit(commit.Sha, commit.Sha == replaceable);
    }

    private List<(string, Tree, bool, bool)> ReadPlaces()
    {
        var places = new List<(string, Tree, bool, bool)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var own = OwnCopies();
        if (DefaultBranch.Find(Repository) is { } mainline && seen.Add(mainline.Commit.Sha))
        {
            places.Add((DefaultBranch.DisplayName(mainline.Name), mainline.Commit.Tree, true, false));
        }

        var remotes = Repository.Refs.FromGlob("refs/remotes/*")
            .Where(r => r is DirectReference)
            .OrderBy(r => own.Contains(r.CanonicalName)) // another branch that holds it is named before this branch's own copy
            .ThenBy(r => r.CanonicalName, StringComparer.Ordinal);
        foreach (var reference in remotes)
        {
            if (reference.ResolveToDirectReference()?.Target is Commit commit && seen.Add(commit.Sha))
            {
                places.Add((DefaultBranch.DisplayName(reference.CanonicalName), commit.Tree, false, own.Contains(reference.CanonicalName)));
            }
        }

        return places;
    }

    // The remote-tracking branches that are the judged branch pushed: its configured upstream, and any remote's branch
    // of its name.
    private HashSet<string> OwnCopies()
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        var named = _branch?.StartsWith("refs/heads/", StringComparison.Ordinal) == true;
        var branch = named ? Repository.Branches[_branch] : Repository.Head;
        string name;
        if (branch is { IsRemote: false, CanonicalName: { } local } && local.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            name = local;
            if (branch.TrackedBranch?.CanonicalName is { } upstream)
            {
                own.Add(upstream);
            }
        }
        else if (named)
        {
            name = _branch!; // a branch CI names for its detached checkout: no local branch, its pushed copies remain
        }
        else
        {
            return own; // a detached HEAD is no branch: nothing counts as its own copy
        }

        var shortName = DefaultBranch.ShortName(name);
        foreach (var remote in Repository.Network.Remotes)
        {
            own.Add($"refs/remotes/{remote.Name}/{shortName}");
        }

        return own;
    }

    public void Dispose()
    {
        if (_owned)
        {
            _repository?.Dispose();
            _owned = false;
        }
    }
}
