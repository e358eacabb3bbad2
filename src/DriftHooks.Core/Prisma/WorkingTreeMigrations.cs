namespace DriftHooks.Core.Prisma;

/// <summary>A project's migration folders as the working tree holds them, with their scripts: what Prisma itself would apply.</summary>
internal static class WorkingTreeMigrations
{
    public static IReadOnlyList<RepositoryMigration> Read(string workTree, PrismaProject project)
    {
        var folder = Path.Combine(workTree, project.MigrationsPath);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.GetDirectories(folder)
            .Select(d => (Name: Path.GetFileName(d), Script: Path.Combine(d, "migration.sql")))
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new RepositoryMigration(d.Name, Files.RegularFile.ReadIfPresent(d.Script, Files.RegularFile.SourceLimit)))];
    }
}
