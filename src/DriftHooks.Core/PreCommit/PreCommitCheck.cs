using DriftHooks.Core.Commits;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.PreCommit;

/// <summary>
/// The pre-commit check: what the index (the one git hands the hook) would commit, against HEAD.
/// Fast path first: one pass over the index reads the entries that can locate a Prisma project, those under any
/// "prisma" folder and the index's cache-tree; HEAD and its trees are read through RepositoryReader, from the files directly; a project
/// whose folders have HEAD's ids is done there. libgit2 is loaded only when that reader meets something it does
/// not handle.
/// </summary>
internal static class PreCommitCheck
{
    /// <param name="location">The repository, with the index git handed the hook.</param>
    /// <param name="options">The loaded configuration.</param>
    /// <param name="isAmend">
    /// Whether the commit replaces HEAD (<c>git commit --amend</c>), asked only where a Prisma project is in play: it is
    /// then judged against HEAD's parent, as the commit it will be, so fixing up the migration of a commit not yet pushed
    /// is no edit of a committed migration. A HEAD that a remote-tracking branch already points at is shared: its
    /// migrations are judged as committed ones still.
    /// </param>
    /// <remarks>
    /// Where a rule asks, the mainline and the remote-tracking branches say whether a committed migration is shared
    /// (<see cref="MigrationPlaces"/>): a merge of the default branch brings migrations committed there, a rename of
    /// one that only this branch has is the fix of its order, and the fix of an edit depends on it.
    /// </remarks>
    public static IReadOnlyList<Finding> Run(RepositoryLocation location, DriftHooksOptions options, Func<bool>? isAmend = null)
    {
        using var reader = new RepositoryReader(location);
        using var places = new MigrationPlaces(reader);
        return Check(reader, options, () => isAmend?.Invoke() == true && !IsPushed(reader), places);
    }

    // HEAD is the tip of a remote-tracking branch: it was pushed or fetched, so others may have applied it.
    private static bool IsPushed(RepositoryReader reader) =>
        reader.Head().Commit is { } head && reader.References("refs/remotes/").Any(r => r.Commit == head);

    private static IReadOnlyList<Finding> Check(RepositoryReader reader, DriftHooksOptions options, Func<bool> decideAmend, MigrationPlaces places)
    {
        var location = reader.Location;
        var scan = GitIndexReader.ScanForProjects(location.IndexFile);
        var discovered = ProjectLocator.InIndex(scan, reader, options.Projects, collapsed: false);
        var remembered = options.Projects.Count == 0 ? ProjectMemory.Read(location.StateDirectory) : [];
        var projects = ProjectMemory.Merge(discovered, remembered);
        if (projects.Count == 0)
        {
            return [];
        }

        // Said on every commit until fixed: an edit in the schema the config really names would otherwise pass unseen.
        var assumed = discovered.Where(p => p.Assumed is not null).Select(p => Finding.Warning(
            RuleCodes.SchemaUnreadable,
            $"{p.Assumed}: DriftHooks checks {p.SchemaPath} and {p.MigrationsPath} instead, so if the schema is elsewhere, edits to it are not checked.",
            p.Assumed![..p.Assumed!.IndexOf(' ', StringComparison.Ordinal)],
            $"name the schema in drifthooks.json: {{ \"Projects\": [{{ \"Schema\": \"<path>\", \"Migrations\": \"<path>\" }}] }}, or write schema: as a string literal or path.join(__dirname, \"…\")")).ToList();

        var amend = decideAmend();
        var judged = new Judged(location, options, scan, discovered, remembered, projects);
        var headCommit = reader.Head().Commit;
        var baseCommit = amend && headCommit is not null ? reader.FirstParent(headCommit) : headCommit;
        return [.. assumed, .. judged.Judge(reader.Trees(baseCommit), reader.ReadBlob, Base(amend, headCommit, baseCommit, places))];
    }

    // The commit is compared with HEAD, or with HEAD's parent on amend; an edited migration that no remote has is folded
    // into the commit that added it, which an amend replaces when that is HEAD.
    private static CommitBase Base(bool amend, string? headCommit, string? baseCommit, MigrationPlaces places) => new()
    {
        Revision = amend ? "HEAD~1" : "HEAD",
        Published = places.Find,
        AddedBy = folder => baseCommit is null ? null : places.AddedBy(folder, baseCommit, amend ? null : headCommit),
    };

    /// <summary>What the check does with HEAD's trees, however the reader got them.</summary>
    private sealed record Judged(
        RepositoryLocation Location, DriftHooksOptions Options, IndexScan Scan, IReadOnlyList<PrismaProject> Discovered, IReadOnlyList<PrismaProject> Remembered, List<PrismaProject> Projects)
    {
        /// <remarks>
        /// The prefixes' own ids decide the common commit (the thousand folders below them matter only after that), and a
        /// changed folder is walked beside HEAD's rather than hashed (1,000 migrations cost more to hash).
        /// </remarks>
        public IReadOnlyList<Finding> Judge(ITreeSource head, Func<string, byte[]> readBlob, CommitBase commitBase)
        {
            Remember(Location, Remembered, Discovered, Projects, head);
            var (changed, prefixes, entries) = Select(Location, Scan, Projects, head);
            var cacheTree = Scan.ParsedCacheTree;
            if (changed.All(p => IsUnchangedByCachedIds(p, head, entries, cacheTree)))
            {
                return [];
            }

            var index = new IndexTree(entries, readBlob, cacheTree, prefixes, hashFolders: false, baseTree: head);
            var withShadow = commitBase with { Shadow = project => ThrowawayShadow.For(Location, project, Options.Settings), Invocation = Installation.Invocation.ForThisProcess(Location) };
            return CommitJudgement.Judge(changed, head, index, Location.WorkTree, withShadow, Options.DisabledRules, dataNotes: true);
        }
    }

    /// <summary>
    /// The projects the index can change, their prefixes, and the index entries under those. A sparse index's collapsed
    /// directory holding exactly HEAD's tree changes nothing, so a project inside one is left out; one that differs from
    /// HEAD, or that cuts a project in two, hides what the check must see and is refused.
    /// </summary>
    private static (List<PrismaProject> Projects, List<string> Prefixes, IReadOnlyList<IndexEntry> Entries) Select(
        RepositoryLocation location, IndexScan scan, List<PrismaProject> projects, ITreeSource head)
    {
        var collapsed = scan.Collapsed ?? [];
        foreach (var directory in collapsed)
        {
            if (head.Find(directory.Path) is not { IsTree: true } node || !node.HasSameId(directory.ToNode(node.Name)))
            {
                throw GitIndexReader.SparseDirectory(location.IndexFile, directory.Path, "is collapsed into one entry that differs from HEAD's, hiding changes this check needs");
            }
        }

        var changed = collapsed.Count == 0 ? projects : [.. projects.Where(p => !p.Prefixes.All(prefix => collapsed.Any(d => RepoPath.IsUnder(prefix, d.Path))))];
        var prefixes = changed.SelectMany(p => p.Prefixes).Distinct(StringComparer.Ordinal).ToList();
        foreach (var directory in collapsed)
        {
            if (prefixes.FirstOrDefault(p => RepoPath.IsUnder(directory.Path, p) || RepoPath.IsUnder(p, directory.Path)) is { } prefix)
            {
                throw GitIndexReader.SparseDirectory(location.IndexFile, directory.Path, $"is collapsed into one entry, cutting the Prisma folder '{prefix}' in two");
            }
        }

        IReadOnlyList<IndexEntry> entries = prefixes.All(PrismaProjectLocator.IsCoveredByLikely)
            ? UnderAny(scan.Second, prefixes)
            : GitIndexReader.ReadEntries(location.IndexFile, prefixes);
        return (changed, prefixes, entries);
    }

    // A plain loop: a lambda per entry (a thousand migrations) would allocate a closure and an enumerator each.
    private static List<IndexEntry> UnderAny(List<IndexEntry> entries, List<string> prefixes)
    {
        var under = new List<IndexEntry>(entries.Count);
        foreach (var entry in entries)
        {
            foreach (var prefix in prefixes)
            {
                if (RepoPath.IsUnder(entry.Path, prefix))
                {
                    under.Add(entry);
                    break;
                }
            }
        }

        return under;
    }

    /// <summary>
    /// The common commit, decided without building the index's trees: each prefix's id in the index (its entry's
    /// blob id, or its folder's cache-tree id) equals HEAD's. False whenever that is not certain.
    /// </summary>
    private static bool IsUnchangedByCachedIds(PrismaProject project, ITreeSource head, IReadOnlyList<IndexEntry> entries, CacheTree? cacheTree)
    {
        foreach (var prefix in project.Prefixes)
        {
            IndexEntry? file = null;
            var exact = 0;
            var certain = true;
            var below = false;
            foreach (var entry in entries)
            {
                if (entry.Path == prefix)
                {
                    exact++;
                    file = entry;
                    certain &= entry.Stage == 0 && !entry.IntentToAdd; // a conflict or intent-to-add: not certain
                }
                else if (RepoPath.IsUnder(entry.Path, prefix))
                {
                    below = true;
                }
            }

            if (!certain || exact > 1 || (exact == 1 && below))
            {
                return false;
            }

            var headNode = head.Find(prefix);
            if (file is not null)
            {
                if (headNode is null || headNode.ObjectId != file.ObjectId)
                {
                    return false;
                }
            }
            else if (below)
            {
                // Raw ids compared: no hex for either side.
                if (cacheTree is null || !cacheTree.TryGetId(cacheTree.Find(prefix), out var indexId) || headNode is null || !headNode.HasId(indexId))
                {
                    return false;
                }
            }
            else if (headNode is not null)
            {
                return false; // nothing at or under the prefix in the index, something in HEAD
            }
        }

        return true;
    }

    // Remembered projects stay remembered while HEAD still holds them, so retrying a refused deletion is refused again.
    private static void Remember(RepositoryLocation location, IReadOnlyList<PrismaProject> remembered, IReadOnlyList<PrismaProject> discovered, List<PrismaProject> projects, ITreeSource head)
    {
        if (remembered.Count == 0 && discovered.Count == 0)
        {
            return;
        }

        var keep = projects.Where(p => discovered.Contains(p) || head.Find(p.SchemaPath) is not null || head.Find(p.MigrationsPath) is not null).ToList();
        ProjectMemory.Write(location.StateDirectory, remembered, keep);
    }
}
