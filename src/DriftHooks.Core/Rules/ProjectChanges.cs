using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Schema;

namespace DriftHooks.Core.Rules;

/// <summary>
/// What a commit changes in one Prisma project, as plain data: the changed files, the migration folders before
/// and after, the schema files on each side (path and blob id), and a way to read blobs and the working tree.
/// The working-tree readers give nothing (empty, null) where there is no working tree, as over a commit range; the
/// schema reader gives null too when the working tree's schema is missing or not UTF-8. <see cref="Base"/> says what
/// the "before" side is and where committed migrations are published, for the fixes.
/// </summary>
internal sealed record ProjectChanges(
    PrismaProject Project,
    IReadOnlyList<FileChange> Changes,
    IReadOnlyDictionary<string, MigrationFolder> Before,
    IReadOnlyDictionary<string, MigrationFolder> After,
    IReadOnlyList<FileVersion> SchemaBefore,
    IReadOnlyList<FileVersion> SchemaAfter,
    Func<string, byte[]> ReadBlob,
    Func<IReadOnlyList<WorkingTreeMigration>> ReadWorkingTreeMigrations,
    Func<IReadOnlyList<SchemaSource>?> ReadWorkingTreeSchema)
{
    public CommitBase Base { get; init; } = CommitBase.Head;

    /// <summary>The migration scripts read through <see cref="ReadBlob"/>, each decoded and split once for all the rules.</summary>
    public MigrationScripts Scripts { get; } = new(ReadBlob);
}
