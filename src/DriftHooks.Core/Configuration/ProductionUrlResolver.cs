using DriftHooks.Core.Git;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// Where production's URL is read from, first found wins: the environment (<c>DRIFTHOOKS_PRODUCTION_URL</c> or
/// <c>DRIFTHOOKS__PRODUCTION__URL</c>), the git-ignored <c>.drifthooks.local.json</c>, a <c>.env</c> file at the
/// repository root, the committed <c>drifthooks.json</c>; held to <see cref="DatabaseUrlResolver"/>'s trust rule.
/// </summary>
internal static class ProductionUrlResolver
{
    public const string EnvironmentVariable = "DRIFTHOOKS_PRODUCTION_URL";

    public static IReadOnlyList<UrlPlace> Places { get; } =
    [
        UrlPlace.Environment(EnvironmentVariable),
        UrlPlace.Environment("DRIFTHOOKS__PRODUCTION__URL"),
        UrlPlace.Json(OptionsLoader.LocalFile, "Production", "Url", OptionsLoader.LocalFile),
        UrlPlace.DotEnv(".env", EnvironmentVariable, ".env"),
        UrlPlace.Json(OptionsLoader.CommittedFile, "Production", "Url", OptionsLoader.CommittedFile),
    ];

    /// <summary>Which setting production's URL is read from and where it may be put, for every message that asks for it.</summary>
    public static string WhereToSet => $"{EnvironmentVariable} in the environment (or DRIFTHOOKS__PRODUCTION__URL), or Production:Url in {OptionsLoader.LocalFile}";

    /// <summary>The one command that configures it, with a URL to fill in.</summary>
    public const string Fix = $"export {EnvironmentVariable}='postgresql://readonly_user:PASSWORD@host:5432/db?schema=public'";

    /// <summary>
    /// What points a Prisma command at production, put before <c>npx prisma</c> in a fix: the project's datasource
    /// variable (<paramref name="prismaVariable"/>) set from the environment variable production's URL came from, so
    /// the fix runs as printed and prints no password; a placeholder when the URL came from a file. Null when the
    /// variable is not a name a shell can set (it comes from a committed file): then no fix points Prisma at production.
    /// </summary>
    public static string? PrismaEnvironment(string prismaVariable, DatabaseUrlSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Rules.FixText.IsVariableName(prismaVariable))
        {
            return null;
        }

        var fromEnvironment = Places.FirstOrDefault(p => p.Variable is not null && p.Source == source.Source)?.Variable;
        return fromEnvironment is null ? $"{prismaVariable}='<production url>' " : $"{prismaVariable}=\"${fromEnvironment}\" ";
    }

    /// <param name="settings">The command's settings, loaded once (<see cref="DriftHooksOptions.Settings"/>).</param>
    public static DatabaseUrlSource? Resolve(RepositoryLocation? location, SettingFiles settings) =>
        DatabaseUrlResolver.Resolve(location, settings, Places, "production URL", WhereToSet);
}
