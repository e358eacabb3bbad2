using System.Text;
using DriftHooks.Core.Catalog;
using DriftHooks.Core.Commits;
using DriftHooks.Core.Companion;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Backups;

/// <summary>
/// <c>drifthooks restore</c>: puts a backup's rows back into the local database when its history was lost but its
/// schema is intact. It checks first that the schema is the one the restored history's applied migrations produce:
/// replayed on a shadow database, the catalogs compared.
/// </summary>
internal static class HistoryRestore
{
    public sealed record Outcome(HistoryBackup Backup, RestorePlan Plan, IReadOnlyList<Finding> Refusals, bool Applied);

    /// <summary>The option that leaves out the rows of migrations the working tree lacks (see <see cref="RunAsync"/>).</summary>
    public const string SkipMissingFlag = "--skip-missing";

    /// <param name="targetConfirmedNotProduction">The user's <see cref="ProductionGuard.ConfirmFlag"/>.</param>
    /// <param name="skipMissing">
    /// Leave out the backup's rows of migrations the working tree has no script for (<see cref="SkipMissingFlag"/>):
    /// what no commit of this clone holds cannot be checked, and the rest of the history can still be put back.
    /// </param>
    public static async Task<Outcome> RunAsync(
        CompanionContext context, string file, bool targetConfirmedNotProduction, Func<HistoryBackup, RestorePlan, bool> confirm, bool skipMissing = false, CancellationToken cancellationToken = default)
    {
        var backup = HistoryBackupFile.Read(file, context.Invocation);
        if (skipMissing)
        {
            var scripts = context.WorkingTree.Where(m => m.Script is not null).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            backup = backup with { Rows = [.. backup.Rows.Where(r => scripts.Contains(r.MigrationName))] };
        }

        var url = context.RequireLocalUrl("restore");
        var guard = await context.PrepareGuardAsync(targetConfirmedNotProduction, cancellationToken).ConfigureAwait(false);
        await using var database = await WritableDatabase.OpenAsync(url, guard, cancellationToken: cancellationToken).ConfigureAwait(false);
        await database.LockMigrationsAsync("drifthooks restore", cancellationToken).ConfigureAwait(false);
        var current = await database.ReadMigrationHistoryAsync(cancellationToken).ConfigureAwait(false);
        var plan = RestorePlan.Of(backup.Rows, current.Records);

        var refusals = new List<Finding>();
        if (!backup.Rows.Any(r => r.IsApplied))
        {
            refusals.Add(await EmptyBackupAsync(context, file, backup, database, current, cancellationToken).ConfigureAwait(false));
            return new Outcome(backup, plan, refusals, false);
        }

        var tables = await LocalDatabaseMaintenance.ListTablesAsync(database, cancellationToken).ConfigureAwait(false);
        if (tables.Count == 0)
        {
            refusals.Add(Finding.Error(
                CompanionRuleCodes.RestoreEmptyDatabase,
                $"The local database {url.Redacted} has no tables besides _prisma_migrations: restoring history rows into it would claim migrations whose tables are not there.",
                url.Redacted,
                context.Invocation.Command("sync") + " (applies the migrations themselves, writing their rows as Prisma does)"));
            return new Outcome(backup, plan, refusals, false);
        }

        refusals.AddRange(await CheckSchemaAsync(context, file, backup, plan.KeptOnlyInDatabase, database, url, guard, cancellationToken).ConfigureAwait(false));
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

    /// <summary>A backup without one applied row restores nothing; the fix is what does: another backup, or the history rebuilt.</summary>
    static async Task<Finding> EmptyBackupAsync(
        CompanionContext context, string file, HistoryBackup backup, WritableDatabase database, MigrationHistory current, CancellationToken cancellationToken)
    {
        var objects = await database.ReadObjectNamesAsync(cancellationToken).ConfigureAwait(false);
        var restorable = context.RestorableLocalBackup;
        var fix = restorable is not null
            ? context.Invocation.Command("restore " + FixText.Quote(restorable))
            : LostHistory.Detect(context.WorkingTree, current, objects) is { } lost
                ? lost.ToFinding(ThreeWayStatus.LocalLabel, null, context.Project, context.Invocation).Fix
                : context.Invocation.Command("sync");
        return Finding.Error(
            CompanionRuleCodes.RestoreEmptyBackup,
            $"The backup {Path.GetFileName(file)} ({backup.Label}, taken {backup.CreatedAt:u}) holds {(backup.TableExists ? FixText.Count(backup.Rows.Count, "row") + " and no applied migration" : "no _prisma_migrations table")}: restoring it would put no history back.",
            Path.GetRelativePath(context.Location.WorkTree, file),
            fix);
    }

    /// <summary>
    /// The schema the restored history claims must be the local one: its applied scripts (from the working tree) are
    /// replayed on a shadow database and the catalogs compared (<see cref="CatalogDiff"/>). Objects the local database
    /// has beyond them do not make the rows lie, so only what is missing or different refuses.
    /// </summary>
    static async Task<IReadOnlyList<Finding>> CheckSchemaAsync(
        CompanionContext context, string file, HistoryBackup backup, IReadOnlyList<MigrationRecord> kept, WritableDatabase database, DatabaseUrl url, ProductionGuard guard, CancellationToken cancellationToken)
    {
        var scripts = context.WorkingTree.ToDictionary(m => m.Name, m => m.Script, StringComparer.Ordinal);
        var applied = backup.Rows.Concat(kept).Where(r => r.IsApplied).OrderBy(r => r.StartedAt).Select(r => r.MigrationName).Distinct(StringComparer.Ordinal).ToList();
        var unknown = applied.Where(n => scripts.GetValueOrDefault(n) is null).ToList();
        if (unknown.Count > 0)
        {
            // The branch (or commit) that holds the migration is where the backup was taken: restore from there.
            var holder = MigrationHolders.Find(context.Location, context.Project, [unknown[0]]).GetValueOrDefault(unknown[0]);
            var there = holder?.Branch ?? holder?.Commit;
            var restore = context.Invocation.Command("restore " + FixText.Quote(Path.GetRelativePath(context.Location.WorkTree, Path.GetFullPath(file))));
            var it = unknown.Count == 1 ? "it" : "them";
            return [Finding.Error(
                CompanionRuleCodes.RestoreUnverifiable,
                $"The backup claims {FixText.Count(unknown.Count, "migration")} the working tree has no migration.sql for: {FixText.Names(unknown)}. Without the script, restore cannot check the schema carries {it}."
                    + (there is null ? $" No branch or commit of this clone holds {it}: the branch the backup was taken on was deleted, or the backup comes from another clone (fetch that branch from there and restore again)." : ""),
                context.Project.MigrationFolder(unknown[0]),
                there is not null
                    ? $"git checkout {FixText.Quote(there)} && {restore}"
                    : (unknown.All(n => backup.Rows.Any(r => r.MigrationName == n))
                        ? $"{restore} {SkipMissingFlag} (keeps the local data: puts back the rows of the migrations this working tree has and leaves out {(unknown.Count == 1 ? "the one" : "those")} it lacks, whose tables stay unrecorded, so prisma migrate dev sees them as drift); or "
                        : "")
                        + context.Invocation.Command("sync --reset --yes") + " (rebuilds the local database from this branch's migrations, after a backup of its history; its data is lost)")];
        }

        var schema = url.Schema;
        var server = context.Command.ShadowFor(context.Project) is { } shadowSource ? shadowSource.Parse() : url;
        var shadow = await ShadowDatabase.CreateAsync(server.With(schema: schema), schema, guard, new DatabaseConnectionOptions { StatementTimeout = TimeSpan.FromMinutes(5) }, cancellationToken).ConfigureAwait(false);
        DatabaseCatalog expected;
        try
        {
            foreach (var name in applied)
            {
                await shadow.Database.ReplayMigrationAsync(name, Encoding.UTF8.GetString(scripts[name]!), cancellationToken).ConfigureAwait(false);
            }

            expected = await shadow.Database.ReadCatalogAsync([schema], cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationFailedException e)
        {
            return [Finding.Error(
                CompanionRuleCodes.RestoreUnverifiable,
                $"Migration {e.MigrationName} of the restored history does not replay on an empty database ({e.Message}), so restore cannot tell which schema the history claims.",
                context.Project.MigrationFolder(e.MigrationName),
                context.Invocation.Command("sync --reset --yes") + " (rebuilds the local database from the migrations instead)")];
        }
        finally
        {
            await shadow.DropAsync().ConfigureAwait(false);
        }

        var actual = await database.ReadCatalogAsync([schema], cancellationToken).ConfigureAwait(false);
        return [.. CatalogDiff.Compare(expected, actual, side: CatalogDiff.Side.Local)
            .Where(f => f.Severity == Severity.Error && !ExtraCodes.Contains(f.Code))
            .Select(f => Finding.Error(
                CompanionRuleCodes.RestoreTablesMissing,
                $"The restored history claims {Qualified(f, schema)} as its migrations leave it, but the local database differs ({f.Code}: {f.Message}). Rows would then lie about the schema.",
                f.Location,
                context.Invocation.Command("sync --reset --yes") + " (rebuilds the local database from the migrations instead)"))];
    }

    static readonly HashSet<string> ExtraCodes = new(StringComparer.Ordinal)
    {
        SchemaDriftCodes.ExtraTable, SchemaDriftCodes.ExtraColumn, SchemaDriftCodes.ExtraConstraint, SchemaDriftCodes.ExtraIndex,
        SchemaDriftCodes.ExtraEnum, SchemaDriftCodes.ExtraEnumValue, SchemaDriftCodes.ExtraView, SchemaDriftCodes.ExtraSequence,
        SchemaDriftCodes.ExtraFunction, SchemaDriftCodes.ExtraTrigger, SchemaDriftCodes.ExtraExtension,
    };

    // CatalogDiff leaves the public schema out of names ("table T3"); a refusal names the schema too. Extensions are
    // database-wide, in no schema: "extension pg_trgm" stays as it is.
    static string Qualified(Finding finding, string schema)
    {
        var location = finding.Location;
        if (location is null)
        {
            return "an object";
        }

        var space = location.IndexOf(' ', StringComparison.Ordinal);
        return schema == "public" && space > 0 && !DatabaseWideCodes.Contains(finding.Code)
            ? $"{location[..space]} public.{location[(space + 1)..]}"
            : location;
    }

    static readonly HashSet<string> DatabaseWideCodes = new(StringComparer.Ordinal) { SchemaDriftCodes.ExtraExtension, SchemaDriftCodes.MissingExtension };
}
