using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// The setting the local development database's URL is read from, decided once: the environment variable the
/// project's Prisma datasource names (<see cref="Variable"/>, and <see cref="NamedBy"/> which file names it), the
/// <c>.env</c> files Prisma reads it from, and DriftHooks's own <c>Local:Url</c>. Every message that asks for the local
/// URL says this, so that a schema reading <c>NEXT_PRIVATE_DATABASE_URL</c> is never answered with "set DATABASE_URL".
/// </summary>
internal sealed record LocalUrlSetting(string Variable, string NamedBy, IReadOnlyList<string> EnvFiles)
{
    public const string DefaultVariable = "DATABASE_URL";

    /// <summary>What a user fills in for the URL in <see cref="Fix"/>.</summary>
    public const string UrlPlaceholder = "postgresql://USER:PASSWORD@localhost:5432/DATABASE";

    /// <summary>Outside a repository only the environment's <c>DATABASE_URL</c> stands for the local database.</summary>
    public static LocalUrlSetting Default { get; } = new(DefaultVariable, "Prisma's default", []);

    /// <param name="settings">The command's settings: the schema and <c>prisma.config.ts</c> are read through them, once per command.</param>
    public static LocalUrlSetting For(RepositoryLocation? location, PrismaProject? project, SettingFiles settings)
    {
        if (location is null)
        {
            return Default;
        }

        var (variable, namedBy) = project is null ? (DefaultVariable, "Prisma's default") : UrlVariable(settings, project);
        return new LocalUrlSetting(variable, namedBy, [.. EnvFilesOf(project)]);
    }

    /// <summary>
    /// Whether <see cref="Variable"/> is a name a shell can set (<see cref="FixText.IsVariableName"/>). It comes from a
    /// committed file, so any other name is refused: it is neither read nor put into a printed command.
    /// </summary>
    public bool VariableIsValid => FixText.IsVariableName(Variable);

    /// <summary>Why <see cref="Variable"/> is refused, as a sentence for the messages that would have named it; null when it is valid.</summary>
    public string? Refusal => VariableIsValid
        ? null
        : $"the variable {NamedBy} reads, {FixText.Quote(Variable)}, is not a valid environment variable name (letters, digits and _, not starting with a digit), "
          + "so DriftHooks neither reads it nor prints a command that names it: rename it there";

    /// <summary>"NEXT_PRIVATE_DATABASE_URL (the variable prisma/schema.prisma's datasource reads) in the environment, .env or prisma/.env, or Local:Url in .drifthooks.local.json".</summary>
    public string WhereToSet => !VariableIsValid
        ? $"Local:Url in {OptionsLoader.LocalFile} ({Refusal})"
        : $"{Variable} ({(NamedBy == "Prisma's default" ? "Prisma's default variable" : "the variable " + NamedBy + " reads")}) in the environment"
          + (EnvFiles.Count == 0 ? "" : $" or {string.Join(" or ", EnvFiles)}")
          + $", or Local:Url in {OptionsLoader.LocalFile}";

    /// <summary>
    /// The one command that configures it, with <see cref="UrlPlaceholder"/> to fill in: a line in the root <c>.env</c>,
    /// where Prisma reads it too. Null when the variable is refused (<see cref="Refusal"/> says why).
    /// </summary>
    public string? Fix => VariableIsValid ? $"echo {FixText.Quote($"{Variable}=\"{UrlPlaceholder}\"")} >> .env" : null;

    /// <summary>The environment variable the project's datasource URL is read from, and the file that names it (read through <paramref name="settings"/>, once per command).</summary>
    public static (string Variable, string NamedBy) UrlVariable(SettingFiles settings, PrismaProject project)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(project);
        for (var folder = RepoPath.Directory(project.SchemaPath); ; folder = RepoPath.Directory(folder))
        {
            if (settings.Content(folder.Length == 0 ? "prisma.config.ts" : folder + "/prisma.config.ts") is { } config)
            {
                if (PrismaConfigFile.Parse(Text(config)).DatasourceUrlVariable is { Length: > 0 } fromConfig)
                {
                    return (fromConfig, folder.Length == 0 ? "prisma.config.ts" : folder + "/prisma.config.ts");
                }

                break;
            }

            if (folder.Length == 0)
            {
                break;
            }
        }

        return !project.SchemaIsFolder && settings.Content(project.SchemaPath) is { } schema && PrismaDatasource.UrlVariable(Text(schema)) is { } fromSchema
            ? (fromSchema, project.SchemaPath + "'s datasource")
            : (DefaultVariable, "Prisma's default");
    }

    // As File.ReadAllText reads it: UTF-8 unless a byte order mark says otherwise.
    static string Text(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    static IEnumerable<string> EnvFilesOf(PrismaProject? project)
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
