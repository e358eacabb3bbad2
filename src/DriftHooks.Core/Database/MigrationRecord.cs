namespace DriftHooks.Core.Database;

/// <summary>One row of <c>_prisma_migrations</c>, column for column.</summary>
internal sealed record MigrationRecord(
    string Id,
    string? Checksum, // NOT NULL as Prisma creates the table; null only in a table someone made or altered by hand
    DateTimeOffset? FinishedAt,
    string MigrationName,
    string? Logs,
    DateTimeOffset? RolledBackAt,
    DateTimeOffset StartedAt,
    int AppliedStepsCount)
{
    /// <summary>Applied completely: finished and not rolled back.</summary>
    public bool IsApplied => FinishedAt is not null && RolledBackAt is null;

    /// <summary>Started, never finished and not marked rolled back: Prisma's "failed migration" (P3009).</summary>
    public bool IsFailed => FinishedAt is null && RolledBackAt is null;

    public bool IsRolledBack => RolledBackAt is not null;
}
