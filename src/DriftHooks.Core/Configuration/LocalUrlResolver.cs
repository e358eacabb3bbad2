using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// Finds the local development database's URL, first found wins: <c>Local:Url</c> (environment
/// <c>DRIFTHOOKS__LOCAL__URL</c>, <c>.drifthooks.local.json</c>, <c>drifthooks.json</c>); else the URL Prisma itself would
/// use: the variable the project names (<c>prisma.config.ts</c> <c>datasource.url: env("…")</c>, or the schema's
/// <c>url = env("…")</c>, default <c>DATABASE_URL</c>) from the environment, else from <c>.env</c> at the repository
/// root or beside the schema. Held to <see cref="DatabaseUrlResolver"/>'s trust rule.
/// </summary>
public static class LocalUrlResolver
{
    public const string DefaultVariable = "DATABASE_URL";

    /// <summary>The places, in order: <c>Local:Url</c>, then where Prisma reads the project's URL variable.</summary>
    public static IReadOnlyList<UrlPlace> Places(RepositoryLocation location, PrismaProject? project)
    {
        ArgumentNullException.ThrowIfNull(location);
        var variable = project is null ? DefaultVariable : UrlVariable(location.WorkTree, project);
        return
        [
            UrlPlace.Environment("DRIFTHOOKS__LOCAL__URL"),
            UrlPlace.Json(OptionsLoader.LocalFile, "Local", "Url"),
            UrlPlace.Json(OptionsLoader.CommittedFile, "Local", "Url"),
            UrlPlace.Environment(variable),
            .. EnvFiles(project).Select(file => UrlPlace.DotEnv(file, variable)),
        ];
    }

    public static DatabaseUrlSource? Resolve(RepositoryLocation location, PrismaProject? project, IReadOnlyDictionary<string, string?> environment) =>
        DatabaseUrlResolver.Resolve(location, environment, Places(location, project), "local database URL", $"set DATABASE_URL in your environment (or Local:Url in {OptionsLoader.LocalFile})");

    /// <summary>The environment variable the project's datasource URL is read from.</summary>
    public static string UrlVariable(string workTree, PrismaProject project)
    {
        for (var folder = RepoPath.Directory(project.SchemaPath); ; folder = RepoPath.Directory(folder))
        {
            var config = Path.Combine(workTree, folder, "prisma.config.ts");
            if (File.Exists(config))
            {
                if (PrismaConfigFile.Parse(File.ReadAllText(config)).DatasourceUrlVariable is { Length: > 0 } fromConfig)
                {
                    return fromConfig;
                }

                break;
            }

            if (folder.Length == 0)
            {
                break;
            }
        }

        var schema = Path.Combine(workTree, project.SchemaPath);
        return !project.SchemaIsFolder && File.Exists(schema) && PrismaDatasource.UrlVariable(File.ReadAllText(schema)) is { } fromSchema
            ? fromSchema
            : DefaultVariable;
    }

    static IEnumerable<string> EnvFiles(PrismaProject? project)
    {
        yield return ".env";
        if (project is not null)
        {
            var folder = project.SchemaIsFolder ? project.SchemaPath : RepoPath.Directory(project.SchemaPath);
            if (folder.Length > 0)
            {
                yield return folder + "/.env";
            }
        }
    }
}
