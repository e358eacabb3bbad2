using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Git;

/// <summary>Builds the plain-data view the commit rules judge, from any two snapshots (HEAD and index, or two commits).</summary>
public static class ProjectChangesReader
{
    /// <summary>True when nothing under the project's folders differs; the common case, decided from folder ids alone.</summary>
    public static bool IsUnchanged(PrismaProject project, ITreeSource before, ITreeSource after) =>
        project.Prefixes.All(prefix => before.Find(prefix)?.ObjectId == after.Find(prefix)?.ObjectId);

    public static ProjectChanges Read(PrismaProject project, ITreeSource before, ITreeSource after, string? workTree)
    {
        var changes = new List<FileChange>();
        foreach (var prefix in project.Prefixes)
        {
            TreeDiff.Compare(prefix, before, after, changes);
        }

        var afterFolders = ReadMigrationFolders(project, after, null);
        var beforeFolders = ReadMigrationFolders(project, before, afterFolders);
        return new ProjectChanges(
            project,
            changes,
            beforeFolders.ToDictionary(f => f.Key, f => f.Value.Folder, StringComparer.Ordinal),
            afterFolders.ToDictionary(f => f.Key, f => f.Value.Folder, StringComparer.Ordinal),
            SchemaFiles(project, before),
            SchemaFiles(project, after),
            after.ReadBlob,
            () => workTree is null ? [] : ReadWorkingTree(project, workTree));
    }

    // Folders whose tree id equals the other side's share its migration.sql id, so an unchanged history costs no reads.
    private static Dictionary<string, (string TreeId, MigrationFolder Folder)> ReadMigrationFolders(
        PrismaProject project, ITreeSource source, Dictionary<string, (string TreeId, MigrationFolder Folder)>? other)
    {
        var result = new Dictionary<string, (string, MigrationFolder)>(StringComparer.Ordinal);
        var node = source.Find(project.MigrationsPath);
        if (node is not { IsTree: true })
        {
            return result;
        }

        foreach (var child in source.Children(node.ObjectId))
        {
            if (!child.IsTree)
            {
                continue;
            }

            if (other is not null && other.TryGetValue(child.Name, out var twin) && twin.TreeId == child.ObjectId)
            {
                result[child.Name] = (child.ObjectId, twin.Folder);
                continue;
            }

            var script = source.Children(child.ObjectId).FirstOrDefault(c => c.Name == "migration.sql" && !c.IsTree);
            result[child.Name] = (child.ObjectId, new MigrationFolder(child.Name, script?.ObjectId));
        }

        return result;
    }

    private static List<FileVersion> SchemaFiles(PrismaProject project, ITreeSource source)
    {
        var files = new List<FileVersion>();
        var node = source.Find(project.SchemaPath);
        if (node is null)
        {
            return files;
        }

        if (!project.SchemaIsFolder)
        {
            if (!node.IsTree)
            {
                files.Add(new FileVersion(project.SchemaPath, node.ObjectId));
            }

            return files;
        }

        CollectPrismaFiles(project, source, project.SchemaPath, node, files);
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    private static void CollectPrismaFiles(PrismaProject project, ITreeSource source, string path, TreeNode node, List<FileVersion> files)
    {
        if (!node.IsTree)
        {
            if (project.IsSchemaFile(path))
            {
                files.Add(new FileVersion(path, node.ObjectId));
            }

            return;
        }

        if (path != project.SchemaPath && RepoPath.IsUnder(path, project.MigrationsPath))
        {
            return;
        }

        foreach (var child in source.Children(node.ObjectId))
        {
            CollectPrismaFiles(project, source, path + "/" + child.Name, child, files);
        }
    }

    private static List<WorkingTreeMigration> ReadWorkingTree(PrismaProject project, string workTree)
    {
        var folder = Path.Combine(workTree, project.MigrationsPath);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(folder)
            .Select(d => new WorkingTreeMigration(Path.GetFileName(d), File.Exists(Path.Combine(d, "migration.sql"))))];
    }
}
