using DriftHooks.Core.Database;

namespace DriftHooks.Core.Companion;

/// <summary>
/// A saved copy of one database's <c>_prisma_migrations</c> rows, every column, with the header that identifies it:
/// the format version, the database's label ("local", "production"), its redacted URL, the schema and the time taken.
/// </summary>
internal sealed record HistoryBackup(
    int FormatVersion,
    string Label,
    string Url,
    string Schema,
    DateTimeOffset CreatedAt,
    bool TableExists,
    IReadOnlyList<MigrationRecord> Rows);
