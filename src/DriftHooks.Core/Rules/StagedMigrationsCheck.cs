using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Rules;

/// <summary>
/// Whether the new migrations a commit stages turn the schema it is compared with into the staged schema: the model
/// of the earlier schema, the migrations' DDL replayed on it in order, compared with the model of the staged one.
/// A migration written before the last schema edit (stale) or missing a statement (partial) is refused, naming what
/// differs; a statement that cannot be followed offline leaves the verdict to a check with a database.
/// </summary>
internal static class StagedMigrationsCheck
{
    private const int MaxListed = 8;

    /// <returns>True when the replay concluded (equal or refused); false when it cannot tell.</returns>
    public static bool Judge(
        PrismaProject project,
        DatabaseModel before,
        DatabaseModel after,
        IReadOnlyList<(string Name, SqlScript Script)> migrations,
        List<Finding> findings,
        Func<IReadOnlyList<(string Name, SqlScript Script)>?>? everyMigration = null,
        Func<ThrowawayShadow>? shadow = null,
        Installation.Invocation? invocation = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(findings);
        var replay = DdlInterpreter.Replay(before, migrations);
        var newest = project.MigrationFolder(migrations[^1].Name) + "/migration.sql";
        if (!replay.Complete)
        {
            var first = replay.Unfollowed[0];
            var more = replay.Unfollowed.Count > 1 ? $" (and {FixText.Count(replay.Unfollowed.Count - 1, "more statement")})" : string.Empty;
            findings.Add(Finding.Note(
                RuleCodes.MigrationsMissSchema,
                $"DriftHooks cannot tell offline whether the staged migrations produce the staged schema: '{first.Excerpt}' ({first.Migration}, line {first.Line}) is not followed: {first.Reason}{more}. The exact check with a database decides ({(invocation ?? Installation.Invocation.Plain).Command("check")}, or pre-push, where a shadow server is at hand).",
                project.MigrationFolder(first.Migration) + "/migration.sql",
                Shadow(shadow).Around(project, diff => $"{diff} --exit-code (exit 2: the migrations miss part of the schema)")));
            return false;
        }

        var comparison = ReplayComparer.Compare(replay, after);
        if (!comparison.Differences.ChangesDatabase)
        {
            return true;
        }

        if (ProducedByEveryMigration(project, after, everyMigration, findings))
        {
            return true;
        }

        var listed = Describe(comparison.Differences, replay.Model, after, "the staged migrations");
        var names = string.Join("', '", migrations.Select(m => m.Name));
        findings.Add(Finding.Error(
            RuleCodes.MigrationsMissSchema,
            $"The staged migration '{names}' does not produce the staged schema ({listed}), so databases deployed from this commit would not match it: was the schema edited after the migration was made, or a statement lost?",
            newest,
            Shadow(shadow).Around(project, diff => $"{diff} --script >> {FixText.Quote(newest)}") + $", then git add {FixText.Quote(project.MigrationsPath)} "
            + $"(this appends the SQL the staged migrations miss; with a development database, npx prisma migrate dev --name {FixText.Quote(comparison.Differences.SuggestedMigrationName)}{ProjectFixText.SchemaArgument(project)} writes it as a follow-up migration instead)"));
        return true;
    }

    /// <summary>
    /// Whether every migration of the commit, replayed from an empty database, produces its schema. Asked only before a
    /// refusal: the schema committed before may itself disagree with the migrations committed before (a field no
    /// migration ever made, a default or index name written otherwise), and a commit that repairs that is judged by
    /// what its migrations produce, as Prisma's <c>migrate diff --from-migrations</c> judges it, not blamed for its parent.
    /// </summary>
    internal static bool ProducedByEveryMigration(
        PrismaProject project, DatabaseModel after, Func<IReadOnlyList<(string Name, SqlScript Script)>?>? everyMigration, List<Finding> findings)
    {
        if (everyMigration?.Invoke() is not { Count: > 0 } all)
        {
            return false;
        }

        var whole = DdlInterpreter.Replay(new DatabaseModel(), all);
        if (!whole.Complete || ReplayComparer.Compare(whole, after).Differences.ChangesDatabase)
        {
            return false;
        }

        findings.Add(Finding.Note(
            RuleCodes.MigrationsMissSchema,
            $"The schema committed before this commit did not match its own migrations; this commit's {FixText.Count(all.Count, "migration")}, replayed in order, produce its schema, so it is judged by those and let through.",
            project.SchemaPath));
        return true;
    }

    private static ThrowawayShadow Shadow(Func<ThrowawayShadow>? shadow) => shadow?.Invoke() ?? ThrowawayShadow.Unknown;

    /// <summary>The differences (the first few), each said from the side of <paramref name="migrations"/> ("the staged migrations").</summary>
    internal static string Describe(SchemaComparison differences, DatabaseModel produced, DatabaseModel schema, string migrations)
    {
        var changes = differences.Changes;
        var listed = string.Join("; ", changes.Take(MaxListed).Select(c => Describe(c, produced, schema, migrations)));
        return changes.Count > MaxListed ? listed + $"; and {changes.Count - MaxListed} more" : listed;
    }

    /// <summary>One difference, said from the migrations' side: what they miss, leave, or set otherwise than the schema.</summary>
    private static string Describe(SchemaChange change, DatabaseModel produced, DatabaseModel schema, string migrations)
    {
        var kind = change.Kind.ToString().ToLowerInvariant();
        var subject = change.Subject;
        var what = change.Member.Describe();
        produced.Tables.TryGetValue(change.Name, out var producedTable);
        schema.Tables.TryGetValue(change.Name, out var schemaTable);
        var column = change.Member == SchemaMember.Column ? producedTable?.Columns.GetValueOrDefault(subject!) : null;
        var wanted = change.Member == SchemaMember.Column ? schemaTable?.Columns.GetValueOrDefault(subject!) : null;
        return (change.Verb, change.Aspect) switch
        {
            (ChangeVerb.Created, _) when change.Kind != SchemaObjectKind.Extension => $"{kind} {change.Name}: missing from {migrations}",
            (ChangeVerb.Dropped, _) when change.Kind != SchemaObjectKind.Extension => $"{kind} {change.Name}: left by {migrations}, not in the schema",
            (ChangeVerb.Added, _) when subject is not null => $"{kind} {change.Name}: {what} {subject} missing from {migrations}",
            (ChangeVerb.Removed, _) when subject is not null => $"{kind} {change.Name}: {what} {subject} left by {migrations}, not in the schema",
            (ChangeVerb.Changed, MemberAspect.Default) when column is not null && wanted is not null =>
                $"default of {change.Name}.{subject}: migration sets {column.Default ?? "none"}, schema says {wanted.Default ?? "none"}",
            (ChangeVerb.Changed, MemberAspect.Type) when column is not null && wanted is not null =>
                $"type of {change.Name}.{subject}: migration sets {column.Type}{(column.IsArray ? "[]" : "")}, schema says {wanted.Type}{(wanted.IsArray ? "[]" : "")}",
            (ChangeVerb.Changed, MemberAspect.Nullability) when column is not null && wanted is not null =>
                $"{change.Name}.{subject}: migration leaves it {(column.IsNullable ? "nullable" : "NOT NULL")}, schema says {(wanted.IsNullable ? "nullable" : "NOT NULL")}",
            _ => $"{kind} {change.Name}: the schema says {change.Description}, {migrations} do not",
        };
    }
}
