using DriftHooks.Core.Findings;
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
    /// The variable a fix that writes production's history reads production's URL from: a role that may write
    /// <c>_prisma_migrations</c>, which the read-only role DriftHooks reads with (<see cref="EnvironmentVariable"/>) must
    /// not be. DriftHooks itself never reads it: it never writes production.
    /// </summary>
    public const string AdminVariable = "DRIFTHOOKS_PRODUCTION_ADMIN_URL";

    /// <summary>What a fix that writes production's history says it needs.</summary>
    public const string AdminRemark = $"({AdminVariable}: production's URL for a role that may write _prisma_migrations, not the read-only one DriftHooks reads with; export it for this command only)";

    /// <summary>
    /// What points a Prisma command that writes production's history at production, put before <c>npx prisma</c> in a
    /// fix: the project's datasource variable (<paramref name="prismaVariable"/>) set from <see cref="AdminVariable"/>, so
    /// the fix runs as printed with a role that may write, and prints no password. Null when the variable is not a name
    /// a shell can set (it comes from a committed file): then no fix points Prisma at production.
    /// </summary>
    public static string? PrismaEnvironment(string prismaVariable) =>
        FixText.IsVariableName(prismaVariable) ? $"{prismaVariable}=\"${AdminVariable}\" " : null;

    /// <summary>
    /// Production's URL in a shell command of a fix (<c>psql "$DRIFTHOOKS_PRODUCTION_URL"</c>): the environment variable it
    /// came from, spelled as the environment has it (a shell's names are case-sensitive, and <c>drifthooks__production__url</c>
    /// is read as <c>DRIFTHOOKS__PRODUCTION__URL</c>), so that no password is printed; a placeholder when it came from a file.
    /// </summary>
    public static string ShellReference(DatabaseUrlSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Variable is { } variable && FixText.IsVariableName(variable) ? $"\"${variable}\"" : "'<production url>'";
    }

    /// <param name="settings">The command's settings, loaded once (<see cref="DriftHooksOptions.Settings"/>).</param>
    public static DatabaseUrlSource? Resolve(RepositoryLocation? location, SettingFiles settings) =>
        DatabaseUrlResolver.Resolve(location, settings, Places, "production URL", WhereToSet);
}
