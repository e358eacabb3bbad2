namespace DriftHooks.Core.Rules;

/// <summary>Where one migration stands between a repository's history and a database's.</summary>
internal enum MigrationState
{
    /// <summary>In both, checksums agree.</summary>
    Applied,

    /// <summary>In the repository, not yet applied: the next deploy applies it.</summary>
    Pending,

    /// <summary>Not applied and sorting before the newest applied migration: history diverged across branches.</summary>
    PendingOutOfOrder,

    /// <summary>Applied in the database, absent from the repository.</summary>
    MissingLocally,

    /// <summary>Applied, but the repository's migration.sql no longer matches the recorded checksum.</summary>
    Modified,

    /// <summary>Started in the database and never finished nor rolled back.</summary>
    Failed,

    /// <summary>A folder without migration.sql: Prisma cannot apply it.</summary>
    Malformed,

    /// <summary>migration.sql is committed as a symbolic link: what Prisma applies depends on the deploying machine.</summary>
    LinkedScript,
}
