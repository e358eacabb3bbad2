using DriftHooks.Core.Git;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Commits;

/// <summary>
/// Where git has a committed migration besides this branch: the mainline (the default branch, whose migrations deploy)
/// first, then every remote-tracking branch (pushed or fetched: others may have applied it), this branch's own pushed
/// copy last (its upstream, or a remote's branch of the same name). What the rules' fixes depend on, read only when a
/// rule asks (a commit that touches no committed migration never does).
/// </summary>
internal sealed class MigrationPlaces : IDisposable
{
    private readonly RepositoryReader _reader;
    private readonly string? _branch;
    private bool _owned;
    private List<(string Name, ITreeSource Tree, bool Mainline, bool Own)>? _places;

    /// <summary>Places read from a repository opened on first use, and disposed with this.</summary>
    /// <param name="location">The repository.</param>
    /// <param name="branch">
    /// The branch (<c>refs/heads/feature</c>) whose own pushed copy is no other place; null: HEAD's. In CI's detached
    /// checkout no local branch has the name: the remotes' branches of that name are still its pushed copies.
    /// </param>
    public MigrationPlaces(RepositoryLocation location, string? branch = null)
        : this(new RepositoryReader(location), branch)
    {
        _owned = true;
    }

    /// <summary>Places read through a reader the caller disposes.</summary>
    public MigrationPlaces(RepositoryReader reader, string? branch = null)
    {
        _reader = reader;
        _branch = branch;
    }

    /// <summary>Where the folder is published, or null when no place has it; this branch's own copy only when no other place has it.</summary>
    public PublishedMigration? Find(string folder)
    {
        _places ??= ReadPlaces();
        foreach (var (name, tree, mainline, own) in _places)
        {
            if (tree.Find(folder) is { IsTree: true })
            {
                return new PublishedMigration(name, tree.Find(folder + "/migration.sql")?.ObjectId, mainline, OnlyThisBranch: own && !mainline);
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
        if (_reader.Trees(baseSha).Find(folder) is null)
        {
            return null;
        }

        var commit = baseSha;
        while (_reader.FirstParent(commit) is { } parent && _reader.Trees(parent).Find(folder) is not null)
        {
            commit = parent;
        }

        return new AddingCommit(commit, commit == replaceable);
    }

    private List<(string, ITreeSource, bool, bool)> ReadPlaces()
    {
        var places = new List<(string, ITreeSource, bool, bool)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var own = OwnCopies();
        if (DefaultBranch.Find(_reader) is { } mainline && seen.Add(mainline.Commit))
        {
            places.Add((DefaultBranch.DisplayName(mainline.Name), _reader.Trees(mainline.Commit), true, false));
        }

        var remotes = _reader.References("refs/remotes/")
            .Where(r => r.SymbolicTarget is null)
            .OrderBy(r => own.Contains(r.Name)) // another branch that holds it is named before this branch's own copy
            .ThenBy(r => r.Name, StringComparer.Ordinal);
        foreach (var reference in remotes)
        {
            if (seen.Add(reference.Commit))
            {
                places.Add((DefaultBranch.DisplayName(reference.Name), _reader.Trees(reference.Commit), false, own.Contains(reference.Name)));
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
        var local = named ? (_reader.Resolve(_branch!) is null ? null : _branch) : _reader.Head().Branch;
        string name;
        if (local is not null)
        {
            name = local;
            if (_reader.Upstream(local) is { } upstream)
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
        foreach (var remote in _reader.Remotes())
        {
            own.Add($"refs/remotes/{remote}/{shortName}");
        }

        return own;
    }

    public void Dispose()
    {
        if (_owned)
        {
            _reader.Dispose();
            _owned = false;
        }
    }
}
