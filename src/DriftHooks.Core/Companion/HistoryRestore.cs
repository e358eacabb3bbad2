using DriftHooks.Core.Backups;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Companion;

/// <summary>
/// <c>drifthooks restore</c>: puts a backup's rows back into the local database when its history was lost but its
/// schema is intact. It checks first that the schema carries the tables the restored history's scripts create
/// (<see cref="MigrationTables"/>, a light check until the shadow replay and catalog comparison land).
/// </summary>
public static class HistoryRestore
{
    public sealed record Outcome(HistoryBackup Backup, RestorePlan Plan, IReadOnlyList<Finding> Refusals, bool Applied);

    public static async Task<Outcome> RunAsync(CompanionContext context, string file, Func<HistoryBackup, RestorePlan, bool> confirm, CancellationToken cancellationToken = default)
    {
        var backup = HistoryBackupFile.Read(file);
        var url = context.RequireLocalUrl("drifthooks restore");
        await using var database = await WritableDatabase.OpenAsync(url, cancellationToken: cancellationToken).ConfigureAwait(false);
        var current = await database.ReadMigrationHistoryAsync(cancellationToken).ConfigureAwait(false);
        var plan = RestorePlan.Of(backup.Rows, current.Records);

        var refusals = new List<Finding>();
        var tables = await LocalDatabaseMaintenance.ListTablesAsync(database, cancellationToken).ConfigureAwait(false);
        if (tables.Count == 0)
        {
            refusals.Add(Finding.Error(
                CompanionRuleCodes.RestoreEmptyDatabase,
                $"The local database {url.Redacted} has no tables besides _prisma_migrations: restoring history rows into it would claim migrations whose tables are not there.",
                url.Redacted,
                "drifthooks sync (applies the migrations themselves, writing their rows as Prisma does)"));
            return new Outcome(backup, plan, refusals, false);
        }

        refusals.AddRange(CheckSchema(context, backup, tables, url.Schema));
        if (refusals.Count > 0 || plan.ChangesNothing || !confirm(backup, plan))
        {
            return new Outcome(backup, plan, refusals, false);
        }

        await LocalDatabaseMaintenance.RestoreRowsAsync(database, [.. plan.Add, .. plan.Replace], [.. plan.Replace.Select(r => r.Id)], cancellationToken).ConfigureAwait(false);
        context.Audit("restore", [Finding.Note(
            CompanionRuleCodes.RestoreDone,
            $"restored {plan.Add.Count} added and {plan.Replace.Count} replaced _prisma_migrations rows into {url.Redacted} from a {backup.Label} backup of {backup.CreatedAt:u}",
            Path.GetFullPath(file),
            null)]);
        return new Outcome(backup, plan, [], true);
    }

    /// <summary>Every table the restored history's applied scripts leave must exist; scripts come from the working tree.</summary>
    static IEnumerable<Finding> CheckSchema(CompanionContext context, HistoryBackup backup, IReadOnlySet<string> tables, string schema)
    {
        var scripts = context.WorkingTree.ToDictionary(m => m.Name, m => m.Script, StringComparer.Ordinal);
        var applied = backup.Rows.Where(r => r.IsApplied).OrderBy(r => r.StartedAt).Select(r => r.MigrationName).Distinct(StringComparer.Ordinal).ToList();
        var unknown = applied.Where(n => scripts.GetValueOrDefault(n) is null).ToList();
        if (unknown.Count > 0)
        {
            yield return Finding.Error(
                CompanionRuleCodes.RestoreUnverifiable,
                $"The backup claims {ThreeWayStatus.Count(unknown.Count, "migration")} the working tree has no migration.sql for: {string.Join(", ", unknown)}. Without the script, restore cannot check the schema carries it.",
                context.Project.MigrationFolder(unknown[0]),
                "check out the branch the backup was taken on, then restore again");
            yield break;
        }

        var expected = MigrationTables.Expected(applied.Select(n => scripts[n]!), schema);
        var missing = expected.Where(t => !tables.Contains(t)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            yield return Finding.Error(
                CompanionRuleCodes.RestoreTablesMissing,
                $"The restored history claims migrations that create {ThreeWayStatus.Count(missing.Count, "table")} the local database does not have: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : "")}. Rows would then lie about the schema.",
                null,
                "drifthooks sync --reset --yes rebuilds the local database from the migrations instead");
        }
    }
}
