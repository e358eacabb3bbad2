using System.Text;
using System.Text.Json;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Prisma;

/// <summary>
/// Finds the Prisma projects of a repository the way the Prisma CLI finds a schema: a location configured in
/// <c>drifthooks.json</c>; a <c>prisma.config.ts</c> <c>schema</c> entry; a <c>package.json</c> <c>prisma.schema</c> key;
/// else <c>prisma/schema.prisma</c>, <c>schema.prisma</c> or a <c>prisma/schema/</c> folder, at the root or in any package of a monorepo.
/// The migrations folder sits beside the schema unless a config says otherwise.
/// </summary>
internal static class PrismaProjectLocator
{
    private static readonly byte[] PrismaSuffix = ".prisma"u8.ToArray();
    private static readonly byte[][] MarkerNames = ["package.json"u8.ToArray(), "prisma.config.ts"u8.ToArray(), "migration_lock.toml"u8.ToArray()];

    /// <summary>
    /// Does this repository path name a file that can locate or belong to a Prisma project? Used on raw index bytes and
    /// on the paths of a tree walk alike: one rule for every command. Nothing under a skipped folder counts.
    /// </summary>
    public static bool IsCandidate(ReadOnlySpan<byte> path)
    {
        // Runs on every index entry: the last byte rules out nearly every path before any comparison.
        if (path.IsEmpty)
        {
            return false;
        }

        var named = path[^1] switch
        {
            (byte)'a' => path.EndsWith(PrismaSuffix),
            (byte)'n' => IsFileNamed(path, MarkerNames[0]),
            (byte)'s' => IsFileNamed(path, MarkerNames[1]),
            (byte)'l' => IsFileNamed(path, MarkerNames[2]),
            _ => false,
        };
        return named && !IsInSkippedFolder(path);
    }

    /// <summary>
    /// A folder no project is looked for in: <c>node_modules</c> (a dependency's own schema, @prisma/client's examples)
    /// at any depth, and <c>.git</c>. A tree walk does not enter one.
    /// </summary>
    public static bool IsSkippedFolder(string name) => name is "node_modules" or ".git";

    /// <summary>Is any folder on the path a skipped one (<see cref="IsSkippedFolder"/>)?</summary>
    public static bool IsInSkippedFolder(ReadOnlySpan<byte> path)
    {
        var start = 0;
        while (path[start..].IndexOf((byte)'/') is var slash and >= 0)
        {
            var folder = path.Slice(start, slash);
            if (folder.SequenceEqual("node_modules"u8) || folder.SequenceEqual(".git"u8))
            {
                return true;
            }

            start += slash + 1;
        }

        return false;
    }

    /// <inheritdoc cref="IsCandidate(ReadOnlySpan{byte})"/>
    public static bool IsCandidate(string path) => IsCandidate(Encoding.UTF8.GetBytes(path));

    private static bool IsFileNamed(ReadOnlySpan<byte> path, byte[] name) =>
        path.EndsWith(name) && (path.Length == name.Length || path[^(name.Length + 1)] == (byte)'/');

    /// <summary>
    /// Does the path have a component named "prisma"? Entries passing this are read in the same pass over the index
    /// as the candidates, because nearly every project lives under a "prisma" folder; see <see cref="IsCoveredByLikely"/>.
    /// </summary>
    public static bool IsLikelyProjectPath(ReadOnlySpan<byte> path)
    {
        // Runs on every index entry: a vectorised search, then the component boundaries.
        var offset = 0;
        while (true)
        {
            var at = path[offset..].IndexOf("prisma"u8);
            if (at < 0)
            {
                return false;
            }

            var start = offset + at;
            var end = start + 6;
            if ((start == 0 || path[start - 1] == (byte)'/') && (end == path.Length || path[end] == (byte)'/'))
            {
                return true;
            }

            offset = start + 1;
        }
    }

    /// <summary>
    /// True when every index path equal to or under <paramref name="prefix"/> passes <see cref="IsLikelyProjectPath"/>
    /// (the prefix itself has a "prisma" component), so that the entries read for it are complete.
    /// </summary>
    public static bool IsCoveredByLikely(string prefix) =>
        prefix.Length > 0 && Array.IndexOf(prefix.Split('/'), "prisma") >= 0;

    /// <param name="candidatePaths">Repository paths that pass <see cref="IsCandidate(string)"/>; any in a skipped folder is left out.</param>
    /// <param name="readFile">Reads a small file (package.json, prisma.config.ts) by repository path, or null.</param>
    /// <param name="configured">Projects named in configuration; when present they replace discovery.</param>
    public static IReadOnlyList<PrismaProject> Locate(
        IReadOnlyCollection<string> candidatePaths,
        Func<string, string?> readFile,
        IReadOnlyList<ProjectLocation> configured)
    {
        if (configured.Count > 0)
        {
            return [.. configured.Select(FromConfigured)];
        }

        var projects = new List<PrismaProject>();
        var paths = candidatePaths.Where(p => !IsInSkippedFolder(Encoding.UTF8.GetBytes(p))).ToList();

        foreach (var configPath in paths.Where(p => RepoPath.FileName(p) == "prisma.config.ts"))
        {
            var folder = RepoPath.Directory(configPath);
            var config = PrismaConfigFile.Parse(readFile(configPath) ?? "");
            var schema = RepoPath.Combine(folder, config.Schema ?? "prisma/schema.prisma");
            if (schema is null)
            {
                continue;
            }

            var isFolder = !schema.EndsWith(".prisma", StringComparison.Ordinal);
            var migrations = config.MigrationsPath is { } m ? RepoPath.Combine(folder, m) : null;
            Add(projects, new PrismaProject(schema, isFolder, migrations ?? DefaultMigrations(schema, isFolder, paths))
            {
                Assumed = config.Unfollowed is { } why ? $"{configPath} {why}" : null,
            });
        }

        foreach (var packagePath in paths.Where(p => RepoPath.FileName(p) == "package.json"))
        {
            var declared = ReadPackageJsonSchema(readFile(packagePath), packagePath);
            if (declared is null)
            {
                continue;
            }

            var schema = RepoPath.Combine(RepoPath.Directory(packagePath), declared);
            if (schema is null || projects.Any(p => p.SchemaPath == schema))
            {
                continue;
            }

            var isFolder = !schema.EndsWith(".prisma", StringComparison.Ordinal);
            Add(projects, new PrismaProject(schema, isFolder, DefaultMigrations(schema, isFolder, paths)));
        }

        foreach (var path in paths.Where(p => p.EndsWith(".prisma", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (projects.Any(p => p.IsSchemaFile(path) || RepoPath.IsUnder(path, p.MigrationsPath)))
            {
                continue;
            }

            var folder = RepoPath.Directory(path);
            var name = RepoPath.FileName(path);
            if (RepoPath.FileName(folder) == "schema" && RepoPath.FileName(RepoPath.Directory(folder)) == "prisma")
            {
                // prisma/schema/*.prisma: a multi-file schema.
                Add(projects, new PrismaProject(folder, true, DefaultMigrations(folder, true, paths)));
            }
            else if (name == "schema.prisma" && (folder.Length == 0 || RepoPath.FileName(folder) == "prisma" || HasMigrations(folder + "/migrations", paths)))
            {
                Add(projects, new PrismaProject(path, false, DefaultMigrations(path, false, paths)));
            }
        }

        return projects;
    }

    private static PrismaProject FromConfigured(ProjectLocation location)
    {
        var schema = RepoPath.Combine("", location.Schema) ?? throw new ConfigurationException(
            $"The configured schema path '{location.Schema}' leaves the repository. Give a path relative to the repository root.");
        var isFolder = !schema.EndsWith(".prisma", StringComparison.Ordinal);
        var migrations = location.Migrations is { } m
            ? RepoPath.Combine("", m) ?? throw new ConfigurationException($"The configured migrations path '{m}' leaves the repository.")
            : (isFolder ? schema : RepoPath.Directory(schema)) is var dir && dir.Length > 0 ? dir + "/migrations" : "migrations";
        return new PrismaProject(schema, isFolder, migrations);
    }

    // Prisma keeps migrations beside the schema file; for a schema folder, inside it when the folder holds them
    // (Prisma 6 multi-file layout), else beside it.
    private static string DefaultMigrations(string schema, bool isFolder, IReadOnlyCollection<string> paths)
    {
        if (isFolder)
        {
            var inside = schema + "/migrations";
            if (HasMigrations(inside, paths))
            {
                return inside;
            }

            var parent = RepoPath.Directory(schema);
            return parent.Length == 0 ? "migrations" : parent + "/migrations";
        }

        var dir = RepoPath.Directory(schema);
        return dir.Length == 0 ? "migrations" : dir + "/migrations";
    }

    private static bool HasMigrations(string folder, IReadOnlyCollection<string> paths) =>
        paths.Any(p => RepoPath.IsUnder(p, folder));

    private static void Add(List<PrismaProject> projects, PrismaProject project)
    {
        if (!projects.Any(p => p.SchemaPath == project.SchemaPath))
        {
            projects.Add(project);
        }
    }

    private static string? ReadPackageJsonSchema(string? text, string path)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.Contains("\"prisma\"", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(text), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("prisma", out var prisma)
                && prisma.ValueKind == JsonValueKind.Object
                && prisma.TryGetProperty("schema", out var schema)
                && schema.ValueKind == JsonValueKind.String
                ? schema.GetString()
                : null;
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"'{path}' is not valid JSON ({e.Message}); DriftHooks reads its \"prisma\" key to find the schema. Fix the file.", e);
        }
    }
}
