using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Rules;

/// <summary>
/// What a commit changes in one Prisma project, as plain data: the changed files, the migration folders before
/// and after, the schema files on each side (path and blob id), and a way to read blobs and the working tree.
/// </summary>
public sealed record ProjectChanges(
    PrismaProject Project,
    IReadOnlyList<FileChange> Changes,
    IReadOnlyDictionary<string, MigrationFolder> Before,
    IReadOnlyDictionary<string, MigrationFolder> After,
    IReadOnlyList<FileVersion> SchemaBefore,
    IReadOnlyList<FileVersion> SchemaAfter,
    Func<string, byte[]> ReadBlob,
    Func<IReadOnlyList<WorkingTreeMigration>> ReadWorkingTreeMigrations);
