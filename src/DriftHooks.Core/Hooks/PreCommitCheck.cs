using DriftHooks.Core.Configuration;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using LibGit2Sharp;

namespace DriftHooks.Core.Hooks;

/// <summary>
/// The pre-commit check: what the index (the one git hands the hook) would commit, against HEAD.
/// Fast path first: only index entries that can locate a Prisma project are read, and a project whose folders
/// hash to HEAD's ids is done without opening anything else.
/// </summary>
public static class PreCommitCheck
{
    public static IReadOnlyList<Finding> Run(RepositoryLocation location, DriftHooksOptions options)
    {
        var candidates = GitIndexReader.ReadEntries(location.IndexFile, PrismaProjectLocator.IsCandidate).Select(e => e.Path).ToList();
        var projects = PrismaProjectLocator.Locate(candidates, path => ReadWorkingFile(location.WorkTree, path), options.Projects);
        if (projects.Count == 0)
        {
            return [];
        }

        var prefixes = projects.SelectMany(p => p.Prefixes).Distinct(StringComparer.Ordinal).ToList();
        var entries = GitIndexReader.ReadEntries(location.IndexFile, prefixes);

        using var repository = GitRepository.Open(location);
        var head = new ObjectDatabaseTrees(repository, GitRepository.HeadCommit(repository));
        var index = new IndexTree(entries, id => ObjectDatabaseTrees.ReadBlob(repository, id));

        var findings = new List<Finding>();
        foreach (var project in projects)
        {
            if (ProjectChangesReader.IsUnchanged(project, head, index))
            {
                continue;
            }

            var changes = ProjectChangesReader.Read(project, head, index, location.WorkTree);
            findings.AddRange(CommitRules.Evaluate(changes, options.DisabledRules));
        }

        return findings;
    }

    private static string? ReadWorkingFile(string workTree, string path)
    {
        var full = Path.Combine(workTree, path);
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }
}
