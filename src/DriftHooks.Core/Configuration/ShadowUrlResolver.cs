using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// The server the schema drift check may create and drop a temporary database on: <c>Shadow:Url</c> (environment
/// <c>DRIFTHOOKS__SHADOW__URL</c>, <c>.drifthooks.local.json</c>, <c>drifthooks.json</c>), else the local development
/// database's URL (<see cref="LocalUrlResolver"/>). A URL from a committed file is used only once trusted.
/// </summary>
public static class ShadowUrlResolver
{
    public static DatabaseUrlSource? Resolve(RepositoryLocation location, PrismaProject? project, IReadOnlyDictionary<string, string?> environment)
    {
        if (SettingFiles.Read(location.WorkTree, environment, "Shadow", "Url") is { } setting)
        {
            if (setting.File is { } file)
            {
                LocalUrlResolver.RequireTrust(location, file, File.ReadAllBytes(Path.Combine(location.WorkTree, file)), "Shadow:Url");
            }

            return new DatabaseUrlSource(setting.Value, setting.Source);
        }

        return LocalUrlResolver.Resolve(location, project, environment);
    }
}
