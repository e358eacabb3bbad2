using System.Text;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Prisma;
using LibGit2Sharp;

namespace DriftHooks.Core.Range;

/// <summary>
/// Finds the Prisma projects of a commit from its tree (not the working tree): a CI checkout may hold another
/// commit, and a range's verdict must not depend on what happens to be checked out.
/// </summary>
internal static class CommitProjects
{
    public static IReadOnlyList<PrismaProject> Locate(Commit commit, DriftHooksOptions options)
    {
        if (options.Projects.Count > 0)
        {
            return PrismaProjectLocator.Locate([], _ => null, options.Projects);
        }

        var candidates = new List<string>();
        Collect(commit.Tree, "", candidates);
        return PrismaProjectLocator.Locate(candidates, path => Read(commit, path), options.Projects);
    }

    private static void Collect(Tree tree, string prefix, List<string> candidates)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.TargetType == TreeEntryTargetType.Tree)
            {
                if (entry.Name != "node_modules" && entry.Name != ".git")
                {
                    Collect((Tree)entry.Target, path + "/", candidates);
                }
            }
            else if (entry.TargetType == TreeEntryTargetType.Blob && PrismaProjectLocator.IsCandidate(Encoding.UTF8.GetBytes(path)))
            {
                candidates.Add(path);
            }
        }
    }

    private static string? Read(Commit commit, string path) =>
        commit.Tree[path]?.Target is Blob blob ? blob.GetContentText() : null;
}
