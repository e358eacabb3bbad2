using System.Text;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Installation;

namespace DriftHooks.Core.Codes;

/// <summary>One finding code as the reference page explains it: where it is reported, what it means, and the way out its printed fix takes.</summary>
internal sealed record CodeEntry(string Code, string ReportedBy, string Meaning, string Fix);

/// <summary>
/// Every finding code DriftHooks can emit, with its meaning and fix in words. <c>docs/codes.md</c> is rendered from this
/// list (<see cref="Markdown"/>), and a test holds the list to the codes the code declares, so the page cannot go stale.
/// The printed fix of a real finding is more exact than the words here: it names the folder, the commit, the branch.
/// </summary>
internal static class CodeReference
{
    const string Commit = "pre-commit, check";
    const string Push = "pre-push, check, status";
    const string Schema = "pre-push, check, drift";
    const string Status = "status, doctor";
    const string Data = "pre-push, check, status";

    const string Revert = "The printed SQL reverts production to what its migrations say; or capture the change in a migration: `npx prisma migrate dev --create-only`, the printed SQL in its `migration.sql`, the schema made to match, then `npx prisma migrate resolve --applied` on production.";

    public static IReadOnlyList<CodeEntry> All { get; } =
    [
        new(RuleCodes.SchemaUnreadable, Commit, "The Prisma schema cannot be read: a syntax error, a field declared twice, a file that is not UTF-8. Named with file and line, never a silent pass; only a warning when just the schema committed before is unreadable, so the commit that repairs it passes.", "Fix the schema at the line named (`npx prisma validate` shows Prisma's own diagnosis), or convert it to UTF-8 with the printed `iconv`, then `git add` it."),
        new(RuleCodes.SchemaWithoutMigration, Commit, "The staged schema changes what reaches the database (a column, index, default, enum value, relation action…) and no new migration is staged.", "`npx prisma migrate dev --name <change>`, then `git add prisma/migrations`."),
        new(RuleCodes.MigrationEdited, Commit, "A file of a committed migration folder is edited or added. Putting back the version a remote has passes.", "A migration no remote has is folded into the commit that added it (`git commit --amend`, or a fixup commit and an autosquash rebase); a published one gets its published version back (`git restore --source=<remote>`) and the change goes into a new migration."),
        new(RuleCodes.MigrationDeleted, Commit, "A committed migration is deleted.", "`git restore --staged --worktree --source=<commit> -- <folder>`."),
        new(RuleCodes.MigrationRenamed, Commit, "A committed migration that the default branch or another branch's remote-tracking branch has is renamed. A migration only this branch has may be renamed: that is how its order is fixed after a rebase.", "`git mv <new name> <old name>`."),
        new(RuleCodes.MigrationNotStaged, Commit, "The migration for a staged schema change exists in the working tree but is not staged (or its `migration.sql` is not).", "`git add <folder>`."),
        new(RuleCodes.LockFileDeleted, Commit, "`migration_lock.toml` is deleted.", "`git restore --staged --worktree --source=HEAD -- prisma/migrations/migration_lock.toml`."),
        new(RuleCodes.LockProviderChanged, Commit, "`migration_lock.toml`'s provider changes.", "`git restore --staged --worktree --source=HEAD -- prisma/migrations/migration_lock.toml`."),
        new(RuleCodes.MigrationWithoutScript, Commit, "A new migration folder has no `migration.sql`.", "`git mv` the SQL staged under another name to `migration.sql`, or unstage the folder (`git rm -r -q --cached <folder>`)."),
        new(RuleCodes.MigrationOutOfOrder, Commit, "A new migration sorts before the newest committed one, or is named so that later ones would sort before it (a timestamp after tomorrow, a number of another width).", "`git mv <folder> <now>_<name>`."),
        new(RuleCodes.MigrationWithoutSchema, Commit, "A new migration is staged but the schema edit it was made from is not.", "`git add prisma/schema.prisma`."),
        new(RuleCodes.MigrationNotUtf8, Commit, "A new `migration.sql` is not UTF-8 (named when it is UTF-16, as PowerShell's `>` writes), or a new migration folder's name is not.", "The printed `iconv … && mv … && git add`, or the printed rename through a shell glob."),
        new(RuleCodes.MigrationConflictMarkers, Commit, "A new `migration.sql` still holds merge-conflict markers.", "Resolve the conflict in the file, then `git add` it."),
        new(RuleCodes.MigrationMissesSchemaChange, Commit, "Warning only, where DH115 cannot tell: the staged migration never names a table, enum or extension the schema change alters.", "`npx prisma migrate dev --name <change>` writes a migration for what is missing; `git add prisma/migrations`."),
        new(RuleCodes.MigrationScriptIsLink, Commit, "A migration's `migration.sql` is staged as a symbolic link: git would hold only the link, and Prisma would apply whatever it points to on the deploying machine.", "Replace the link by the file it points to (the printed `realpath` copy), or restore the committed file."),
        new(RuleCodes.MigrationsMissSchema, "pre-commit, pre-push, check", "The new migrations, replayed on the schema they start from, do not give the staged schema: a statement lost, or the schema edited after the migration was written. Offline at commit (a note where a statement cannot be followed); exact on a shadow database at push and in CI.", "A follow-up migration: `npx prisma migrate dev --name <change>`, or the printed `npx prisma migrate diff --from-migrations … --script` into a new `migration.sql`."),

        new(PushRuleCodes.ProductionUnreachable, "pre-push, check", "Production cannot be read: unreachable, wrong password, TLS failure, timeout. Blocks (exit 3) unless `Production:OnUnreachable` is `warn`.", "What the attempt told is answered (start the server, correct the host or password named); or repeat the push with `DRIFTHOOKS__PRODUCTION__ONUNREACHABLE=warn`."),
        new(PushRuleCodes.MissingLocally, Push, "A migration production applied is absent from the pushed commit: behind, from a branch never merged, deleted or renamed.", "The branch that holds it is named (`git merge <branch>`), or the commit it is restored from, or `git fetch --all`; a rename is undone with `git mv`."),
        new(PushRuleCodes.ModifiedAfterApply, Push, "An applied migration's `migration.sql` no longer matches the checksum production recorded.", "Restore the version production applied from the commit named, and move the edit into a new migration; where no commit holds it, `drifthooks drift`, then record this version's checksum as printed."),
        new(PushRuleCodes.FailedInDatabase, Push, "A migration started in production and neither finished nor was rolled back (its logs are shown).", "Finish it by hand, then `npx prisma migrate resolve --applied <name>` against production; or undo it, then `--rolled-back <name>`."),
        new(PushRuleCodes.Pending, "pre-push, check", "Note only: migrations the next deploy will apply.", "Nothing to do."),
        new(PushRuleCodes.PendingOutOfOrder, "pre-push, check", "A pending migration sorts before the newest applied one (out of order across branches).", "Rename it to sort last (`git mv <folder> <now>_<name>`) where only this branch has it; otherwise let it through once by name with `DRIFTHOOKS_OVERRIDE`."),
        new(PushRuleCodes.NoHistoryTable, Push, "Production has no `_prisma_migrations` table (made by `prisma db push`, or the URL's `schema` is wrong).", "Baseline it: the printed loop of `npx prisma migrate resolve --applied` over the migrations, against production."),
        new(PushRuleCodes.MigrationWithoutScript, "pre-push, check", "A pushed migration folder has no `migration.sql`.", "`git rm -r -q <folder>`, commit and push again."),
        new(PushRuleCodes.ProductionNotConfigured, "pre-push", "Warning only: no production URL is configured, so the push was not compared with production.", "`export DRIFTHOOKS_PRODUCTION_URL='<read-only URL>'`, or `Production:Url` in `.drifthooks.local.json`."),
        new(PushRuleCodes.MigrationScriptIsLink, "pre-push, check", "A pushed `migration.sql` is a symbolic link.", "Replace the link by the file it points to (the printed `realpath` copy), commit and push."),

        new(SchemaDriftCodes.ExtraTable, Schema, "Production has a table no applied migration creates.", Revert),
        new(SchemaDriftCodes.MissingTable, Schema, "A table the applied migrations create is missing in production.", Revert),
        new(SchemaDriftCodes.ExtraColumn, Schema, "Production has a column no applied migration creates (a hand-made `ALTER TABLE`, a `db push`).", Revert),
        new(SchemaDriftCodes.MissingColumn, Schema, "A column the applied migrations create is missing in production.", Revert),
        new(SchemaDriftCodes.ColumnType, Schema, "A column's type differs from what the migrations give.", Revert),
        new(SchemaDriftCodes.ColumnNullability, Schema, "A column's nullability differs from what the migrations give.", Revert),
        new(SchemaDriftCodes.ColumnDefault, Schema, "A column's default differs from what the migrations give.", Revert),
        new(SchemaDriftCodes.ColumnIdentity, Schema, "A column's identity or generation differs from what the migrations give.", Revert),
        new(SchemaDriftCodes.ExtraConstraint, Schema, "Production has a constraint (primary, unique, foreign key, check) no migration creates.", Revert),
        new(SchemaDriftCodes.MissingConstraint, Schema, "A constraint the migrations create is missing in production.", Revert),
        new(SchemaDriftCodes.ConstraintDiffers, Schema, "A constraint differs from what the migrations give (columns, referenced table, actions, expression).", Revert),
        new(SchemaDriftCodes.ExtraIndex, Schema, "Production has an index no migration creates.", Revert),
        new(SchemaDriftCodes.MissingIndex, Schema, "An index the migrations create is missing in production.", Revert),
        new(SchemaDriftCodes.IndexDiffers, Schema, "An index differs from what the migrations give.", Revert),
        new(SchemaDriftCodes.ExtraEnum, Schema, "Production has an enum type no migration creates.", Revert),
        new(SchemaDriftCodes.MissingEnum, Schema, "An enum type the migrations create is missing in production.", Revert),
        new(SchemaDriftCodes.ExtraEnumValue, Schema, "Production's enum has a value no migration adds.", Revert),
        new(SchemaDriftCodes.MissingEnumValue, Schema, "A value the migrations add to an enum is missing in production.", Revert),
        new(SchemaDriftCodes.EnumOrder, Schema, "An enum's values are in another order than the migrations give.", Revert),
        new(SchemaDriftCodes.ExtraView, Schema, "Production has a view no migration creates.", Revert),
        new(SchemaDriftCodes.MissingView, Schema, "A view the migrations create is missing in production.", Revert),
        new(SchemaDriftCodes.ViewDiffers, Schema, "A view's definition differs from what the migrations give.", Revert),
        new(SchemaDriftCodes.ExtraSequence, Schema, "Production has a sequence no migration creates.", Revert),
        new(SchemaDriftCodes.MissingSequence, Schema, "A sequence the migrations create is missing in production.", Revert),
        new(SchemaDriftCodes.SequenceDiffers, Schema, "A sequence differs from what the migrations give.", Revert),
        new(SchemaDriftCodes.AppliedMigrationMissing, "drift", "Production applied a migration the migrations folder lacks, so its schema cannot be rebuilt.", "`drifthooks status` (its DH201 names the branch or commit that holds it), then `drifthooks drift` again."),
        new(SchemaDriftCodes.ChecksumDiffers, "drift", "Warning: a migration was edited after production applied it; the replay uses the repository's version.", "`drifthooks status` (its DH202 names the commit holding the version production applied), then `drifthooks drift` again."),
        new(SchemaDriftCodes.ReplayFailed, Schema, "A migration production applied fails to replay on a shadow database, so production's schema could not be compared.", "Compare it with what production ran (`SELECT logs, checksum FROM _prisma_migrations`) and make the migrations replay from scratch (`npx prisma migrate reset` on a local database shows the same failure)."),
        new(SchemaDriftCodes.NoHistoryTable, "drift", "Production has no `_prisma_migrations` table, so no migration explains its schema.", "Check the URL's `?schema=`; after `prisma db push`, baseline: a first migration from `npx prisma migrate diff --from-empty … --script`, then `npx prisma migrate resolve --applied` it."),
        new(SchemaDriftCodes.NotCompared, Schema, "Warning: production's schema was not compared (no shadow server at hand, one not running, a role that may not create databases, a server older than production's).", "The setting that turns it on (`Shadow:Url`, `DATABASE_URL`), or what the server needs (`ALTER ROLE … CREATEDB`)."),
        new(SchemaDriftCodes.SwitchedOff, "pre-push, check", "Warning: the schema check is switched off on this machine only; recorded in the audit log like a rule switched off locally.", "Remove the local switch (`.drifthooks.local.json`, `DRIFTHOOKS__PRODUCTION__SCHEMACHECK`), or switch it off for the team in the committed `drifthooks.json`."),
        new(SchemaDriftCodes.ExtraFunction, Schema, "Production has a function or procedure no migration creates.", Revert),
        new(SchemaDriftCodes.MissingFunction, Schema, "A function or procedure the migrations create is missing in production.", Revert),
        new(SchemaDriftCodes.FunctionDiffers, Schema, "A function's definition differs from what the migrations give.", Revert),
        new(SchemaDriftCodes.ExtraTrigger, Schema, "Production has a trigger no migration creates.", Revert),
        new(SchemaDriftCodes.MissingTrigger, Schema, "A trigger the migrations create is missing in production.", Revert),
        new(SchemaDriftCodes.TriggerDiffers, Schema, "A trigger differs, or is enabled or disabled otherwise than the migrations leave it.", Revert),
        new(SchemaDriftCodes.ExtraExtension, Schema, "Warning only: production has an extension no migration creates (managed hosts install their own).", "Capture it in a migration (`CREATE EXTENSION IF NOT EXISTS …`) if the schema relies on it."),
        new(SchemaDriftCodes.MissingExtension, Schema, "An extension the migrations create is missing in production.", Revert),

        new(CompanionRuleCodes.DatabaseUnreachable, Status, "The local or production database cannot be read (exit 3): refused, no such host, wrong or missing password, no answer.", "What the attempt told is answered: start the server on the host and port named, correct the host or the password in the place the URL was read from, then run the command again."),
        new(CompanionRuleCodes.ProductionNotConfigured, Status, "No production URL is configured; production's column is left out.", "`export DRIFTHOOKS_PRODUCTION_URL='<read-only URL>'`, or `Production:Url` in `.drifthooks.local.json`."),
        new(CompanionRuleCodes.LocalNotConfigured, Status, "No local database URL: the variable the schema reads (`DATABASE_URL`, or the one its datasource names) is set nowhere.", "Put that variable in `.env` (the message names it and where it may go)."),
        new(CompanionRuleCodes.LocalNoHistoryTable, Status, "The local database does not exist or has no `_prisma_migrations` table.", "`drifthooks sync` creates it and applies the migrations."),
        new(CompanionRuleCodes.LocalPending, "status", "The local database is behind the working tree (a pull brought migrations).", "`drifthooks sync`."),
        new(CompanionRuleCodes.LocalOnly, "status, sync", "The local database applied a migration this branch lacks (an abandoned branch).", "Check that branch out to keep it, or `drifthooks sync --reset`."),
        new(CompanionRuleCodes.LocalModified, "status, sync", "A migration was edited after the local database applied it.", "`git restore <folder>` if the edit was not meant, else `drifthooks sync --reset`."),
        new(CompanionRuleCodes.LocalFailed, "status, sync", "A migration failed in the local database, or was interrupted (no error recorded: only a script that runs its own transactions or uses CONCURRENTLY, which sync runs as Prisma does; any other script sync applies in one transaction with its history row).", "`drifthooks sync --reset`; to keep local data, `npx prisma migrate resolve --rolled-back <name>` for a failure, or for an interruption, after checking what of the script is there, `--applied <name>` or `--rolled-back <name>`."),
        new(CompanionRuleCodes.LocalOutOfOrder, "status", "A migration (from a rebase or pull) sorts before ones the local database applied.", "`drifthooks sync` applies it after the newer ones, as a deploy would."),
        new(CompanionRuleCodes.MigrationWithoutScript, "status, sync", "A migration folder has no `migration.sql` (an interrupted `migrate dev --create-only`).", "`rm -r <folder>`, or add its `migration.sql`."),
        new(CompanionRuleCodes.LocalHistoryLost, "status, sync", "The local `_prisma_migrations` was emptied or dropped while the schema is intact: the history was lost, not the schema. sync refuses, writing nothing.", "`drifthooks restore <the backup named>`; without a backup, the printed loop of `npx prisma migrate resolve --applied`."),
        new(CompanionRuleCodes.ScriptWithNulByte, "status, sync", "A `migration.sql` holds a NUL byte: PostgreSQL accepts none in a statement, so Prisma's migrate fails it wherever it runs; sync sends nothing of it.", "The printed `tr -d '\\000'` that removes it."),
        new(CompanionRuleCodes.Uncommitted, "status", "Note: migrations made but not committed.", "`git add prisma/schema.prisma prisma/migrations && git commit -m '…'`."),
        new(CompanionRuleCodes.DeletedFromWorkingTree, "status", "Committed migrations are deleted from the working tree.", "`git restore --staged --worktree --source=HEAD -- <folder>`."),
        new(CompanionRuleCodes.SyncPullFirst, "sync", "Production has migrations this branch lacks; nothing written.", "Bring them here first (the branch, commit or fetch named), then `drifthooks sync`."),
        new(CompanionRuleCodes.SyncProductionModified, "sync", "An applied migration was edited since production applied it; nothing written.", "Restore the version production applied from the commit named, then `drifthooks sync`; or `git fetch --all`, or `drifthooks sync --skip-production`."),
        new(CompanionRuleCodes.RestoreUnverifiable, "restore", "The backup's migrations are not in this working tree, so git cannot check them.", "`git checkout <the branch or commit named> && drifthooks restore <backup>`, or `--skip-missing`, or `drifthooks sync --reset --yes`."),
        new(CompanionRuleCodes.RestoreTablesMissing, "restore", "The backup's history claims a table the database does not have; nothing written.", "`drifthooks sync --reset --yes` rebuilds from the migrations."),
        new(CompanionRuleCodes.RestoreEmptyDatabase, "restore", "The database is empty (recreated); restoring a history would claim what is not there. Nothing written.", "`drifthooks sync` applies the migrations themselves."),
        new(CompanionRuleCodes.RestoreEmptyBackup, "restore", "The backup holds no applied row.", "`drifthooks restore <the newest backup that holds rows>` (named)."),
        new(CompanionRuleCodes.SyncDone, "sync", "Note: what sync applied.", "Nothing to do."),
        new(CompanionRuleCodes.RestoreDone, "restore", "Note: what restore put back.", "Nothing to do."),
        new(CompanionRuleCodes.BackupDone, "backup", "Note: a backup written, with its row count and file.", "Nothing to do."),

        new(DataRiskCodes.RequiredColumnOnFilledTable, Data, "A pending migration adds a NOT NULL column without a default (or drops and recreates one as required) to a table that has rows in production: `migrate deploy` fails with 23502 and stops every later deploy (P3009). The migration, line, table, column and row count are named, never a value.", "Give the column a default (`DEFAULT` in the migration, `@default` in the schema) and amend the unpushed migration; or add it optional, fill it with `UPDATE`, and require it in a later migration."),
        new(DataRiskCodes.NotNullOverNulls, Data, "A pending `SET NOT NULL` (or a primary key) over a column that holds NULL in production, after what the push itself fills: 23502 at deploy.", "Fill the NULLs first in the migration (`UPDATE … SET … WHERE … IS NULL`), listed read-only with the printed `psql` query; amend the unpushed migration."),
        new(DataRiskCodes.UniqueOverDuplicates, Data, "A pending unique index, unique constraint or primary key over values production holds more than once (NULLs distinct, as PostgreSQL counts them): 23505 at deploy.", "List the duplicated values with the printed read-only `psql` query, delete or repair them in production, then push again."),
        new(DataRiskCodes.EnumValueInUse, Data, "A pending migration removes enum values (Prisma's type swap with `USING … ::text::…`) that rows in production hold: 22P02 at deploy.", "Move those rows to a value that stays with an `UPDATE` before the swap in the migration; amend the unpushed migration."),
        new(DataRiskCodes.TypeChangeFails, Data, "A pending type change the values cannot take: a varchar/char shrunk below the longest value (`char_length`), or a text cast that some value fails (`pg_input_is_valid`, PostgreSQL 16+; older servers: DH510).", "Shorten or repair those values in production, or keep a type that holds them."),
        new(DataRiskCodes.ForeignKeyOverOrphans, Data, "A pending foreign key (not `NOT VALID`) over rows whose referenced row is missing in production: 23503 at deploy.", "Set those references to NULL or delete the rows (listed by the printed read-only query), or create what they reference, then push again."),
        new(DataRiskCodes.CheckViolated, Data, "A pending CHECK constraint (not `NOT VALID`) that rows in production violate: 23514 at deploy. Only expressions of the table's columns, constants, operators and a few pure functions are asked.", "Repair the rows that violate it, or add the constraint `NOT VALID`, then push again."),
        new(DataRiskCodes.CannotTell, Data, "Warning only, never a refusal: a risky statement not checked against production's data, and why (a question that timed out, a role without SELECT, a statement or expression not followed, another data change on the table earlier in the push).", "Nothing required; `Production:DataCheckTimeoutSeconds` gives questions longer, and a read-only role needs SELECT on the tables."),
        new(DataRiskCodes.DataLoss, Data, "Warning: a pending migration drops a column or table that holds data in production, with the count of non-null values (an estimate from production's statistics when `Production:DataChecks` is false). `\"Rules\": { \"DH511\": \"error\" }` makes it a refusal.", "If the data must stay, copy it first or keep the column; otherwise nothing to do."),
        new(DataRiskCodes.StatisticsOnly, Data, "Warning only, with `Production:DataChecks` false (no row of production is read): a risky pending statement whose table production's statistics (`pg_class.reltuples`, `pg_stats`) say holds rows that may be in the way, or do not know (never analyzed). An estimate, never a refusal unless the team raises it (`\"Rules\": { \"DH512\": \"error\" }`).", "Look at those rows before deploying, or let DriftHooks count them read-only: `\"Production\": { \"DataChecks\": true }`."),
        new(DataRiskCodes.AskedAtPush, "pre-commit", "Note at commit, offline: a statement of a new migration that production's rows could make fail (a required column, `SET NOT NULL`, a unique index or constraint, a primary or foreign key, a CHECK, an enum value removed, a type change) on a table the migration does not create. Production is asked at push; nothing is refused here.", "Nothing to do now; pre-push asks production read-only."),
    ];

    /// <summary>The reference page, <c>docs/codes.md</c>, exactly as committed.</summary>
    public static string Markdown()
    {
        var page = new StringBuilder();
        page.Append("# Finding codes\n\n");
        page.Append("<!-- Generated from src/DriftHooks.Core/Codes/CodeReference.cs: do not edit. Regenerate with\n");
        page.Append("     DRIFTHOOKS_WRITE_DOCS=1 dotnet test tests/DriftHooks.Core.Tests -c Release --filter FullyQualifiedName~CodeReferenceTests -->\n\n");
        page.Append("Every code DriftHooks can print, what it means and the way out. A real finding's `fix:` line is more exact: it names\n");
        page.Append("the folder, commit, branch or SQL, and is tested as printed ([fixes-tested.md](fixes-tested.md)). DH1xx are the\n");
        page.Append("commit rules (`Rules` in `drifthooks.json` switches each off), DH2xx the comparison with production's history,\n");
        page.Append("DH3xx production's schema against what its migrations create, DH4xx the companion commands, DH5xx whether the\n");
        page.Append("pending migrations will deploy on production's rows.\n\n");
        // The prefixes are Invocation's own, so the page says what a printed fix says.
        string Prefix(InvocationKind kind) => "`" + Invocation.Of(kind).Prefix + " …`";
        page.Append("Commands are written here as ").Append(Prefix(InvocationKind.Plain)).Append(", the name on PATH (the release archive, a global dotnet\n");
        page.Append("tool). In an npm or pnpm project read them as ").Append(Prefix(InvocationKind.Npx)).Append(", with a local dotnet tool as ")
            .Append(Prefix(InvocationKind.DotnetTool)).Append(":\n");
        page.Append("the fixes and messages DriftHooks prints already name them that way ([install.md](install.md)).\n");
        foreach (var group in All.GroupBy(e => e.Code[..3]))
        {
            page.Append("\n## ").Append(Title(group.Key)).Append("\n\n");
            page.Append("| code | reported by | meaning | fix |\n|---|---|---|---|\n");
            foreach (var entry in group)
            {
                page.Append("| ").Append(entry.Code).Append(" | ").Append(Cell(entry.ReportedBy)).Append(" | ")
                    .Append(Cell(entry.Meaning)).Append(" | ").Append(Cell(entry.Fix)).Append(" |\n");
            }
        }

        return page.ToString();
    }

    static string Title(string prefix) => prefix switch
    {
        "DH1" => "DH1xx: what is committed",
        "DH2" => "DH2xx: production's history",
        "DH3" => "DH3xx: production's schema",
        "DH4" => "DH4xx: companion commands",
        "DH5" => "DH5xx: production's data",
        _ => prefix + "xx",
    };

    // A table cell: a pipe would end it.
    static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
