using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using LibGit2Sharp;

namespace DriftHooks.Core.Git;

/// <summary>Reads a project's migrations from a commit's tree (never the working tree, whose line endings or edits must not change a verdict).</summary>
internal static class CommitMigrations
{
    public static IReadOnlyList<RepositoryMigration> Read(Repository repository, Commit commit, PrismaProject project)
    {
        var folder = commit.Tree[project.MigrationsPath];
        if (folder?.Target is not Tree tree)
        {
            return [];
        }

        var migrations = new List<RepositoryMigration>();
        foreach (var entry in tree)
        {
            if (entry.TargetType != TreeEntryTargetType.Tree)
            {
                continue;
            }

            var script = ((Tree)entry.Target)["migration.sql"];
            migrations.Add(new RepositoryMigration(
                entry.Name,
                script?.Target is Blob blob ? ObjectDatabaseTrees.ReadBlob(repository, blob.Sha) : null,
                script?.Mode == Mode.SymbolicLink));
        }

        return migrations;
    }
}
