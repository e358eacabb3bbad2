using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Rules;

/// <summary>
/// A database whose <c>_prisma_migrations</c> is gone, emptied or short while its schema already holds what the
/// migrations it lacks create (a restored dump, a truncated table). Replaying them would fail on the first
/// <c>CREATE</c> ("already exists") and leave a failed row; what brings such a database back is its history:
/// a backup restored, or the migrations marked applied. Pure: the objects come from the caller.
/// </summary>
/// <param name="Recorded">Applied rows the history still holds.</param>
/// <param name="PresumedApplied">The migrations the history lacks up to the last one whose objects are present, in order.</param>
/// <param name="Evidence">One object found, named as <see cref="CreatedObjects"/> names it ("table public.User").</param>
/// <param name="EvidenceMigration">The migration that creates it.</param>
internal sealed record LostHistory(bool TableExists, int Recorded, IReadOnlyList<string> PresumedApplied, string Evidence, string EvidenceMigration)
{
    /// <param name="objects">The database's tables and enum types, as <see cref="CreatedObjects"/> names them.</param>
    public static LostHistory? Detect(IReadOnlyList<RepositoryMigration> workingTree, MigrationHistory history, IReadOnlySet<string> objects)
    {
        ArgumentNullException.ThrowIfNull(history);
        var applied = history.Records.Where(r => r.IsApplied).Select(r => r.MigrationName).ToHashSet(StringComparer.Ordinal);
        var missing = workingTree.Where(m => m.Script is not null && !applied.Contains(m.Name)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        string? evidence = null;
        string? evidenceMigration = null;
        var last = -1;
        for (var i = 0; i < missing.Count; i++)
        {
            if (CreatedObjects.Of(missing[i].Script!, history.Schema).FirstOrDefault(objects.Contains) is { } present)
            {
                evidence ??= present;
                evidenceMigration ??= missing[i].Name;
                last = i;
            }
        }

        return last < 0
            ? null
            : new LostHistory(history.TableExists, applied.Count, [.. missing.Take(last + 1).Select(m => m.Name)], evidence!, evidenceMigration!);
    }

    /// <summary>The one finding status, sync and restore give for it, with the fix that works.</summary>
    /// <param name="database">"the local database".</param>
    /// <param name="restorableBackup">The newest backup of this database's history that holds rows (relative path), or null.</param>
    /// <param name="invocation">How the user runs DriftHooks (the plain name when null).</param>
    public Finding ToFinding(string database, string? restorableBackup, PrismaProject project, Invocation? invocation = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        invocation ??= Invocation.Plain;
        var history = !TableExists ? "has no _prisma_migrations table" : Recorded == 0 ? "records no migration" : $"records only {FixText.Count(Recorded, "applied migration")}";
        var message = $"The history of {database} {history}, yet its schema already holds what {FixText.Count(PresumedApplied.Count, "migration")} it lacks create "
            + $"({Evidence}, created by {EvidenceMigration}): the history was lost, not the schema. Replaying them ({invocation.Command("sync")}, prisma migrate deploy) would fail with "
            + $"\"already exists\" and leave a failed row. Migrations not recorded: {FixText.Names(PresumedApplied)}.";
        var fix = restorableBackup is not null
            ? invocation.Command("restore " + FixText.Quote(restorableBackup))
            : MarkApplied(PresumedApplied, project);
        return Finding.Error(CompanionRuleCodes.LocalHistoryLost, message, project.MigrationFolder(EvidenceMigration), fix);
    }

    /// <summary>The <c>prisma migrate resolve --applied</c> commands that record the migrations, in order: one command, or one loop.</summary>
    public static string MarkApplied(IReadOnlyList<string> names, PrismaProject project) => names.Count == 1
        ? $"npx prisma migrate resolve --applied {FixText.Quote(names[0])}{ProjectFixText.SchemaArgument(project)}"
        : $"for m in {string.Join(' ', names.Select(FixText.Quote))}; do npx prisma migrate resolve --applied \"$m\"{ProjectFixText.SchemaArgument(project)} || break; done";
}
