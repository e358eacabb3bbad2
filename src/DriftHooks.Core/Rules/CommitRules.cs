using System.Globalization;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Rules;

/// <summary>
/// The judgement of the pre-commit hook (and of <c>drifthooks check</c> over a range): given what a commit
/// changes in a Prisma project, the findings that should refuse it. Pure: no git, no disk, no console.
/// </summary>
internal static class CommitRules
{
    public static IReadOnlyList<Finding> Evaluate(ProjectChanges changes, IReadOnlySet<string> disabledRules)
    {
        var findings = new List<Finding>();
        var project = changes.Project;
        var newFolders = MigrationFolderMap.OnlyIn(changes.After, changes.Before).Order(StringComparer.Ordinal).ToList();

        CheckCommittedMigrations(changes, findings);
        CheckLockFile(changes, findings);
        var workingTree = new Lazy<IReadOnlyList<WorkingTreeMigration>>(changes.ReadWorkingTreeMigrations);
        CheckNewFolders(changes, newFolders, workingTree, findings);
        CheckLinkedScripts(changes, findings);
        var staged = newFolders.Where(n => changes.After[n].ScriptId is not null).ToList(); // new migrations with a script
        var scripts = CheckNewScripts(changes, [.. staged.Where(n => !changes.After[n].ScriptIsLink)], findings);
        CheckSchema(changes, staged, scripts, workingTree, findings);
        CheckMigrationWithoutSchema(changes, staged, findings);

        return [.. findings.Where(f => !disabledRules.Contains(f.Code)).DistinctBy(f => (f.Code, f.Location))];
    }

    private static void CheckSchema(
        ProjectChanges changes, List<string> staged, Dictionary<string, SqlScript> scripts, Lazy<IReadOnlyList<WorkingTreeMigration>> workingTree, List<Finding> findings)
    {
        var project = changes.Project;
        if (!changes.Changes.Any(c => project.IsSchemaFile(c.Path)) || ReadModels(changes, findings) is not (var before, var after))
        {
            return;
        }

        if (staged.Count > 0)
        {
            CheckStagedMigrations(changes, staged, scripts, before, after, findings);
            return;
        }

        var comparison = DatabaseSchemaComparer.Compare(before, after);
        if (comparison.ChangesDatabase && !NeedsNoMigration(changes, after, findings))
        {
            AddMissingMigration(changes, comparison, workingTree, findings);
        }
    }

    /// <summary>The schema before and after the commit, or null (with the finding that says why) when either cannot be read.</summary>
    private static (DatabaseModel Before, DatabaseModel After)? ReadModels(ProjectChanges changes, List<Finding> findings)
    {
        DatabaseModel after;
        try
        {
            after = Model(ReadSchema(changes, changes.SchemaAfter));
        }
        catch (SchemaParseException e) when (e.Provider is { } provider)
        {
            findings.Add(NotModelled(changes, provider, e.Place));
            return null;
        }
        catch (SchemaParseException e)
        {
            findings.Add(Unreadable(changes, e));
            return null;
        }

        try
        {
            return (Model(ReadSchema(changes, changes.SchemaBefore)), after);
        }
        catch (SchemaParseException e)
        {
            // Committed so (with --no-verify, say): this commit cannot fix what it is compared with, so it is not refused.
            findings.Add(Finding.Warning(
                RuleCodes.SchemaUnreadable,
                $"The schema as committed before this commit cannot be read ({e.Place}: {e.Problem}), so DriftHooks cannot tell whether this commit needs a migration; the schema it commits reads, so it is let through unchecked.",
                e.Path));
            return null;
        }
    }

    /// <summary>The new migrations replayed against the schema change; where the replay cannot conclude, the schemas compared.</summary>
    private static void CheckStagedMigrations(
        ProjectChanges changes, List<string> staged, Dictionary<string, SqlScript> scripts, DatabaseModel before, DatabaseModel after, List<Finding> findings)
    {
        // Every new script must be readable for the replay; one that is not is refused (DH111) already. Where the
        // replay concludes, it has compared the schemas itself: the schema-to-schema comparison is needed only when not.
        var project = changes.Project;
        var concluded = scripts.Count == staged.Count
            && StagedMigrationsCheck.Judge(project, before, after, [.. staged.Select(n => (n, scripts[n]))], findings, () => EveryMigration(changes),
                () => changes.Base.Shadow?.Invoke(project) ?? ThrowawayShadow.Unknown, changes.Base.Invocation);
        if (!concluded && DatabaseSchemaComparer.Compare(before, after) is { ChangesDatabase: true } changed)
        {
            CheckScriptsCoverSchema(project, changed, scripts, changes.Base.ThenCommit, findings);
        }
    }

    /// <summary>A schema change with no new migration that still needs none: another finding is its root cause, or the committed migrations build it already.</summary>
    private static bool NeedsNoMigration(ProjectChanges changes, DatabaseModel after, List<Finding> findings)
    {
        // A committed migration edited beside the schema (DH102) is the one root cause: its fix (fold the edit into the
        // commit that added it, or move it into a new migration) brings the schema change with it, and a second finding
        // for the same change would send the user after a second problem.
        var project = changes.Project;
        if (findings.Any(f => f.Code == RuleCodes.MigrationEdited && f.Location is { } at && RepoPath.IsUnder(at, project.MigrationsPath)))
        {
            return true;
        }

        // A schema put back to what the committed migrations already build needs no migration.
        return StagedMigrationsCheck.ProducedByEveryMigration(project, after, () => EveryMigration(changes), findings);
    }

    /// <summary>A schema change without its migration: one written but not staged (DH114), or none at all (DH101).</summary>
    private static void AddMissingMigration(ProjectChanges changes, SchemaComparison comparison, Lazy<IReadOnlyList<WorkingTreeMigration>> workingTree, List<Finding> findings)
    {
        var project = changes.Project;
        var what = Describe(comparison);
        var unstaged = workingTree.Value.Where(m => m.HasScript && !changes.Before.ContainsKey(m.Name) && !changes.After.ContainsKey(m.Name)).ToList();
        foreach (var migration in unstaged)
        {
            var folder = project.MigrationFolder(migration.Name);
            findings.Add(Finding.Error(
                RuleCodes.MigrationNotStaged,
                $"The schema change ({what}) is staged but its migration '{migration.Name}' is not: the commit would carry a schema that no committed migration produces.",
                folder,
                $"git add {FixText.Quote(folder)}"));
        }

        if (unstaged.Count > 0)
        {
            return;
        }

        findings.Add(Finding.Error(
            RuleCodes.SchemaWithoutMigration,
            $"The Prisma schema changes the database ({what}) but no new migration is staged, so databases deployed from this commit would not match the schema.",
            string.Join(", ", changes.Changes.Where(c => project.IsSchemaFile(c.Path)).Select(c => c.Path)),
            $"npx prisma migrate dev --name {FixText.Quote(comparison.SuggestedMigrationName)}{ProjectFixText.SchemaArgument(project)}, then git add {FixText.Quote(project.MigrationsPath)}{changes.Base.ThenCommit}"));
    }

    // The rules that read SQL are PostgreSQL's; those that protect committed migrations hold for any provider.
    private static Finding NotModelled(ProjectChanges changes, string provider, string place) => Finding.Note(
        RuleCodes.SchemaUnreadable,
        $"This project's datasource is \"{provider}\" ({place}) and DriftHooks models PostgreSQL schemas only, so whether this schema edit has its migration, and whether the migrations produce the schema, is not checked (DH101, DH113, DH115); committed migrations are still protected (edited, deleted, renamed, conflicted or not UTF-8).",
        changes.Project.SchemaPath);

    // Points at the file and line DriftHooks stopped at; Prisma's validate gives its own words for the same problem.
    private static Finding Unreadable(ProjectChanges changes, SchemaParseException e)
    {
        var file = FixText.Quote(e.Path);
        var fix = e.Line is { } at
            ? $"fix {file} at line {at} (npx prisma validate{ProjectFixText.SchemaArgument(changes.Project)} shows Prisma's own diagnosis), then git add {file}"
            : $"iconv -f <its encoding> -t UTF-8 {file} > {file}.utf8 && mv {file}.utf8 {file} && git add {file}";
        return Finding.Error(
            RuleCodes.SchemaUnreadable,
            $"DriftHooks cannot read the Prisma schema, so it cannot tell whether this commit needs a migration: {e.Place}: {e.Problem}.",
            e.Path,
            fix + changes.Base.ThenCommit);
    }

    private static void CheckCommittedMigrations(ProjectChanges changes, List<Finding> findings)
    {
        var project = changes.Project;
        var removed = MigrationFolderMap.OnlyIn(changes.Before, changes.After).ToHashSet(StringComparer.Ordinal);
        var renamedTo = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in removed)
        {
            var script = changes.Before[name].ScriptId;
            var twin = script is null ? null : changes.After.Values.FirstOrDefault(f => !changes.Before.ContainsKey(f.Name) && f.ScriptId == script);
            if (twin is not null)
            {
                renamedTo[name] = twin.Name;
            }
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes.Changes)
        {
            var name = project.MigrationNameOf(change.Path);
            // A committed folder without migration.sql was never applied anywhere (Prisma's deploy fails on it): not a
            // committed migration to protect; removing it is DH207's fix.
            if (name is null || !changes.Before.TryGetValue(name, out var before) || before.ScriptId is null || !reported.Add(name))
            {
                continue;
            }

            var folder = project.MigrationFolder(name);
            var published = changes.Base.FindPublished(folder);
            if (renamedTo.TryGetValue(name, out var newName))
            {
                // Only this branch has it: no deployed database recorded the old name, so the rename is the fix (of an
                // out-of-order migration after a rebase, say), not a fault.
                if (!PublishedMigration.MayBeRenamed(published))
                {
                    findings.Add(Finding.Error(
                        RuleCodes.MigrationRenamed,
                        $"The committed migration '{name}' is renamed to '{newName}', and {published!.Place} has it under its old name. Databases that applied it record it by name, so Prisma would see '{name}' as missing and try to apply '{newName}' again.",
                        folder,
                        $"git mv {FixText.Quote(project.MigrationFolder(newName))} {FixText.Quote(folder)} (keep the old name; put new changes in a new migration){changes.Base.ThenCommit}"));
                }
            }
            else if (removed.Contains(name))
            {
                findings.Add(Finding.Error(
                    RuleCodes.MigrationDeleted,
                    $"The committed migration '{name}' is deleted. Every database that applied it still records it, and Prisma will report it as missing from the migrations folder.",
                    folder,
                    $"git restore --staged --worktree --source={FixText.Quote(published?.Place ?? changes.Base.Revision)} -- {FixText.Quote(folder)}{changes.Base.ThenCommit}"));
            }
            else
            {
                // Its migration.sql put back as published, or a link to it replaced by the file (DH114's and DH209's
                // fix), and nothing else changed, is the repair of an earlier edit.
                var changed = changes.Changes.Where(c => project.MigrationNameOf(c.Path) == name).ToList();

                // Prisma's checksum covers migration.sql alone: a data-migration script or README beside it can change.
                if (!changed.Any(c => c.Path == folder + "/migration.sql"))
                {
                    continue;
                }

                var repaired = published?.ScriptId is { } publishedScript && changes.After[name].ScriptId == publishedScript
                    || before.ScriptIsLink && !changes.After[name].ScriptIsLink;
                if (repaired && changed.All(c => c.Path == folder + "/migration.sql"))
                {
                    continue;
                }

                var files = changed.Select(c => $"{c.Path} ({Verb(c.Kind)})");
                findings.Add(Finding.Error(
                    RuleCodes.MigrationEdited,
                    $"The committed migration '{name}' is changed ({string.Join(", ", files)}). {EditedWhy(published)}",
                    folder,
                    EditedFix(changes, folder, published)));
            }
        }
    }

    private static string EditedWhy(PublishedMigration? published) => published is null
        ? "No remote has it yet, but the databases that applied it (yours) would stop matching its checksum: fold the edit into the commit that added it."
        : $"{published.Place} has it, so its checksum in every database that applied it would stop matching; write the change as a new migration instead.";

    // Unpublished: rewrite the commit that added it (amend when it is HEAD; else a fixup commit, which is refused as an
    // edit on its own, folded in by an autosquash rebase). Published: a new migration, and the published version back.
    private static string EditedFix(ProjectChanges changes, string folder, PublishedMigration? published)
    {
        if (published is null && changes.Base.AddedBy(folder) is { } added)
        {
            return added.IsReplaceable
                ? $"git commit --amend (it folds the edit into {added.ShortSha}, the commit that added the migration, which no remote has)"
                : $"git commit --no-verify --fixup={added.ShortSha}, then GIT_SEQUENCE_EDITOR=true git rebase -i --autosquash --autostash {added.ShortSha}~1 (it folds the edit into {added.ShortSha}, the commit that added the migration, which no remote has)";
        }

        var project = changes.Project;
        return ProjectFixText.EditIntoNewMigration(project, folder, published?.Place ?? changes.Base.Revision, published is null ? "committed before" : published.Place + " has")
            + $" and git add {FixText.Quote(project.MigrationsPath)}{changes.Base.ThenCommit}";
    }

    private static void CheckLockFile(ProjectChanges changes, List<Finding> findings)
    {
        var project = changes.Project;
        var change = changes.Changes.FirstOrDefault(c => c.Path == project.LockFilePath);
        if (change is null)
        {
            return;
        }

        if (change.Kind == ChangeKind.Deleted)
        {
            findings.Add(Finding.Error(
                RuleCodes.LockFileDeleted,
                "migration_lock.toml is deleted. Prisma uses it to refuse migrations written for another database provider; without it that safety is gone.",
                change.Path,
                $"git restore --staged --worktree --source={FixText.Quote(changes.Base.Revision)} -- {FixText.Quote(change.Path)}{changes.Base.ThenCommit}"));
        }
        else if (change.Kind == ChangeKind.Modified)
        {
            var before = PrismaDatasource.LockProvider(changes.ReadBlob(change.OldId!));
            var after = PrismaDatasource.LockProvider(changes.ReadBlob(change.NewId!));
            if (before != after)
            {
                findings.Add(Finding.Error(
                    RuleCodes.LockProviderChanged,
                    $"migration_lock.toml changes the provider from '{before ?? "(none)"}' to '{after ?? "(none)"}'. The committed migrations are SQL for '{before ?? "(none)"}'; switching providers needs a new baseline, not an edit.",
                    change.Path,
                    $"git restore --staged --worktree --source={FixText.Quote(changes.Base.Revision)} -- {FixText.Quote(change.Path)}{changes.Base.ThenCommit}"));
            }
        }
    }

    private static void CheckNewFolders(ProjectChanges changes, List<string> newFolders, Lazy<IReadOnlyList<WorkingTreeMigration>> workingTree, List<Finding> findings)
    {
        var project = changes.Project;
        var newest = changes.Before.Keys.Max(StringComparer.Ordinal);
        foreach (var name in newFolders)
        {
            var folder = project.MigrationFolder(name);
            if (FixText.IsNotUtf8(name))
            {
                // Prisma records the name as text: a name that is not UTF-8 has no faithful record, and no path to print.
                findings.Add(Finding.Error(
                    RuleCodes.MigrationNotUtf8,
                    $"The new migration folder '{name}' has a name that is not UTF-8 (shown with \uFFFD for its bad bytes); Prisma records a migration by its name as text, so this one cannot be recorded faithfully.",
                    FixText.Glob(folder),
                    $"git mv {FixText.Glob(folder)} {FixText.Quote(project.MigrationFolder(FixText.Utf8Name(name)))}"));
                continue;
            }

            if (changes.After[name].ScriptId is null)
            {
                var onDisk = workingTree.Value.FirstOrDefault(m => m.Name == name);
                findings.Add(onDisk is { HasScript: true }
                    ? Finding.Error(
                        RuleCodes.MigrationNotStaged,
                        $"The new migration '{name}' is staged without its migration.sql, so the commit would carry an empty migration.",
                        folder,
                        $"git add {FixText.Quote(folder + "/migration.sql")}")
                    : Finding.Error(
                        RuleCodes.MigrationWithoutScript,
                        $"The new migration folder '{name}' has no migration.sql; Prisma fails on a migration folder without one.",
                        folder,
                        WithoutScriptFix(changes, name, folder)));
            }

            // One a merge brings from the mainline is committed there: no fault of this commit, and renaming it no fix.
            if (newest is not null && string.CompareOrdinal(name, newest) < 0 && changes.Base.FindPublished(folder) is not { OnMainline: true })
            {
                findings.Add(Finding.Error(
                    RuleCodes.MigrationOutOfOrder,
                    $"The new migration '{name}' sorts before the newest committed migration '{newest}'. Prisma applies migrations in name order, so databases that already applied '{newest}' would see a history that diverged.",
                    folder,
                    $"Rename it with a current timestamp, e.g. git mv {FixText.Quote(folder)} {FixText.Quote(ProjectFixText.RenamedNow(project, name))}{changes.Base.ThenCommit}"));
            }
            else if (newest is not null && NamedAgainstConvention(project, name, newest, changes.Before) is { } convention)
            {
                findings.Add(Finding.Error(
                    RuleCodes.MigrationOutOfOrder,
                    $"The new migration '{name}' {convention.What} (the newest committed one is '{newest}'). Prisma applies migrations in name order, so the migrations made after it would sort before it and diverge from databases that applied it.",
                    folder,
                    $"git mv {FixText.Quote(folder)} {FixText.Quote(convention.Renamed)}{changes.Base.ThenCommit}"));
            }
        }
    }

    // The SQL staged under another file name (up.sql, migration.SQL) is moved to the name Prisma reads; anything else
    // is unstaged, kept on disk, for Prisma's migrate dev to write the migration.
    private static string WithoutScriptFix(ProjectChanges changes, string name, string folder)
    {
        var project = changes.Project;
        var sql = changes.Changes
            .Where(c => c.Kind != ChangeKind.Deleted && project.MigrationNameOf(c.Path) == name && c.Path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return sql.Count == 1
            ? $"git mv {FixText.Quote(sql[0].Path)} {FixText.Quote(folder + "/migration.sql")}"
            : $"git rm -r -q --cached {FixText.Quote(folder)} (the folder stays on disk: write its migration.sql and stage it, or let npx prisma migrate dev --name <name>{ProjectFixText.SchemaArgument(project)} make the migration)";
    }

    /// <summary>
    /// Whether a new migration that sorts last today breaks the naming that keeps later ones sorting after it: where
    /// the newest is a 14-digit timestamp (as <c>prisma migrate dev</c> writes), a name that sorts after tomorrow's
    /// timestamp; where every committed name (two at least, so that a lone baseline such as Prisma's <c>0_init</c> sets
    /// no rule) starts with a number of one width, as umami's <c>01_init</c>, a name with another.
    /// </summary>
    private static (string What, string Renamed)? NamedAgainstConvention(
        PrismaProject project, string name, string newest, IReadOnlyDictionary<string, MigrationFolder> committed)
    {
        var digits = MigrationName.NumberLength(newest);
        if (digits == 14)
        {
            var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            return string.CompareOrdinal(name, tomorrow) > 0
                ? ("sorts after every timestamp prisma migrate dev will write (names start with yyyyMMddHHmmss_)", ProjectFixText.RenamedNow(project, name))
                : null;
        }

        if (digits == 0 || MigrationName.NumberLength(name) == digits || committed.Count < 2 || !committed.Keys.All(k => MigrationName.NumberLength(k) == digits))
        {
            return null;
        }

        var next = (long.Parse(newest[..digits], CultureInfo.InvariantCulture) + 1).ToString(new string('0', digits), CultureInfo.InvariantCulture);
        return ($"does not start with a {digits}-digit number and '_' as every committed migration does", project.MigrationFolder(next + MigrationName.Description(name)));
    }

    // git stores a symbolic link as the path it points to, and Prisma follows it on the machine that deploys: what
    // runs would depend on that machine. Refused where it is new and where a committed script becomes one.
    private static void CheckLinkedScripts(ProjectChanges changes, List<Finding> findings)
    {
        var project = changes.Project;
        foreach (var (name, folder) in changes.After)
        {
            // A shared folder's script is the one before it: skipping it spares reading a thousand folder trees.
            if (folder.SharedWithOtherSide || !folder.ScriptIsLink || changes.Before.TryGetValue(name, out var before) && before.ScriptIsLink)
            {
                continue;
            }

            var script = project.MigrationFolder(name) + "/migration.sql";
            var target = System.Text.Encoding.UTF8.GetString(changes.ReadBlob(folder.ScriptId!));
            var committed = changes.Before.ContainsKey(name);
            findings.Add(Finding.Error(
                RuleCodes.MigrationScriptIsLink,
                $"{(committed ? "The committed" : "The new")} migration '{name}' has a migration.sql that is {(committed ? "now " : "")}a symbolic link (to '{target}'), not a file: git would hold only the link, so what Prisma applies would depend on what that path holds on the machine that deploys.",
                script,
                (committed
                    ? $"git restore --staged --worktree --source={FixText.Quote(changes.Base.Revision)} -- {FixText.Quote(script)}"
                    : FixText.ReplaceLinkByFile(script)) + changes.Base.ThenCommit));
        }
    }

    // A script Prisma cannot apply as written: not UTF-8 (Prisma reads it as UTF-8 text; PowerShell's `>` writes UTF-16),
    // or left with merge-conflict markers. Only new scripts: an edited committed one is refused already.
    /// <returns>The readable new scripts' text, by migration name.</returns>
    private static Dictionary<string, SqlScript> CheckNewScripts(ProjectChanges changes, List<string> staged, List<Finding> findings)
    {
        var project = changes.Project;
        var texts = new Dictionary<string, SqlScript>(StringComparer.Ordinal);
        foreach (var name in staged)
        {
            var script = project.MigrationFolder(name) + "/migration.sql";
            var id = changes.After[name].ScriptId!;
            if (changes.Scripts.Read(id) is not { } read)
            {
                var bytes = changes.ReadBlob(id);
                PrismaText.TryDecode(bytes, out _, out var offset);
                var what = PrismaText.IsUtf16(bytes) ? "is UTF-16 (as PowerShell's `>` redirection writes)" : $"is not valid UTF-8 (byte offset {offset})";
                findings.Add(Finding.Error(
                    RuleCodes.MigrationNotUtf8,
                    $"The new migration '{name}' {what}; Prisma reads migration.sql as UTF-8, so every deploy of it would fail.",
                    script,
                    $"iconv -f {(PrismaText.IsUtf16(bytes) ? "UTF-16" : "<its encoding>")} -t UTF-8 {FixText.Quote(script)} > {FixText.Quote(script + ".utf8")} && mv {FixText.Quote(script + ".utf8")} {FixText.Quote(script)} && git add {FixText.Quote(script)} (it saves it as UTF-8; in PowerShell let Prisma write the file: npx prisma migrate diff … --script --output <file>)"));
                continue;
            }

            texts[name] = read;
            if (ConflictMarkerLine(read.Text) is { } line)
            {
                findings.Add(Finding.Error(
                    RuleCodes.MigrationConflictMarkers,
                    $"The new migration '{name}' still holds a merge-conflict marker (line {line}), so PostgreSQL would reject it on deploy.",
                    script,
                    $"resolve the conflict in {FixText.Quote(script)} (keep what both sides need and delete the marker lines, or regenerate the migration with npx prisma migrate dev{ProjectFixText.SchemaArgument(project)}), then git add {FixText.Quote(script)}"));
            }
        }

        return texts;
    }

    // A migration made before the last schema edit misses that edit. Prisma names every table, type and extension it
    // touches in the SQL it writes, so a changed object no new script mentions (by name, in any case) is a warning:
    // hand-written SQL may name it in ways this cannot see.
    private static void CheckScriptsCoverSchema(PrismaProject project, SchemaComparison comparison, Dictionary<string, SqlScript> scripts, string thenCommit, List<Finding> findings)
    {
        if (scripts.Count == 0)
        {
            return;
        }

        var missed = comparison.Changes
            .Where(c => c.Kind is SchemaObjectKind.Model or SchemaObjectKind.RelationTable or SchemaObjectKind.Enum or SchemaObjectKind.Extension)
            .Where(c => !scripts.Values.Any(script => script.Text.Contains(UnqualifiedName(c.Name), StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (missed.Count == 0)
        {
            return;
        }

        var names = string.Join("', '", scripts.Keys.Order(StringComparer.Ordinal));
        var missing = new SchemaComparison(missed);
        findings.Add(Finding.Warning(
            RuleCodes.MigrationMissesSchemaChange,
            $"The staged migration '{names}' never names what part of the schema change alters ({Describe(missing)}). If it was made before your last schema edit, that edit reaches no database.",
            project.SchemaPath,
            $"npx prisma migrate dev --name {FixText.Quote(missing.SuggestedMigrationName)}{ProjectFixText.SchemaArgument(project)} (it writes a migration for what is missing), then git add {FixText.Quote(project.MigrationsPath)}{thenCommit}"));
    }

    // Tables of other PostgreSQL schemas are keyed "schema.table"; the SQL names the table either way.
    private static string UnqualifiedName(string name) => name[(name.LastIndexOf('.') + 1)..];

    /// <summary>The 1-based line of the first <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt;</c> or <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt;</c> marker git writes, or null.</summary>
    internal static int? ConflictMarkerLine(string text)
    {
        var line = 1;
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            var span = text.AsSpan(start, (end < 0 ? text.Length : end) - start).TrimEnd('\r');
            if ((span.StartsWith("<<<<<<<", StringComparison.Ordinal) || span.StartsWith(">>>>>>>", StringComparison.Ordinal))
                && (span.Length == 7 || span[7] == ' '))
            {
                return line;
            }

            if (end < 0)
            {
                break;
            }

            start = end + 1;
            line++;
        }

        return null;
    }

    // A new migration staged while the schema edit it was made from stays in the working tree: committed alone, it
    // leaves every clone with a schema its database contradicts, and their next `prisma migrate dev` writes a
    // migration that undoes it. Judged only when no schema file is staged at all (a partly staged schema is judged by
    // CheckSchema) and only against a working-tree schema that reads; a schema still being typed is no finding.
    private static void CheckMigrationWithoutSchema(ProjectChanges changes, List<string> staged, List<Finding> findings)
    {
        var project = changes.Project;
        if (staged.Count == 0 || changes.SchemaAfter.Count == 0 || changes.Changes.Any(c => project.IsSchemaFile(c.Path)))
        {
            return;
        }

        if (changes.ReadWorkingTreeSchema() is not { } workingSchema)
        {
            return;
        }

        SchemaComparison comparison;
        try
        {
            // Staged and working-tree schemas of one provider: the PostgreSQL-shaped model of each tells whether they differ.
            comparison = DatabaseSchemaComparer.Compare(
                DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(ReadSchema(changes, changes.SchemaAfter)), anyProvider: true),
                DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(workingSchema), anyProvider: true));
        }
        catch (DriftHooksException)
        {
            return;
        }

        if (!comparison.ChangesDatabase)
        {
            return;
        }

        var schemaFiles = string.Join(" ", workingSchema.Select(s => FixText.Quote(s.Path)));
        findings.Add(Finding.Error(
            RuleCodes.MigrationWithoutSchema,
            $"The new migration '{string.Join("', '", staged)}' is staged but the schema edit it was made from is not ({Describe(comparison)}, in the working tree only). Committed alone, it leaves every clone's schema contradicting its database, and their next prisma migrate dev would write a migration that undoes it.",
            project.SchemaPath,
            $"git add {schemaFiles} (if the migration is hand-written SQL unrelated to that edit: git stash push --keep-index, commit, git stash pop)"));
    }

    // The commit's migrations in Prisma's order (by name), or null when one cannot be read as Prisma would apply it.
    private static List<(string Name, SqlScript Script)>? EveryMigration(ProjectChanges changes)
    {
        var all = new List<(string Name, SqlScript Script)>();
        foreach (var name in changes.After.Keys.Order(StringComparer.Ordinal))
        {
            var folder = changes.After[name];
            if (folder.ScriptId is not { } id || folder.ScriptIsLink || changes.Scripts.Read(id) is not { } script)
            {
                return null;
            }

            all.Add((name, script));
        }

        return all;
    }

    private static DatabaseModel Model(IReadOnlyList<SchemaSource> sources) =>
        DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(sources));

    private static IReadOnlyList<SchemaSource> ReadSchema(ProjectChanges changes, IReadOnlyList<FileVersion> files) =>
        [.. files.Select(f => new SchemaSource(f.Path, Decode(changes.ReadBlob(f.ObjectId), f.Path)))];

    private static string Decode(byte[] bytes, string path) =>
        PrismaText.TryDecode(bytes, out var text, out var offset)
            ? text
            : throw SchemaParseException.In(path, $"not valid UTF-8 (byte offset {offset}); Prisma reads schemas as UTF-8");

    private static string Describe(SchemaComparison comparison)
    {
        var what = string.Join("; ", comparison.Changes.Take(8).Select(c => $"{KindName(c.Kind)} {c.Name}: {c.Description}"));
        return comparison.Changes.Count > 8 ? what + $"; and {comparison.Changes.Count - 8} more" : what;
    }

    private static string KindName(SchemaObjectKind kind) => kind.ToString().ToLowerInvariant();

    private static string Verb(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Deleted => "deleted",
        _ => "modified",
    };
}
