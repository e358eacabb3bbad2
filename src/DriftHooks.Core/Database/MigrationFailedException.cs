using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Database;

/// <summary>
/// A migration script failed on a local or shadow database. Its row was left as Prisma leaves it (not finished,
/// logs set) and the script's changes were rolled back. Exit code 1: the migration itself is what is wrong.
/// </summary>
internal sealed class MigrationFailedException(string migrationName, string? sqlState, string message, Exception? inner = null)
    : DriftHooksException(message, ExitCodes.Refused, inner)
{
    public string MigrationName { get; } = migrationName;

    public string? SqlState { get; } = sqlState;
}
