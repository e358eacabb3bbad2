using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// Where backups go (<c>Backups:Folder</c>, default <see cref="SettingDefaults.BackupsFolder"/>), decided once with the
/// setting's origin. DriftHooks writes a <c>.gitignore</c> of <c>*</c> into that folder, so it may never be, hold or lie
/// inside a folder Prisma reads (a project's schema folder or migrations folder: new migrations would vanish from
/// git), nor be the repository itself or its <c>.git</c>. The committed <c>drifthooks.json</c> is written by anyone
/// whose change merges, so its value must also be a relative path inside the repository; the environment and the
/// git-ignored <c>.drifthooks.local.json</c> are the user's own choice, and may name any other folder, absolute too.
/// </summary>
internal static class BackupsFolderSetting
{
    /// <summary>The backups folder's full path, or a <see cref="ConfigurationException"/> naming the setting's origin.</summary>
    /// <param name="projects">The Prisma projects of the repository, whose folders backups stay out of.</param>
    public static string Resolve(SettingFiles settings, string workTree, IEnumerable<PrismaProject> projects)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(projects);
        var setting = settings.Read("Backups", "Folder");
        var value = setting?.Value ?? SettingDefaults.BackupsFolder;
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workTree));
        string Refuse(string why) => throw new ConfigurationException(
            $"Backups:Folder is '{(value.Length <= 80 ? value : value[..80] + "…")}' ({setting?.Source}), {why}. Name a folder of its own, such as {SettingDefaults.BackupsFolder}.");

        if (setting?.File == OptionsLoader.CommittedFile && (Path.IsPathRooted(value) || value.StartsWith('~')))
        {
            Refuse($"an absolute path: {OptionsLoader.CommittedFile} may only name a folder inside the repository (an absolute folder is for {OptionsLoader.LocalFile} or the environment)");
        }

        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(value, root));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Refuse("which is not a path");
        }

        var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
        var inside = relative != "." && relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        if (full == root)
        {
            Refuse("the repository itself: its .gitignore of * would hide every new file from git");
        }

        if (setting?.File == OptionsLoader.CommittedFile && !inside)
        {
            Refuse($"which leads out of the repository: {OptionsLoader.CommittedFile} may only name a folder inside it");
        }

        if (inside && RepoPath.IsUnder(relative, ".git"))
        {
            Refuse("inside .git");
        }

        foreach (var project in inside ? projects : [])
        {
            var schemaFolder = project.SchemaIsFolder ? project.SchemaPath : RepoPath.Directory(project.SchemaPath);
            foreach (var prisma in new[] { project.MigrationsPath, schemaFolder }.Where(f => f.Length > 0))
            {
                if (RepoPath.IsUnder(relative, prisma) || RepoPath.IsUnder(prisma, relative))
                {
                    Refuse($"{(RepoPath.IsUnder(relative, prisma) ? "inside" : "holding")} Prisma's folder {prisma}: the .gitignore of * DriftHooks writes into the backups folder would hide new migrations or schema files from git");
                }
            }

            // A schema at the repository root has the root as its folder: only the migrations folder is Prisma's then.
        }

        return full;
    }
}
