using DriftHooks.Core.Range;
using DriftHooks.Core.Rules;
using LibGit2Sharp;

namespace DriftHooks.Core.Git;

/// <summary>
/// Where git has a committed migration besides this branch: the mainline (the default branch, whose migrations deploy)
/// first, then every remote-tracking branch (pushed or fetched: others may have applied it). What the rules' fixes
/// depend on, read through libgit2 only when a rule asks (a commit that touches no committed migration never does).
/// </summary>
public sealed class MigrationPlaces : IDisposable
{
    private readonly Func<Repository> _open;
    private Repository? _repository;
    private bool _owned;
    private List<(string Name, Tree Tree, bool Mainline)>? _places;

    /// <summary>Places read from a repository opened on first use, and disposed with this.</summary>
    public MigrationPlaces(RepositoryLocation location)
    {
        _open = () => GitRepository.Open(location);
        _owned = true;
    }

    /// <summary>Places read from an open repository (not disposed here).</summary>
    public MigrationPlaces(Repository repository)
    {
        _open = () => repository;
    }

    private Repository Repository => _repository ??= _open();

    /// <summary>Where the folder is published, or null when no place has it.</summary>
    public PublishedMigration? Find(string folder)
    {
        _places ??= ReadPlaces();
        foreach (var (name, tree, mainline) in _places)
        {
            if (tree[folder] is { TargetType: TreeEntryTargetType.Tree })
            {
                return new PublishedMigration(name, tree[folder + "/migration.sql"]?.Target.Sha, mainline);
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

    private List<(string, Tree, bool)> ReadPlaces()
    {
        var places = new List<(string, Tree, bool)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (DefaultBranch.Find(Repository) is { } mainline && seen.Add(mainline.Commit.Sha))
        {
            places.Add((DefaultBranch.DisplayName(mainline.Name), mainline.Commit.Tree, true));
        }

        foreach (var reference in Repository.Refs.FromGlob("refs/remotes/*"))
        {
            if (reference is DirectReference && reference.ResolveToDirectReference()?.Target is Commit commit && seen.Add(commit.Sha))
            {
                places.Add((DefaultBranch.DisplayName(reference.CanonicalName), commit.Tree, false));
            }
        }

        return places;
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
