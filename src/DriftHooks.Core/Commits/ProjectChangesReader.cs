using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Commits;

/// <summary>Builds the plain-data view the commit rules judge, from any two snapshots (HEAD and index, or two commits).</summary>
internal static class ProjectChangesReader
{
    /// <summary>True when nothing under the project's folders differs; the common case, decided from folder ids alone.</summary>
    public static bool IsUnchanged(PrismaProject project, ITreeSource before, ITreeSource after) =>
        project.Prefixes.All(prefix => SameId(before.Find(prefix), after.Find(prefix)));

    private static bool SameId(TreeNode? a, TreeNode? b) => a is null ? b is null : b is not null && a.HasSameId(b);

    /// <param name="project">The project as <paramref name="after"/> holds it.</param>
    /// <param name="before">The tree before (HEAD, a parent commit).</param>
    /// <param name="after">The tree after (the index, a commit).</param>
    /// <param name="workTree">The working tree, where there is one.</param>
    /// <param name="previous">Where <paramref name="before"/> has the project, when it moved (<see cref="ProjectPairing"/>).</param>
    public static ProjectChanges Read(PrismaProject project, ITreeSource before, ITreeSource after, string? workTree, PrismaProject? previous = null)
    {
        var changes = new List<FileChange>();
        previous ??= project;
        foreach (var prefix in project.Prefixes)
        {
            if (previous.MigrationsPath == project.MigrationsPath)
            {
                TreeDiff.Compare(prefix, before, after, changes);
            }
            else
            {
                // The whole project moved: each of its folders is compared with where it was.
                TreeDiff.CompareMoved(prefix == project.SchemaPath ? previous.SchemaPath : previous.MigrationsPath, prefix, before, after, changes);
            }
        }

        var (beforeFolders, afterFolders) = ReadMigrationFolders(project, previous.MigrationsPath, before, after);
        return new ProjectChanges(
            project,
            changes,
            beforeFolders,
            afterFolders,
            SchemaFiles(previous, before),
            SchemaFiles(project, after),
            after.ReadBlob,
            () => workTree is null ? [] : ReadWorkingTree(project, workTree),
            () => workTree is null ? null : ReadWorkingTreeSchema(project, workTree));
    }

    // Folders whose tree id equals the other side's share its migration.sql id, so an unchanged history costs no reads:
    // they go in one table both sides point to.
    private static (IReadOnlyDictionary<string, MigrationFolder> Before, IReadOnlyDictionary<string, MigrationFolder> After) ReadMigrationFolders(
        PrismaProject project, string migrationsBefore, ITreeSource before, ITreeSource after)
    {
        var beforeChildren = FolderChildren(before, migrationsBefore);
        var afterChildren = FolderChildren(after, project.MigrationsPath);
        var shared = new Dictionary<string, TreeNode>(afterChildren.Count, StringComparer.Ordinal);
        var beforeFolders = new Dictionary<string, MigrationFolder>(StringComparer.Ordinal);
        var afterFolders = new Dictionary<string, MigrationFolder>(StringComparer.Ordinal);
        if (TreeDiff.IsInGitOrder(beforeChildren) && TreeDiff.IsInGitOrder(afterChildren))
        {
            // Both sides sorted: a merge walk pairs equal names without building lookups.
            int i = 0, j = 0;
            while (i < beforeChildren.Count || j < afterChildren.Count)
            {
                var order = i == beforeChildren.Count ? 1 : j == afterChildren.Count ? -1 : IndexTree.CompareGitOrder(beforeChildren[i], afterChildren[j]);
                var b = order <= 0 ? beforeChildren[i++] : null;
                var a = order >= 0 ? afterChildren[j++] : null;
                if (a is { IsTree: true } && b is { IsTree: true } && a.HasSameId(b))
                {
                    shared[a.Name] = a;
                    continue;
                }

                if (b is { IsTree: true })
                {
                    beforeFolders[b.Name] = ReadFolder(before, b);
                }

                if (a is { IsTree: true })
                {
                    afterFolders[a.Name] = ReadFolder(after, a);
                }
            }
        }
        else
        {
            var afterByName = new Dictionary<string, TreeNode>(StringComparer.Ordinal);
            foreach (var child in afterChildren)
            {
                if (child.IsTree)
                {
                    afterByName[child.Name] = child;
                }
            }

            foreach (var child in beforeChildren)
            {
                if (!child.IsTree)
                {
                    continue;
                }

                if (afterByName.TryGetValue(child.Name, out var twin) && twin.HasSameId(child) && !shared.ContainsKey(child.Name))
                {
                    shared[child.Name] = twin;
                }
                else
                {
                    beforeFolders[child.Name] = ReadFolder(before, child);
                }
            }

            foreach (var (name, child) in afterByName)
            {
                if (!shared.ContainsKey(name))
                {
                    afterFolders[name] = ReadFolder(after, child);
                }
            }
        }

        return (new MigrationFolderMap(shared, after, beforeFolders), new MigrationFolderMap(shared, after, afterFolders));
    }

    private static IReadOnlyList<TreeNode> FolderChildren(ITreeSource source, string path) =>
        source.Find(path) is { IsTree: true } node ? source.Children(node) : [];

    private static MigrationFolder ReadFolder(ITreeSource source, TreeNode folder) => MigrationFolder.FromTree(folder.Name, source.FindFile(folder, "migration.sql"));

    /// <summary>The schema's files in a tree (one, or a folder's .prisma files outside its migrations), in path order.</summary>
    internal static List<FileVersion> SchemaFiles(PrismaProject project, ITreeSource source)
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

        foreach (var child in source.Children(node))
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

    private static List<SchemaSource>? ReadWorkingTreeSchema(PrismaProject project, string workTree)
    {
        var root = Path.Combine(workTree, project.SchemaPath);
        var paths = project.SchemaIsFolder
            ? Directory.Exists(root)
                ? Directory.EnumerateFiles(root, "*.prisma", SearchOption.AllDirectories)
                    .Select(f => project.SchemaPath + "/" + Path.GetRelativePath(root, f).Replace('\\', '/'))
                    .Where(project.IsSchemaFile)
                    .Order(StringComparer.Ordinal)
                    .ToList()
                : []
            : File.Exists(root) ? [project.SchemaPath] : [];
        var sources = new List<SchemaSource>(paths.Count);
        foreach (var path in paths)
        {
            if (PrismaText.TryDecode(Files.RegularFile.Read(Path.Combine(workTree, path), Files.RegularFile.SourceLimit), out var text, out _))
            {
                sources.Add(new SchemaSource(path, text));
            }
            else
            {
                return null;
            }
        }

        return sources.Count == 0 ? null : sources;
    }
}
