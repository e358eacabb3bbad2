using System.Text;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// Finds the local development database's URL, first found wins: <c>Local:Url</c> (environment
/// <c>DRIFTHOOKS__LOCAL__URL</c>, <c>.drifthooks.local.json</c>, <c>drifthooks.json</c>); else the URL Prisma itself would
/// use: the variable the project names (<c>prisma.config.ts</c> <c>datasource.url: env("…")</c>, or the schema's
/// <c>url = env("…")</c>, default <c>DATABASE_URL</c>) from the environment, else from <c>.env</c> at the repository
/// root or beside the schema. The trust rule is <see cref="ProductionUrlResolver"/>'s: a URL from a file git tracks is
/// used only once that exact content is trusted.
/// </summary>
public static class LocalUrlResolver
{
    public const string DefaultVariable = "DATABASE_URL";

    public static DatabaseUrlSource? Resolve(RepositoryLocation location, PrismaProject? project, IReadOnlyDictionary<string, string?> environment)
    {
        if (SettingFiles.Read(location.WorkTree, environment, "Local", "Url") is { } setting)
        {
            if (setting.File is { } file)
            {
                RequireTrust(location, file, File.ReadAllBytes(Path.Combine(location.WorkTree, file)), "Local:Url");
            }

            return new DatabaseUrlSource(setting.Value, setting.Source);
        }

        var variable = project is null ? DefaultVariable : UrlVariable(location.WorkTree, project);
        if (environment.GetValueOrDefault(variable) is { Length: > 0 } value)
        {
            return new DatabaseUrlSource(value, $"environment variable {variable}");
        }

        foreach (var file in EnvFiles(project))
        {
            var path = Path.Combine(location.WorkTree, file);
            if (!File.Exists(path))
            {
                continue;
            }

            var content = File.ReadAllBytes(path);
            if (DotEnvFile.Parse(Encoding.UTF8.GetString(content)).GetValueOrDefault(variable) is not { Length: > 0 } url)
            {
                continue;
            }

            RequireTrust(location, file, content, variable);
            return new DatabaseUrlSource(url, $"{variable} in {file}");
        }

        return null;
    }

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

    internal static void RequireTrust(RepositoryLocation location, string file, byte[] content, string what)
    {
        if (ProductionUrlResolver.IsTracked(location, file) && !TrustStore.IsTrusted(location.StateDirectory, file, content))
        {
            throw new ConfigurationException(
                $"The local database URL ({what}) comes from {file}, which is committed to git: anyone whose pull request is merged can point it at a server of theirs, " +
                $"which would then receive your credentials. Review the host it names, then run 'drifthooks trust' to trust this exact content, " +
                $"or set DATABASE_URL in your environment (or Local:Url in {OptionsLoader.LocalFile}) instead.");
        }
    }
}
