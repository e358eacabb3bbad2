using DriftHooks.Core.Commits;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.PreCommit;

/// <summary>
/// The Prisma projects the last pre-commit run found (<c>.git/drifthooks/projects</c>). Projects are discovered from
/// the index, so a commit that deletes a whole project (<c>git rm -r prisma</c>) would otherwise find nothing to
/// check; a remembered project is checked against HEAD until HEAD no longer holds it.
/// </summary>
internal static class ProjectMemory
{
    public static string PathFor(string stateDirectory) => Path.Combine(stateDirectory, "projects");

    public static IReadOnlyList<PrismaProject> Read(string stateDirectory)
    {
        var path = PathFor(stateDirectory);
        if (!File.Exists(path))
        {
            return [];
        }

        var projects = new List<PrismaProject>();
        foreach (var line in Files.RegularFile.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length == 3 && parts[1] is "file" or "folder")
            {
                projects.Add(new PrismaProject(parts[0], parts[1] == "folder", parts[2]));
            }
        }

        return projects;
    }

    /// <summary>
    /// Remembers the projects the index holds now (run by <c>drifthooks install</c>), so that even the first commit
    /// after installing cannot delete a whole project unnoticed. Configured projects need no memory: they are always
    /// checked. Returns the projects remembered.
    /// </summary>
    public static IReadOnlyList<PrismaProject> Seed(RepositoryLocation location, DriftHooksOptions options)
    {
        if (options.Projects.Count > 0)
        {
            return [];
        }

        var discovered = ProjectLocator.InIndex(location, options.Projects);
        var remembered = Read(location.StateDirectory);
        var all = Merge(discovered, remembered);
        Write(location.StateDirectory, remembered, all);
        return all;
    }

    /// <summary>
    /// The projects discovered, then those remembered that no discovered project replaces. One migrations folder is one
    /// project: a schema that moved (schema.prisma split into a prisma/schema folder) keeps its migrations, and the
    /// remembered project on them is the same project at its old place, not one deleted.
    /// </summary>
    public static List<PrismaProject> Merge(IReadOnlyList<PrismaProject> discovered, IReadOnlyList<PrismaProject> remembered) =>
        [.. discovered, .. remembered.Where(r => !discovered.Any(d => d.SchemaPath == r.SchemaPath || d.MigrationsPath == r.MigrationsPath))];

    /// <summary>Records the projects when they differ from what is remembered; a failure to write only costs the memory.</summary>
    public static void Write(string stateDirectory, IReadOnlyList<PrismaProject> remembered, IReadOnlyList<PrismaProject> projects)
    {
        if (remembered.Count == projects.Count && remembered.All(projects.Contains))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(stateDirectory);
            var path = PathFor(stateDirectory);
            Files.FileWriter.ReplaceLines(path, projects.Select(p => $"{p.SchemaPath}\t{(p.SchemaIsFolder ? "folder" : "file")}\t{p.MigrationsPath}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Files.UnsafeFileException)
        {
            // Read-only git directory: the check itself is unaffected.
        }
    }
}
