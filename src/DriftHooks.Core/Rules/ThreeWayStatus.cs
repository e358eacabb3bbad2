using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Rules;

/// <summary>
/// The three-way picture behind <c>drifthooks status</c>: the repository's migrations (working tree and HEAD), the
/// local development database and production. Pure. Production's findings are <see cref="HistoryComparison"/>'s own;
/// the local database gets findings whose fixes are local ones (<c>drifthooks sync</c>), because there the developer
/// may rebuild freely.
/// </summary>
internal static class ThreeWayStatus
{
    public const string LocalLabel = "the local database";
    public const string ProductionLabel = "production";
    const string Context = "the working tree";

    /// <summary>The command the local fixes run (<see cref="Finding.FixCommand"/>): sync, plain or with <c>--reset</c>.</summary>
    public const string SyncCommand = "sync";

    public static ThreeWayReport Build(
        IReadOnlyList<RepositoryMigration> workingTree,
        IReadOnlyList<RepositoryMigration> head,
        DatabaseSide local,
        DatabaseSide production,
        PrismaProject project,
        IReadOnlyDictionary<string, MigrationHolder>? holders = null,
        Func<string, PublishedMigration?>? published = null,
        Func<MigrationStatus, string?>? appliedVersionAt = null,
        Invocation? invocation = null)
    {
        invocation ??= Invocation.Plain;
        var localStates = local.HasHistory ? PlaceStates.Of(workingTree, local.History!) : null;
        var productionStates = production.HasHistory ? PlaceStates.Of(workingTree, production.History!) : null;
        var inTree = workingTree.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var inHead = head.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);

        var names = new SortedSet<string>(inTree, StringComparer.Ordinal);
        names.UnionWith(inHead);
        names.UnionWith(localStates?.Keys ?? []);
        names.UnionWith(productionStates?.Keys ?? []);

        var rows = new List<ThreeWayRow>();
        foreach (var name in names)
        {
            var repository = (inTree.Contains(name), inHead.Contains(name)) switch
            {
                (true, true) => RepositoryState.Committed,
                (true, false) => RepositoryState.Uncommitted,
                (false, true) => RepositoryState.Deleted,
                _ => RepositoryState.Absent,
            };
            rows.Add(new ThreeWayRow(name, repository, StateIn(local, localStates, name), StateIn(production, productionStates, name)));
        }

        var findings = new List<Finding>();
        AddRepositoryFindings(rows, workingTree, project, findings);
        AddLocalFindings(new LocalView(rows, local, workingTree, production, productionStates, project, holders, invocation), findings);
        AddProductionFindings(workingTree, production, project, holders, published, appliedVersionAt, invocation, findings);

        var exitCode = local.Kind == DatabaseSideKind.Unreachable || production.Kind == DatabaseSideKind.Unreachable
            ? ExitCodes.ResourceUnavailable
            : findings.Any(f => f.Severity == Severity.Error) ? ExitCodes.Refused : ExitCodes.Passed;
        return new ThreeWayReport(rows, local, production, findings, exitCode);
    }

    static PlaceState StateIn(DatabaseSide side, IReadOnlyDictionary<string, PlaceState>? states, string name)
    {
        if (side.Kind != DatabaseSideKind.Read)
        {
            return PlaceState.Unknown;
        }

        // A database without a history table has applied nothing: every repository migration is pending there.
        if (states is null)
        {
            return PlaceState.Pending;
        }

        return states.TryGetValue(name, out var state) ? state : PlaceState.Absent;
    }

    static void AddRepositoryFindings(List<ThreeWayRow> rows, IReadOnlyList<RepositoryMigration> workingTree, PrismaProject project, List<Finding> findings)
    {
        findings.AddRange(WithoutScript(workingTree, project));
        findings.AddRange(WithNulBytes(workingTree, project));
        var uncommitted = rows.Where(r => r.Repository == RepositoryState.Uncommitted).Select(r => r.Name).ToList();
        if (uncommitted.Count > 0)
        {
            findings.Add(Finding.Note(
                CompanionRuleCodes.Uncommitted,
                $"{FixText.Count(uncommitted.Count, "migration")} {(uncommitted.Count == 1 ? "exists" : "exist")} only in the working tree, not committed yet: {FixText.Names(uncommitted)}.",
                project.MigrationFolder(uncommitted[0]),
                ProjectFixText.CommitMigrations(project, uncommitted)));
        }

        var deleted = rows.Where(r => r.Repository == RepositoryState.Deleted).Select(r => r.Name).ToList();
        if (deleted.Count > 0)
        {
            findings.Add(Finding.Warning(
                CompanionRuleCodes.DeletedFromWorkingTree,
                $"{FixText.Count(deleted.Count, "migration")} committed in HEAD {(deleted.Count == 1 ? "is" : "are")} missing from the working tree: {FixText.Names(deleted)}. Prisma reads the working tree, so it will not see {(deleted.Count == 1 ? "it" : "them")}.",
                project.MigrationFolder(deleted[0]),
                // Each deleted folder from HEAD, staged deletion or not; nothing else in the folder is touched.
                $"git restore --staged --worktree --source=HEAD -- {string.Join(" ", deleted.Select(n => FixText.Quote(project.MigrationFolder(n))))}"));
        }
    }

    /// <summary>What the local database's findings are judged from: the rows, both sides, and how fixes name commands.</summary>
    sealed record LocalView(
        List<ThreeWayRow> Rows,
        DatabaseSide Local,
        IReadOnlyList<RepositoryMigration> WorkingTree,
        DatabaseSide Production,
        IReadOnlyDictionary<string, PlaceState>? ProductionStates,
        PrismaProject Project,
        IReadOnlyDictionary<string, MigrationHolder>? Holders,
        Invocation Invocation)
    {
        public string Sync { get; } = Invocation.Command("sync");

        public string Reset { get; } = Invocation.Command("sync --reset");

        /// <summary>The migrations the local database recorded whose history was lost, not the schema (none when nothing was lost).</summary>
        public HashSet<string> PresumedApplied { get; init; } = [];

        /// <summary>A finding whose fix runs <c>drifthooks sync</c> (plain or with <c>--reset</c>), said as data.</summary>
        public static Finding RunsSync(Finding finding) => finding with { FixCommand = SyncCommand };
    }

    static void AddLocalFindings(LocalView view, List<Finding> findings)
    {
        if (UnusedLocal(view) is { } unused)
        {
            findings.Add(unused);
            return;
        }

        var local = view.Local;
        // A schema that already holds what unrecorded migrations create lost its history: replaying would fail.
        var lost = local.Objects is { } objects ? LostHistory.Detect(view.WorkingTree, local.History!, objects) : null;
        if (lost is not null)
        {
            findings.Add(lost.ToFinding(LocalLabel, local.RestorableBackup, view.Project, view.Invocation));
        }

        if (!local.HasHistory && view.WorkingTree.Count > 0)
        {
            if (lost is null)
            {
                findings.Add(LocalView.RunsSync(Finding.Warning(
                    CompanionRuleCodes.LocalNoHistoryTable,
                    $"The local database has no _prisma_migrations table in schema '{local.History!.Schema}' and no table a migration creates: none of the {FixText.Count(view.WorkingTree.Count, "migration")} is applied there.",
                    local.Url,
                    view.Sync)));
            }

            return;
        }

        view = view with { PresumedApplied = lost?.PresumedApplied.ToHashSet(StringComparer.Ordinal) ?? [] };
        AddLocalOnly(view, findings);
        AddModifiedOrFailed(view, findings);
        AddBehind(view, findings);
    }

    /// <summary>A local database that is not configured, not reachable or not created yet: one finding says so and nothing else is judged.</summary>
    static Finding? UnusedLocal(LocalView view)
    {
        var local = view.Local;
        switch (local.Kind)
        {
            case DatabaseSideKind.NotConfigured:
                var setting = local.Setting ?? Configuration.LocalUrlSetting.Default;
                return Finding.Note(
                    CompanionRuleCodes.LocalNotConfigured,
                    $"No local development database is configured, so it was not compared. Its URL is read from {setting.WhereToSet}.",
                    null,
                    setting.Fix);
            case DatabaseSideKind.Unreachable:
                return Finding.Error(CompanionRuleCodes.DatabaseUnreachable, $"{local.Problem} (local database URL from {local.Source})", local.Url, UnreachableFix.For(local.Server!, isLocal: true, view.Invocation.Command("status")));
        }

        if (local.DatabaseMissing && view.WorkingTree.Count > 0)
        {
            return LocalView.RunsSync(Finding.Warning(
                CompanionRuleCodes.LocalNoHistoryTable,
                $"The local database {local.Url} does not exist yet: none of the {FixText.Count(view.WorkingTree.Count, "migration")} is applied there. Sync creates it and applies them, as prisma migrate dev would.",
                local.Url,
                view.Sync));
        }

        return null;
    }

    /// <summary>Migrations the local database applied that the working tree lacks: from another branch, or pulled by production too.</summary>
    static void AddLocalOnly(LocalView view, List<Finding> findings)
    {
        var project = view.Project;
        var localOnly = view.Rows.Where(r => r.Local == PlaceState.NotInRepository).Select(r => r.Name).ToList();
        var pulled = localOnly.Where(n => view.ProductionStates?.GetValueOrDefault(n) == PlaceState.NotInRepository).ToList();
        var abandoned = localOnly.Except(pulled, StringComparer.Ordinal).ToList();
        if (abandoned.Count > 0)
        {
            findings.Add(LocalView.RunsSync(Finding.Error(
                CompanionRuleCodes.LocalOnly,
                $"The local database has applied {FixText.Count(abandoned.Count, "migration")} that the working tree does not have: {FixText.Names(abandoned)}. They probably come from another branch (check that branch out to keep working with them); Prisma will report drift and ask to reset. The fix rebuilds the local database from this branch, after a backup of its history.",
                project.MigrationFolder(abandoned[0]),
                view.Reset)));
        }

        if (pulled.Count > 0)
        {
            findings.Add(LocalView.RunsSync(Finding.Error(
                CompanionRuleCodes.LocalOnly,
                $"The local database and production have applied {FixText.Count(pulled.Count, "migration")} that the working tree lacks: {FixText.Names(pulled)}.{HistoryComparison.WhereHeld(pulled, view.Holders, ProductionLabel)}",
                project.MigrationFolder(pulled[0]),
                MissingMigrationFix.For(
                    project, pulled, view.Holders, view.WorkingTree.Select(m => m.Name).Max(StringComparer.Ordinal), ProductionLabel,
                    MissingMigrationFix.Row(view.Production.History?.Records.LastOrDefault(r => r.MigrationName == pulled[0] && r.IsApplied), pulled[0]), " && " + view.Sync))));
        }
    }

    /// <summary>Applied migrations edited since, and failed ones never finished: the fix rebuilds the local database.</summary>
    static void AddModifiedOrFailed(LocalView view, List<Finding> findings)
    {
        foreach (var row in view.Rows)
        {
            var folder = view.Project.MigrationFolder(row.Name);
            switch (row.Local)
            {
                case PlaceState.Modified:
                    findings.Add(LocalView.RunsSync(Finding.Error(
                        CompanionRuleCodes.LocalModified,
                        $"Migration '{row.Name}' was changed after it was applied to the local database: its migration.sql no longer matches the recorded checksum. If the edit is intended (not yet in production), the fix rebuilds the local database from it; otherwise undo it: git restore " + FixText.Quote(folder) + ".",
                        folder,
                        view.Reset)));
                    break;
                case PlaceState.Failed:
                    var interrupted = view.Local.History?.Records.LastOrDefault(r => r.MigrationName == row.Name && r.FinishedAt is null && r.RolledBackAt is null) is { Logs: null };
                    findings.Add(LocalView.RunsSync(Finding.Error(
                        CompanionRuleCodes.LocalFailed,
                        $"Migration '{row.Name}' failed in the local database and was never finished; Prisma applies nothing more until it is resolved. "
                            + FailedFixReason(row.Name, view.Project, interrupted, view.Invocation),
                        folder,
                        view.Reset)));
                    break;
            }
        }
    }

    /// <summary>Migrations the local database has yet to apply: out of order (after a rebase or merge), or simply pending.</summary>
    static void AddBehind(LocalView view, List<Finding> findings)
    {
        var outOfOrder = view.Rows.Where(r => r.Local == PlaceState.PendingOutOfOrder).Select(r => r.Name).Where(n => !view.PresumedApplied.Contains(n)).ToList();
        if (outOfOrder.Count > 0)
        {
            findings.Add(LocalView.RunsSync(Finding.Warning(
                CompanionRuleCodes.LocalOutOfOrder,
                $"{FixText.Count(outOfOrder.Count, "migration")} not applied locally sort before migrations that are: {FixText.Names(outOfOrder)} (a rebase or merge brought them in). Sync applies them after the newer ones, as a deploy would; {view.Reset} replays in name order instead.",
                view.Project.MigrationFolder(outOfOrder[0]),
                view.Sync)));
        }

        var pending = view.Rows.Where(r => r.Local is PlaceState.Pending or PlaceState.RolledBack && r.Repository is RepositoryState.Committed or RepositoryState.Uncommitted)
            .Select(r => r.Name).Where(n => !view.PresumedApplied.Contains(n)).ToList();
        if (pending.Count > 0)
        {
            findings.Add(LocalView.RunsSync(Finding.Warning(
                CompanionRuleCodes.LocalPending,
                $"The local database is behind the working tree by {FixText.Count(pending.Count, "migration")}: {FixText.Names(pending)}.",
                view.Local.Url,
                view.Sync)));
        }
    }

    static void AddProductionFindings(
        IReadOnlyList<RepositoryMigration> workingTree, DatabaseSide production, PrismaProject project, IReadOnlyDictionary<string, MigrationHolder>? holders,
        Func<string, PublishedMigration?>? published, Func<MigrationStatus, string?>? appliedVersionAt, Invocation invocation, List<Finding> findings)
    {
        switch (production.Kind)
        {
            case DatabaseSideKind.NotConfigured:
                findings.Add(Finding.Note(
                    CompanionRuleCodes.ProductionNotConfigured,
                    $"No production database is configured, so production was not compared. Its URL is read from {Configuration.ProductionUrlResolver.WhereToSet}.",
                    null,
                    Configuration.ProductionUrlResolver.Fix));
                return;
            case DatabaseSideKind.Unreachable:
                findings.Add(Finding.Error(CompanionRuleCodes.DatabaseUnreachable, $"{production.Problem} (production URL from {production.Source})", production.Url, UnreachableFix.For(production.Server!, isLocal: false, invocation.Command("status"))));
                return;
        }

        if (!production.HasHistory)
        {
            findings.Add(HistoryComparison.NoHistoryTable(ProductionLabel, production.History!.Schema, project, workingTree, production.PrismaAt));
            return;
        }

        var statuses = HistoryComparison.Compare(workingTree, production.History!.Records);

        // Malformed folders are reported once, on the local side.
        findings.AddRange(HistoryComparison.Findings(new ComparedHistory(statuses, ProductionLabel, Context, project, production.PrismaAt)
        {
            AppliedVersionAt = appliedVersionAt,
            Repository = workingTree,
            Holders = holders,
            Published = published,
            Invocation = invocation,
        })
            .Where(f => f.Code != PushRuleCodes.MigrationWithoutScript));
    }

    /// <summary>
    /// What to know about the fix for a failed local migration (a rebuild, after a backup of the local history), and
    /// how to keep the local data instead.
    /// </summary>
    /// <param name="interrupted">The row records no error: the run was cut off (a killed sync or prisma migrate), not failed by the server.</param>
    public static string FailedFixReason(string name, PrismaProject project, bool interrupted = false, Invocation? invocation = null) =>
        "The fix rebuilds the local database from the migrations, after a backup of its history. To keep the local data instead: "
        + (interrupted
            ? "no error is recorded, so it was interrupted, not refused: sync runs a script that manages its own transactions or uses CONCURRENTLY as Prisma does, and such a script may have been kept in whole, in part or not at all. "
                + $"Compare its migration.sql with the local database and finish or undo it by hand, then run npx prisma migrate resolve --applied {FixText.Quote(name)}{ProjectFixText.SchemaArgument(project)} (all of it is there) or npx prisma migrate resolve --rolled-back {FixText.Quote(name)}{ProjectFixText.SchemaArgument(project)} (none of it is), then {(invocation ?? Invocation.Plain).Command("sync")}."
            : "PostgreSQL ran the script as one transaction, "
                + $"so the failure left nothing of it behind (unless it ran its own transactions); run npx prisma migrate resolve --rolled-back {FixText.Quote(name)}{ProjectFixText.SchemaArgument(project)}, then {(invocation ?? Invocation.Plain).Command("sync")}.");

    /// <summary>
    /// Scripts holding a NUL byte: PostgreSQL accepts no NUL in a statement, so Prisma's migrate fails them wherever it
    /// runs them, and sync refuses them before sending anything.
    /// </summary>
    public static IEnumerable<Finding> WithNulBytes(IReadOnlyList<RepositoryMigration> workingTree, PrismaProject project)
    {
        foreach (var migration in workingTree)
        {
            var at = migration.Script is { } script ? Array.IndexOf(script, (byte)0) : -1;
            if (at < 0)
            {
                continue;
            }

            var file = project.MigrationFolder(migration.Name) + "/migration.sql";
            var line = migration.Script.AsSpan(0, at).Count((byte)'\n') + 1;
            var quoted = FixText.Quote(file);
            yield return Finding.Error(
                CompanionRuleCodes.ScriptWithNulByte,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{file} holds a NUL byte (line {line}); PostgreSQL accepts no NUL in a statement, so Prisma's migrate fails this migration wherever it runs it, and sync sends nothing of it."),
                file,
                $"tr -d '\\000' < {quoted} > {quoted}.tmp && mv {quoted}.tmp {quoted}");
        }
    }

    /// <summary>Folders without migration.sql: Prisma cannot apply them anywhere.</summary>
    public static IEnumerable<Finding> WithoutScript(IReadOnlyList<RepositoryMigration> workingTree, PrismaProject project) =>
        workingTree.Where(m => m.Script is null).Select(m => FixText.IsNotUtf8(m.Name)
            ? Finding.Error(
                CompanionRuleCodes.MigrationWithoutScript,
                $"Migration folder '{m.Name}' has a name that is not UTF-8 (shown with \uFFFD for its bad bytes); Prisma records a migration by its name as text, so it cannot apply this one faithfully.",
                FixText.Glob(project.MigrationFolder(m.Name)),
                $"mv {FixText.Glob(project.MigrationFolder(m.Name))} {FixText.Quote(project.MigrationFolder(FixText.Utf8Name(m.Name)))}")
            : Finding.Error(
                CompanionRuleCodes.MigrationWithoutScript,
                $"Migration folder '{m.Name}' has no migration.sql; Prisma cannot apply it. If it is a migration you are writing, add its migration.sql instead of removing it.",
                project.MigrationFolder(m.Name),
                $"rm -r {FixText.Quote(project.MigrationFolder(m.Name))}"));

}
