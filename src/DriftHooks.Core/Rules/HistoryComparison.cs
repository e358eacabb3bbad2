using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Rules;

/// <summary>
/// Compares a repository's migration folders with a database's <c>_prisma_migrations</c> rows the way Prisma reads
/// them: rolled-back rows are history, not state; checksums match as Prisma matches them (line endings, unpadded hex).
/// Pure: used by the pre-push hook and by every command that compares histories.
/// </summary>
internal static class HistoryComparison
{
    public static IReadOnlyList<MigrationStatus> Compare(IReadOnlyList<RepositoryMigration> repository, IReadOnlyList<MigrationRecord> records)
    {
        var local = repository.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var byName = records.GroupBy(r => r.MigrationName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var newestApplied = byName.Where(g => g.Value.Any(r => r.IsApplied)).Select(g => g.Key).Max(StringComparer.Ordinal);

        var statuses = new List<MigrationStatus>();
        foreach (var name in local.Keys.Union(byName.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            local.TryGetValue(name, out var migration);
            var rows = byName.GetValueOrDefault(name) ?? [];
            var applied = rows.LastOrDefault(r => r.IsApplied);
            var failed = rows.LastOrDefault(r => r.IsFailed);

            // Prisma refuses to deploy (P3009) while any row of a name is failed, whatever else is recorded for it.
            if (failed is not null)
            {
                statuses.Add(new MigrationStatus(name, MigrationState.Failed, failed, AlsoFinished: applied is not null));
            }
            else if (migration is { ScriptIsLink: true })
            {
                // Applied or not, a link is not a migration: its checksum says nothing about what a deploy would run.
                statuses.Add(new MigrationStatus(name, MigrationState.LinkedScript, applied ?? rows.LastOrDefault()) { LinkTarget = System.Text.Encoding.UTF8.GetString(migration.Script ?? []) });
            }
            else if (applied is not null)
            {
                statuses.Add(migration is null
                    ? new MigrationStatus(name, MigrationState.MissingLocally, applied)
                    : migration.Script is null || !MigrationChecksum.Matches(applied.Checksum, migration.Script)
                        ? new MigrationStatus(name, MigrationState.Modified, applied)
                        : new MigrationStatus(name, MigrationState.Applied, applied));
            }
            else if (migration is not null)
            {
                var state = migration.Script is null
                    ? MigrationState.Malformed
                    : newestApplied is not null && string.CompareOrdinal(name, newestApplied) < 0
                        ? MigrationState.PendingOutOfOrder
                        : MigrationState.Pending;
                statuses.Add(new MigrationStatus(name, state, rows.LastOrDefault()));
            }

            // Only rolled-back rows and no folder: history of an abandoned attempt, nothing to judge.
        }

        return statuses;
    }

    /// <summary>
    /// The findings of one comparison: renamed, missing, modified, failed, out-of-order, linked and malformed migrations,
    /// then the pending ones as a note.
    /// </summary>
    public static IReadOnlyList<Finding> Findings(ComparedHistory compared)
    {
        ArgumentNullException.ThrowIfNull(compared);
        var findings = new List<Finding>();
        var renamed = Renamed(compared, findings);
        if (Missing(compared, renamed) is { } missing)
        {
            findings.Add(missing);
        }

        var newestApplied = compared.Statuses.Where(s => s.State is MigrationState.Applied or MigrationState.Modified or MigrationState.MissingLocally).Select(s => s.Name).Max(StringComparer.Ordinal);
        foreach (var status in compared.Statuses.Where(s => !renamed.ContainsValue(s.Name)))
        {
            if (OfStatus(compared, status, newestApplied) is { } finding)
            {
                findings.Add(finding);
            }
        }

        if (Pending(compared, renamed) is { } pending)
        {
            findings.Add(pending);
        }

        return findings;
    }

    // An applied migration absent by name but present by content under a pending name was renamed: Prisma would apply it twice.
    static Dictionary<string, string> Renamed(ComparedHistory compared, List<Finding> findings)
    {
        var (statuses, database, context, project, repository) = (compared.Statuses, compared.Database, compared.Context, compared.Project, compared.Repository);
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var unapplied = statuses.Where(s => s.State is MigrationState.Pending or MigrationState.PendingOutOfOrder).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var status in statuses.Where(s => s.State == MigrationState.MissingLocally && s.Record is not null))
        {
            if (repository?.FirstOrDefault(m => unapplied.Contains(m.Name) && !renamed.ContainsValue(m.Name) && m.Script is not null && MigrationChecksum.Matches(status.Record!.Checksum, m.Script)) is { } copy)
            {
                renamed[status.Name] = copy.Name;
                findings.Add(Finding.Error(
                    PushRuleCodes.MissingLocally,
                    $"Migration '{status.Name}', applied in {database}, is renamed to '{copy.Name}' in {context} (the same migration.sql): Prisma would take '{copy.Name}' for a new migration and run it again on {database}. Keep the name {database} recorded.",
                    project.MigrationFolder(copy.Name),
                    $"git mv {FixText.Quote(project.MigrationFolder(copy.Name))} {FixText.Quote(project.MigrationFolder(status.Name))}, then commit and push again"));
            }
        }

        return renamed;
    }

    static Finding? Missing(ComparedHistory compared, Dictionary<string, string> renamed)
    {
        var (statuses, database, context, project, repository, holders) = (compared.Statuses, compared.Database, compared.Context, compared.Project, compared.Repository, compared.Holders);
        var missing = statuses.Where(s => s.State == MigrationState.MissingLocally && !renamed.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var row = MissingMigrationFix.Row(statuses.First(s => s.Name == missing[0]).Record, missing[0]);
        return Finding.Error(
            PushRuleCodes.MissingLocally,
            $"{Capitalise(database)} has applied {FixText.Count(missing.Count, "migration")} that {context} does not contain: {FixText.Names(missing)}.{WhereHeld(missing, holders, database)} Deploying this commit would leave {database} ahead of the code.",
            $"{project.MigrationsPath}/{missing[0]}",
            MissingMigrationFix.For(project, missing, holders, repository?.Select(m => m.Name).Max(StringComparer.Ordinal), database, row));
    }

    static Finding? OfStatus(ComparedHistory compared, MigrationStatus status, string? newestApplied)
    {
        var (database, context, project, prismaAt, appliedVersionAt, published) = (compared.Database, compared.Context, compared.Project, compared.PrismaAt, compared.AppliedVersionAt, compared.Published);
        var schema = ProjectFixText.SchemaArgument(project);
        var folder = project.MigrationFolder(status.Name);

        // Where git holds the version a database applied (searched only for an edited migration with a checksum).
        var appliedAt = status is { State: MigrationState.Modified, Record.Checksum: not null } ? appliedVersionAt?.Invoke(status) : null;
        switch (status.State)
        {
            case MigrationState.Modified when status.Record is { Checksum: null } row:
                return Finding.Error(
                    PushRuleCodes.ModifiedAfterApply,
                    $"{Capitalise(database)}'s _prisma_migrations row for '{status.Name}' (id {row.Id}) has no checksum (NULL), which Prisma never writes: the row was made or edited by hand, and whether {context} holds the migration {database} applied cannot be checked."
                    + (compared.ScriptOf(status.Name) is null ? "" : NoFixWithout(prismaAt, database)),
                    folder,
                    compared.ScriptOf(status.Name) is { } nullRowScript
                        ? RecordChecksumFix(row, nullRowScript, status.Name, database, project, prismaAt, compared.Invocation)
                        : $"check that {database} holds what {folder}/migration.sql creates, then record its checksum in that row by hand: UPDATE \"_prisma_migrations\" SET \"checksum\" = '<sha256sum of that migration.sql>' WHERE \"id\" = '{row.Id.Replace("'", "''", StringComparison.Ordinal)}'");
            case MigrationState.Modified when appliedVersionAt is not null && appliedAt is null && status.Record is { } row && compared.ScriptOf(status.Name) is { } script:
                // Git was searched and holds no version with the checksum the database recorded: the SQL it ran is
                // unknown, so the only way back is to check that it holds what this version creates and record this one.
                return Finding.Error(
                    PushRuleCodes.ModifiedAfterApply,
                    $"Migration '{status.Name}' was modified after it was applied to {database}: its migration.sql in {context} does not match the checksum {database} recorded ({row.Checksum![..Math.Min(12, row.Checksum!.Length)]}…), and no commit of this clone holds a version that does (it was edited before it was committed, or the commit it was deployed from is not in this clone). DriftHooks knows that checksum, not the SQL {database} ran, so that version cannot be restored.{NoFixWithout(prismaAt, database)}",
                    folder,
                    RecordChecksumFix(row, script, status.Name, database, project, prismaAt, compared.Invocation));
            case MigrationState.Modified:
                return Finding.Error(
                    PushRuleCodes.ModifiedAfterApply,
                    $"Migration '{status.Name}' was modified after it was applied to {database}: its migration.sql in {context} no longer matches the checksum {database} recorded, so Prisma's next deploy would fail or {database} would differ from fresh databases.",
                    folder,
                    appliedAt is not null
                        ? ProjectFixText.EditIntoNewMigration(project, folder, appliedAt, database + " applied") + $" and git add {FixText.Quote(project.MigrationsPath)}, then commit and push again"
                        : $"git log -p -- {FixText.Quote(folder)} to find the edit; restore the applied version and put the change in a new migration (npx prisma migrate dev --create-only{schema})");
            case MigrationState.Failed:
                var logs = string.IsNullOrWhiteSpace(status.Record?.Logs) ? "(no logs recorded)" : Shorten(status.Record!.Logs!.Trim());
                return status.AlsoFinished
                    ? Finding.Error(
                        PushRuleCodes.FailedInDatabase,
                        $"Migration '{status.Name}' is recorded in {database} as finished and also as a later attempt that failed (started {status.Record?.StartedAt:u}, never finished): {logs} Prisma refuses to deploy anything while a failed attempt is recorded (P3009), whatever else is recorded for that migration.{NoFixWithout(prismaAt, database)}",
                        folder,
                        prismaAt is null ? null : $"undo whatever the failed attempt changed in {database}, then {prismaAt}npx prisma migrate resolve --rolled-back {FixText.Quote(status.Name)}{schema} (marks the failed attempt rolled back and keeps the finished row; --applied is refused while a finished row exists){WhatItNeeds(prismaAt)}")
                    : Finding.Error(
                        PushRuleCodes.FailedInDatabase,
                        $"Migration '{status.Name}' failed in {database} (started {status.Record?.StartedAt:u}, never finished): {logs} Prisma refuses to deploy anything until it is resolved.{NoFixWithout(prismaAt, database)}",
                        folder,
                        prismaAt is null ? null : $"fix {database} by hand, then {prismaAt}npx prisma migrate resolve --applied {FixText.Quote(status.Name)}{schema} (the name {database} recorded); or undo what it changed in {database}, then {prismaAt}npx prisma migrate resolve --rolled-back {FixText.Quote(status.Name)}{schema} (the next deploy runs it again){WhatItNeeds(prismaAt)}");
            case MigrationState.PendingOutOfOrder:
                return Finding.Error(
                    PushRuleCodes.PendingOutOfOrder,
                    $"Migration '{status.Name}' is not applied in {database} yet, but it sorts before '{newestApplied}', which is. It was probably written on a branch that fell behind; Prisma applies in name order, so databases would end up with different histories.",
                    folder,
                    OutOfOrderFix(folder, status.Name, newestApplied!, database, project, published?.Invoke(folder)));
            case MigrationState.LinkedScript:
                var link = folder + "/migration.sql";
                return Finding.Error(
                    PushRuleCodes.MigrationScriptIsLink,
                    $"Migration '{status.Name}' in {context} has a migration.sql that is a symbolic link (to '{status.LinkTarget}'), not a file: git holds only the link, so what Prisma applies depends on what that path holds on the machine that deploys.",
                    link,
                    $"{FixText.ReplaceLinkByFile(link)}, then commit (the content {database} applied, if it applied it)");
            case MigrationState.Malformed:
                return Finding.Error(
                    PushRuleCodes.MigrationWithoutScript,
                    $"Migration folder '{status.Name}' in {context} has no migration.sql; Prisma's deploy fails on it.",
                    folder,
                    $"git rm -r -q {FixText.Quote(folder)}, then commit and push again (a folder without migration.sql is no migration; to keep it, add its migration.sql instead)");
        }

        return null;
    }

    static Finding? Pending(ComparedHistory compared, Dictionary<string, string> renamed)
    {
        var (statuses, database, context, project) = (compared.Statuses, compared.Database, compared.Context, compared.Project);
        var pending = statuses.Where(s => s.State == MigrationState.Pending && !renamed.ContainsValue(s.Name)).Select(s => s.Name).ToList();
        return pending.Count == 0 ? null : Finding.Note(
            PushRuleCodes.Pending,
            $"{FixText.Count(pending.Count, "migration")} of {context} will be applied to {database} on the next deploy: {FixText.Names(pending)}.",
            project.MigrationsPath,
            null);
    }

    /// <summary>
    /// The finding for a database that has never been migrated by Prisma (or whose history lives in another schema).
    /// The fix is the baseline as one loop over the migrations folder, runnable as printed, however many there are.
    /// </summary>
    /// <param name="prismaAt">As for <see cref="Findings"/>: what points <c>npx prisma</c> at <paramref name="database"/>.</param>
    public static Finding NoHistoryTable(string database, string schemaName, PrismaProject project, IReadOnlyList<RepositoryMigration> repository, string? prismaAt)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(repository);
        var schema = ProjectFixText.SchemaArgument(project);
        var names = repository.Select(m => m.Name).Order(StringComparer.Ordinal).ToList();
        return Finding.Error(
            PushRuleCodes.NoHistoryTable,
            $"{Capitalise(database)} has no _prisma_migrations table in schema '{schemaName}', so its history cannot be compared. If {database} already holds the schema (created by db push or by hand), it must be baselined: each of the {FixText.Count(names.Count, "migration")} recorded as applied without running it ({FixText.Names(names)}); if the URL's ?schema= is wrong, fix the URL.{NoFixWithout(prismaAt, database)}",
            project.MigrationsPath,
            prismaAt is null ? null : $"for m in {FixText.Quote(project.MigrationsPath)}/*/; do m=${{m%/}}; {prismaAt}npx prisma migrate resolve --applied \"${{m##*/}}\"{schema}; done (records every migration of {project.MigrationsPath} as applied in {database} without running it: only when {database} already holds what they create, see https://pris.ly/d/migrate-baseline){WhatItNeeds(prismaAt)}");
    }

    /// <summary>
    /// Records <paramref name="script"/>'s checksum in the database's row for <paramref name="name"/>, once
    /// <c>drifthooks drift</c> (read-only) finds the database's schema as the migrations create it with this version:
    /// what the row then claims is true. Run by the user through Prisma, as DriftHooks never writes production.
    /// </summary>
    private static string? RecordChecksumFix(MigrationRecord row, byte[] script, string name, string database, PrismaProject project, string? prismaAt, Invocation invocation)
    {
        if (prismaAt is null)
        {
            return null;
        }

        var update = $"UPDATE _prisma_migrations SET checksum = '{MigrationChecksum.Compute(script)}' WHERE id = '{row.Id.Replace("'", "''", StringComparison.Ordinal)}'";
        return $"{invocation.Command("drift")}, then echo {FixText.Quote(update)} | {prismaAt}npx prisma db execute --stdin --schema {FixText.Quote(project.SchemaPath)} "
            + $"(drift must find {database}'s schema as the migrations create it, this version of {name} included: the row then records this version. "
            + $"Where drift finds a difference, {database} ran another version: first make the two agree, by putting the difference in a new migration, npx prisma migrate dev --create-only{ProjectFixText.SchemaArgument(project)}, or by hand){WhatItNeeds(prismaAt)}";
    }

    /// <summary>
    /// Said instead of a fix that would point <c>npx prisma</c> at <paramref name="database"/> where nothing can
    /// (<paramref name="prismaAt"/> null: the datasource's variable is refused, see <see cref="Configuration.LocalUrlSetting.Refusal"/>).
    /// </summary>
    /// <summary>What a fix that writes a history needs to do so: for production, a URL whose role may write it (<see cref="Configuration.ProductionUrlResolver.AdminRemark"/>).</summary>
    private static string WhatItNeeds(string? prismaAt) =>
        prismaAt is { Length: > 0 } ? " " + Configuration.ProductionUrlResolver.AdminRemark : "";

    private static string NoFixWithout(string? prismaAt, string database) =>
        prismaAt is null ? $" No fix is printed: the datasource's variable is not a valid environment variable name, so no command can point npx prisma at {database}; rename it in the schema or prisma.config.ts." : "";

    // Renamed after the newest applied one where pre-commit lets the rename through; where the mainline or another
    // branch has it under this name (so deployed databases may record it), it keeps the name and is let through once.
    private static string OutOfOrderFix(string folder, string name, string newestApplied, string database, PrismaProject project, PublishedMigration? published) =>
        PublishedMigration.MayBeRenamed(published)
            ? $"git mv {FixText.Quote(folder)} {FixText.Quote(ProjectFixText.RenamedNow(project, name))}, then commit and push again (it renames it after the newest applied migration; check first that it still applies on top of '{newestApplied}'. No branch but this one has it, so pre-commit lets the rename through{(published is null ? "" : $"; {published.Place} is this branch pushed: push it with --force-with-lease after a rebase")})"
            : $"DRIFTHOOKS_OVERRIDE=\"<why>\" git push (it keeps its name, which {published!.Place} has and databases deployed from there may record, so a rename would be refused; check first that it applies on top of '{newestApplied}': Prisma's deploy applies it after that on {database})";

    /// <summary>Where this clone holds missing migrations, as a sentence of the message (the fix acts on it).</summary>
    public static string WhereHeld(IReadOnlyList<string> missing, IReadOnlyDictionary<string, MigrationHolder>? holders, string database)
    {
        var it = missing.Count == 1 ? "it" : "them";
        var held = missing.Select(n => holders?.GetValueOrDefault(n)).OfType<MigrationHolder>().ToList();
        var branches = held.Select(h => h.Branch).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var commits = held.Where(h => h.Branch is null).Select(h => h.Commit).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return branches.Count > 0 ? $" This clone holds {it} on {(branches.Count == 1 ? "branch " + branches[0] : "branches " + string.Join(", ", branches))}: merge that into this branch."
            : commits.Count > 0 ? $" No branch holds {it} any more; commit {string.Join(", ", commits)} did (git log --all finds it): {it} was deleted after {database} applied {it}."
            : $" No branch or commit of this clone holds {it}: {database} got {it} from a branch this clone has not fetched, or from someone's own machine.";
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
