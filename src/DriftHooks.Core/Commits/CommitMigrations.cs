using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Commits;

/// <summary>Reads a project's migrations from a commit's tree (never the working tree, whose line endings or edits must not change a verdict).</summary>
internal static class CommitMigrations
{
    public static IReadOnlyList<RepositoryMigration> Read(ITreeSource commit, PrismaProject project)
    {
        if (commit.Find(project.MigrationsPath) is not { IsTree: true } folder)
        {
            return [];
        }

        var migrations = new List<RepositoryMigration>();
        foreach (var entry in commit.Children(folder))
        {
            if (!entry.IsTree)
            {
                continue;
            }

            var script = commit.FindFile(entry, "migration.sql");
            migrations.Add(new RepositoryMigration(
                entry.Name,
                script is { IsBlob: true } ? commit.ReadBlob(script.ObjectId) : null,
                script?.Mode == TreeNode.SymbolicLinkMode));
        }

        return migrations;
    }
}
