namespace DriftHooks.Core.Prisma;

/// <summary>
/// One Prisma project inside a repository: its schema (a file, or a folder of <c>.prisma</c> files) and its
/// migrations folder. Paths are repository-relative with '/' separators.
/// </summary>
internal sealed record PrismaProject(string SchemaPath, bool SchemaIsFolder, string MigrationsPath)
{
    /// <summary>Where this project's location was assumed because its prisma.config.ts could not be followed, and why; else null.</summary>
    public string? Assumed { get; init; }

    // A project is its places: how it was found (Assumed) does not make it another one.
    public bool Equals(PrismaProject? other) =>
        other is not null && SchemaPath == other.SchemaPath && SchemaIsFolder == other.SchemaIsFolder && MigrationsPath == other.MigrationsPath;

    public override int GetHashCode() => HashCode.Combine(SchemaPath, SchemaIsFolder, MigrationsPath);

    /// <summary>The folders and files whose changes can matter to this project.</summary>
    public IReadOnlyList<string> Prefixes =>
        SchemaIsFolder && RepoPath.IsUnder(MigrationsPath, SchemaPath) ? [SchemaPath] : [SchemaPath, MigrationsPath];

    public string LockFilePath => MigrationsPath + "/migration_lock.toml";

    public bool IsSchemaFile(string path) => SchemaIsFolder
        ? RepoPath.IsUnder(path, SchemaPath) && path.EndsWith(".prisma", StringComparison.Ordinal) && !RepoPath.IsUnder(path, MigrationsPath)
        : path == SchemaPath;

    /// <summary>The migration folder a path belongs to (<c>migrations/&lt;name&gt;/…</c>), or null.</summary>
    public string? MigrationNameOf(string path)
    {
        if (!RepoPath.IsUnder(path, MigrationsPath) || path.Length <= MigrationsPath.Length + 1)
        {
            return null;
        }

        var rest = path.AsSpan(MigrationsPath.Length + 1);
        var slash = rest.IndexOf('/');
        return slash < 0 ? null : rest[..slash].ToString();
    }

    public string MigrationFolder(string name) => MigrationsPath + "/" + name;
}
