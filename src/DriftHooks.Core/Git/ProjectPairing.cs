using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Git;

/// <summary>
/// Which schema each project is compared with. A migrations folder belongs to one project; when its schema moves (to a
/// multi-file <c>schema/</c> folder, into a package of a monorepo), the schema before and the schema after live at
/// different paths, and judging them as two projects would see every table dropped by one and created by the other.
/// </summary>
public static class ProjectPairing
{
    /// <returns>Each project to judge, with the project whose schema files <paramref name="before"/> holds for it.</returns>
    public static IReadOnlyList<(PrismaProject Project, PrismaProject SchemaBefore)> Pair(
        IReadOnlyList<PrismaProject> projects, ITreeSource before, ITreeSource after)
    {
        var pairs = new List<(PrismaProject, PrismaProject)>(projects.Count);
        foreach (var group in projects.GroupBy(p => p.MigrationsPath, StringComparer.Ordinal))
        {
            var members = group.ToList();
            var then = members.Where(p => HasSchema(p, before)).ToList();
            var now = members.Where(p => HasSchema(p, after)).ToList();
            if (now.Count == 1 && !then.Contains(now[0]))
            {
                // The schema appeared here: it moved from where another project of this folder, or Prisma's default
                // place beside the migrations, had it; else the project is new.
                var previous = then.FirstOrDefault() ?? DefaultPlaces(now[0]).FirstOrDefault(p => HasSchema(p, before)) ?? now[0];
                pairs.Add((now[0], previous));
                continue;
            }

            if (then.Count == 1 && now.Count == 0 && members.Count > 1)
            {
                // Several known places, the schema gone from all: one deletion, judged once.
                pairs.Add((then[0], then[0]));
                continue;
            }

            pairs.AddRange(members.Select(p => (p, p)));
        }

        return pairs;
    }

    private static bool HasSchema(PrismaProject project, ITreeSource source) =>
        source.Find(project.SchemaPath) is { } node && node.IsTree == project.SchemaIsFolder;

    // Where Prisma looks for a schema whose migrations are <dir>/migrations: <dir>/schema.prisma, or the folder <dir>/schema.
    private static IEnumerable<PrismaProject> DefaultPlaces(PrismaProject project)
    {
        var folder = RepoPath.Directory(project.MigrationsPath);
        var prefix = folder.Length == 0 ? "" : folder + "/";
        yield return new PrismaProject(prefix + "schema.prisma", false, project.MigrationsPath);
        yield return new PrismaProject(prefix + "schema", true, project.MigrationsPath);
    }
}
