using DriftHooks.Core.Database;

namespace DriftHooks.Core.Rules;

/// <summary>One migration's state, with the database row that decided it (if any).</summary>
/// <param name="AlsoFinished">For a failed migration: a finished row is recorded for the same name too (so Prisma's <c>resolve --applied</c> is refused and only <c>--rolled-back</c> clears it).</param>
internal sealed record MigrationStatus(string Name, MigrationState State, MigrationRecord? Record, bool AlsoFinished = false)
{
    /// <summary>For <see cref="MigrationState.LinkedScript"/>: the path the link points to.</summary>
    public string? LinkTarget { get; init; }
}
