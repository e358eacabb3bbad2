using DriftHooks.Core.Git;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// Where production's URL is read from, first found wins: the environment (<c>DRIFTHOOKS_PRODUCTION_URL</c> or
/// <c>DRIFTHOOKS__PRODUCTION__URL</c>), the git-ignored <c>.drifthooks.local.json</c>, a <c>.env</c> file at the
/// repository root, the committed <c>drifthooks.json</c>; held to <see cref="DatabaseUrlResolver"/>'s trust rule.
/// </summary>
public static class ProductionUrlResolver
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

    public static DatabaseUrlSource? Resolve(RepositoryLocation? location, IReadOnlyDictionary<string, string?> environment) =>
        DatabaseUrlResolver.Resolve(location, environment, Places, "production URL", $"set {EnvironmentVariable} in your environment or {OptionsLoader.LocalFile}");
}
