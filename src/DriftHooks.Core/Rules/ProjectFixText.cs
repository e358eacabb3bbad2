using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Rules;

/// <summary>Pieces of fixes that run git or Prisma on a project, written once for every rule.</summary>
internal static class ProjectFixText
{
    /// <summary>
    /// Commits migrations made but not committed, with the schema beside them (migrate dev edits both, and pre-commit
    /// refuses a migration without its schema edit, DH110), and a message, so no editor opens.
    /// </summary>
    public static string CommitMigrations(PrismaProject project, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(names);
        var message = names.Count == 1 ? "Add migration " + names[0] : $"Add {names.Count} migrations";
        return $"git add {string.Join(" ", project.Prefixes.Select(FixText.Quote))} && git commit -m {FixText.Quote(message)}";
    }

    /// <summary>
    /// Moves an edit of a migration some database applied into a new migration, in the order Prisma allows: the edited
    /// script kept aside, the applied version put back (<c>migrate dev</c> refuses to run while an applied migration
    /// differs from what was applied: "modified after it was applied … We need to reset"), then the new migration, the
    /// edit moved into it. <paramref name="source"/> is the revision holding the applied version, <paramref name="which"/>
    /// says which it is ("production applied"); the caller adds how to record the result (<c>git add</c>, a sync).
    /// </summary>
    public static string EditIntoNewMigration(PrismaProject project, string folder, string source, string which)
    {
        ArgumentNullException.ThrowIfNull(project);
        var script = FixText.Quote(folder + "/migration.sql");
        return $"cp {script} <change>.sql (your edit, kept aside), then git restore --staged --worktree --source={FixText.Quote(source)} -- {FixText.Quote(folder)} "
            + $"(the version {which}: Prisma's migrate dev refuses an applied migration that changed), "
            + $"then npx prisma migrate dev --create-only --name <change>{SchemaArgument(project)} and move your edit into that new migration (it is in <change>.sql), then rm <change>.sql";
    }

    /// <summary><c> --schema &lt;path&gt;</c> for Prisma commands, empty where Prisma finds the schema by itself.</summary>
    public static string SchemaArgument(PrismaProject project) =>
        project.SchemaPath is "prisma/schema.prisma" or "schema.prisma" ? "" : " --schema " + FixText.Quote(project.SchemaPath);

    /// <summary>The folder a migration would have if renamed with the current timestamp, keeping its descriptive part.</summary>
    public static string RenamedNow(PrismaProject project, string name)
    {
        var suffix = MigrationName.Description(name);
        return project.MigrationFolder(DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + suffix);
    }
}
