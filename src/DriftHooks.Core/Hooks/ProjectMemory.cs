using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Hooks;

/// <summary>
/// The Prisma projects the last pre-commit run found (<c>.git/drifthooks/projects</c>). Projects are discovered from
/// the index, so a commit that deletes a whole project (<c>git rm -r prisma</c>) would otherwise find nothing to
/// check; a remembered project is checked against HEAD until HEAD no longer holds it.
/// </summary>
public static class ProjectMemory
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
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length == 3 && parts[1] is "file" or "folder")
            {
                projects.Add(new PrismaProject(parts[0], parts[1] == "folder", parts[2]));
            }
        }

        return projects;
    }

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
            var temporary = path + ".new";
            File.WriteAllLines(temporary, projects.Select(p => $"{p.SchemaPath}\t{(p.SchemaIsFolder ? "folder" : "file")}\t{p.MigrationsPath}"));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read-only git directory: the check itself is unaffected.
        }
    }
}
