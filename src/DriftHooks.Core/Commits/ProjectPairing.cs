using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Commits;

/// <summary>
/// Where each project stood before. A migrations folder belongs to one project; when its schema moves (to a multi-file
/// <c>schema/</c> folder), or the whole project moves (into a package of a monorepo), judging the two places as two
/// projects would see every table dropped and every migration deleted by one, and all of it created by the other.
/// </summary>
internal static class ProjectPairing
{
    /// <returns>Each project to judge, with the project whose schema files <paramref name="before"/> holds for it.</returns>
    public static IReadOnlyList<(PrismaProject Project, PrismaProject Previous)> Pair(
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

        PairMovedProjects(pairs, before, after);
        return pairs;
    }

    // A project whose migrations folder vanished and one whose folder appeared, sharing migration names: the project
    // moved (into a package of a monorepo, say). Prisma records migrations by name, so it is judged as one project.
    private static void PairMovedProjects(List<(PrismaProject Project, PrismaProject Previous)> pairs, ITreeSource before, ITreeSource after)
    {
        var vanished = pairs.Where(p => p.Project == p.Previous && IsFolder(before, p.Project.MigrationsPath) && after.Find(p.Project.MigrationsPath) is null && !HasSchema(p.Project, after)).ToList();
        if (vanished.Count == 0)
        {
            return;
        }

        foreach (var arrived in pairs.Where(p => p.Project == p.Previous && IsFolder(after, p.Project.MigrationsPath) && before.Find(p.Project.MigrationsPath) is null).ToList())
        {
            var names = Names(after, arrived.Project.MigrationsPath);
            var origin = vanished
                .Select(v => (Pair: v, Shared: Names(before, v.Project.MigrationsPath).Count(names.Contains)))
                .Where(v => v.Shared > 0)
                .OrderByDescending(v => v.Shared)
                .Select(v => v.Pair)
                .FirstOrDefault();
            if (origin.Project is null)
            {
                continue;
            }

            pairs.Remove(origin);
            vanished.Remove(origin);
            pairs[pairs.IndexOf(arrived)] = (arrived.Project, origin.Project);
        }
    }

    private static bool IsFolder(ITreeSource source, string path) => source.Find(path) is { IsTree: true };

    private static HashSet<string> Names(ITreeSource source, string folder) =>
        source.Find(folder) is { IsTree: true } node
            ? source.Children(node).Where(c => c.IsTree).Select(c => c.Name).ToHashSet(StringComparer.Ordinal)
            : [];

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
