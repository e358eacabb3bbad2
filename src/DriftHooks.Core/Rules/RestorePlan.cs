using DriftHooks.Core.Database;

namespace DriftHooks.Core.Rules;

/// <summary>What a restore changes in the history table: rows added, rows replaced (same id, other content), rows already identical, rows kept that the backup lacks.</summary>
internal sealed record RestorePlan(
    IReadOnlyList<MigrationRecord> Add,
    IReadOnlyList<MigrationRecord> Replace,
    int Unchanged,
    IReadOnlyList<MigrationRecord> KeptOnlyInDatabase)
{
    public bool ChangesNothing => Add.Count == 0 && Replace.Count == 0;

    /// <summary>Compares a backup's rows with the table's current rows, by id.</summary>
    public static RestorePlan Of(IReadOnlyList<MigrationRecord> backup, IReadOnlyList<MigrationRecord> current)
    {
        var byId = current.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var add = new List<MigrationRecord>();
        var replace = new List<MigrationRecord>();
        var unchanged = 0;
        foreach (var row in backup)
        {
            if (!byId.TryGetValue(row.Id, out var existing))
            {
                add.Add(row);
            }
            else if (existing == row)
            {
                unchanged++;
            }
            else
            {
                replace.Add(row);
            }
        }

        var inBackup = backup.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return new RestorePlan(add, replace, unchanged, [.. current.Where(r => !inBackup.Contains(r.Id))]);
    }
}
