using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// Finds the local development database's URL, first found wins: <c>Local:Url</c> (environment
/// <c>DRIFTHOOKS__LOCAL__URL</c>, <c>.drifthooks.local.json</c>, <c>drifthooks.json</c>); else the URL Prisma itself would
/// use: the variable the project names (<see cref="LocalUrlSetting"/>) from the environment, else from <c>.env</c> at
/// the repository root or beside the schema. Held to <see cref="DatabaseUrlResolver"/>'s trust rule.
/// </summary>
internal static class LocalUrlResolver
{
    /// <summary>The places, in order: <c>Local:Url</c>, then where Prisma reads the project's URL variable.</summary>
    public static IReadOnlyList<UrlPlace> Places(LocalUrlSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        UrlPlace[] ownSetting =
        [
            UrlPlace.Environment("DRIFTHOOKS__LOCAL__URL"),
            UrlPlace.Json(OptionsLoader.LocalFile, "Local", "Url"),
            UrlPlace.Json(OptionsLoader.CommittedFile, "Local", "Url"),
        ];

        // A variable name no shell can set is refused, not looked up (LocalUrlSetting.Refusal says so).
        return setting.VariableIsValid
            ? [.. ownSetting, UrlPlace.Environment(setting.Variable), .. setting.EnvFiles.Select(file => UrlPlace.DotEnv(file, setting.Variable))]
            : ownSetting;
    }

    public static IReadOnlyList<UrlPlace> Places(RepositoryLocation location, PrismaProject? project, SettingFiles settings) => Places(LocalUrlSetting.For(location, project, settings));

    /// <param name="settings">The command's settings, loaded once (<see cref="DriftHooksOptions.Settings"/>).</param>
    public static DatabaseUrlSource? Resolve(RepositoryLocation location, PrismaProject? project, SettingFiles settings)
    {
        var setting = LocalUrlSetting.For(location, project, settings);
        return DatabaseUrlResolver.Resolve(location, settings, Places(setting), "local database URL", setting.WhereToSet);
    }
}
