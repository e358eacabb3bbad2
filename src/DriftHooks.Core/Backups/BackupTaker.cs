using DriftHooks.Core.Companion;
using DriftHooks.Core.Database;

namespace DriftHooks.Core.Backups;

/// <summary>
/// Saves a database's complete <c>_prisma_migrations</c> rows to a new file in the backup folder. A history with no
/// row (or no table) is not saved: it could restore nothing, and as the newest file it would hide the backup that can.
/// </summary>
internal static class BackupTaker
{
    /// <param name="Path">The file written, or null when the history held no row.</param>
    public sealed record Result(string Label, string? Path, int Rows, bool TableExists);

    /// <summary>Writes the backup file and returns its path, or null (nothing written) for an empty history.</summary>
    public static string? Save(string folder, string label, DatabaseUrl url, MigrationHistory history) =>
        history.Records.Count == 0
            ? null
            : HistoryBackupFile.Write(folder, new HistoryBackup(HistoryBackupFile.CurrentVersion, label, url.Redacted, history.Schema, DateTimeOffset.UtcNow, history.TableExists, history.Records));

    /// <summary>Reads (read-only) and saves one database; <paramref name="rememberIn"/> as in <see cref="HistoryReads.ReadAsync"/>.</summary>
    public static async Task<Result> TakeAsync(string folder, string label, DatabaseUrl url, DatabaseConnectionOptions options, string? rememberIn, CancellationToken cancellationToken = default)
    {
        var history = await HistoryReads.ReadAsync(url, options, rememberIn, cancellationToken).ConfigureAwait(false);
        return new Result(label, Save(folder, label, url, history), history.Records.Count, history.TableExists);
    }
}
