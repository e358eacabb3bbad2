using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// The server the schema drift check may create and drop a temporary database on: <c>Shadow:Url</c> (environment
/// <c>DRIFTHOOKS__SHADOW__URL</c>, <c>.drifthooks.local.json</c>, <c>drifthooks.json</c>), else the local development
/// database's URL (<see cref="LocalUrlResolver"/>); held to <see cref="DatabaseUrlResolver"/>'s trust rule.
/// </summary>
internal static class ShadowUrlResolver
{
    /// <param name="location">Null outside a repository: the environment's <c>DATABASE_URL</c> stands for the local database.</param>
    public static IReadOnlyList<UrlPlace> Places(RepositoryLocation? location, PrismaProject? project, SettingFiles settings) =>
    [
        UrlPlace.Environment("DRIFTHOOKS__SHADOW__URL"),
        UrlPlace.Json(OptionsLoader.LocalFile, "Shadow", "Url"),
        UrlPlace.Json(OptionsLoader.CommittedFile, "Shadow", "Url"),
        .. location is null ? [UrlPlace.Environment("DRIFTHOOKS__LOCAL__URL"), UrlPlace.Environment(LocalUrlSetting.DefaultVariable)] : LocalUrlResolver.Places(location, project, settings),
    ];

    /// <param name="settings">The command's settings, loaded once (<see cref="DriftHooksOptions.Settings"/>).</param>
    public static DatabaseUrlSource? Resolve(RepositoryLocation? location, PrismaProject? project, SettingFiles settings) =>
        DatabaseUrlResolver.Resolve(location, settings, Places(location, project, settings), "shadow server URL", WhereToSet(location, project, settings));

    /// <summary>Where a shadow server may be configured, naming the local database's variable this project actually reads.</summary>
    public static string WhereToSet(RepositoryLocation? location, PrismaProject? project, SettingFiles settings) =>
        $"Shadow:Url in {OptionsLoader.LocalFile} (a server where DriftHooks may create and drop a temporary database), or the local database's URL: {LocalUrlSetting.For(location, project, settings).WhereToSet}";
}
