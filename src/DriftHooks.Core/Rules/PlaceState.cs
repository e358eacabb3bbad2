namespace DriftHooks.Core.Rules;

/// <summary>Where one migration stands in one database, as <c>drifthooks status</c> shows it.</summary>
internal enum PlaceState
{
    /// <summary>The database was not configured or could not be read.</summary>
    Unknown,

    /// <summary>Neither in this database nor in the repository (it is known only from the other database).</summary>
    Absent,

    Applied,
    Pending,
    PendingOutOfOrder,
    Modified,
    Failed,

    /// <summary>Only rolled-back rows: Prisma applies it again if the folder is there.</summary>
    RolledBack,

    /// <summary>Applied here, but the working tree has no such folder.</summary>
    NotInRepository,

    /// <summary>The folder has no migration.sql.</summary>
    Malformed,
}
