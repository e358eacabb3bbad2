using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;

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
        IReadOnlyList<(string Name, string Script)> migrations,
        List<Finding> findings)
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
                $"DriftHooks cannot tell offline whether the staged migrations produce the staged schema: '{first.Excerpt}' ({first.Migration}, line {first.Line}) is not followed: {first.Reason}{more}. The exact check with a database decides (drifthooks check, or pre-push, where a shadow server is at hand).",
                project.MigrationFolder(first.Migration) + "/migration.sql",
                $"{DiffCommand(project)} --exit-code (exit 2: the migrations miss part of the schema)"));
            return false;
        }

        var comparison = ReplayComparer.Compare(replay, after);
        if (!comparison.Differences.ChangesDatabase)
        {
            return true;
        }

        var listed = Describe(comparison.Differences, replay.Model, after, "the staged migrations");
        var names = string.Join("', '", migrations.Select(m => m.Name));
        findings.Add(Finding.Error(
            RuleCodes.MigrationsMissSchema,
            $"The staged migration '{names}' does not produce the staged schema ({listed}), so databases deployed from this commit would not match it: was the schema edited after the migration was made, or a statement lost?",
            newest,
            $"{DiffCommand(project)} --script >> {FixText.Quote(newest)}, then git add {FixText.Quote(project.MigrationsPath)} "
            + $"(this appends the SQL the staged migrations miss; with a development database, npx prisma migrate dev --name {FixText.Quote(comparison.Differences.SuggestedMigrationName)}{FixText.SchemaArgument(project)} writes it as a follow-up migration instead)"));
        return true;
    }

    private static string DiffCommand(PrismaProject project) => FixText.MigrateDiff(project);

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
        var description = change.Description;
        var subject = Between(description);
        produced.Tables.TryGetValue(change.Name, out var producedTable);
        schema.Tables.TryGetValue(change.Name, out var schemaTable);
        var column = subject is null ? null : producedTable?.Columns.GetValueOrDefault(subject);
        var wanted = subject is null ? null : schemaTable?.Columns.GetValueOrDefault(subject);
        var what = subject is null ? null : description[..(description.IndexOf('`', StringComparison.Ordinal) - 1)];
        return description switch
        {
            "table created" or "enum created" => $"{kind} {change.Name}: missing from {migrations}",
            "table dropped" or "enum dropped" => $"{kind} {change.Name}: left by {migrations}, not in the schema",
            _ when description.EndsWith("` added", StringComparison.Ordinal) => $"{kind} {change.Name}: {what} {subject} missing from {migrations}",
            _ when description.EndsWith("` removed", StringComparison.Ordinal) => $"{kind} {change.Name}: {what} {subject} left by {migrations}, not in the schema",
            _ when column is not null && wanted is not null && description.Contains(" default ", StringComparison.Ordinal) =>
                $"default of {change.Name}.{subject}: migration sets {column.Default ?? "none"}, schema says {wanted.Default ?? "none"}",
            _ when column is not null && wanted is not null && description.Contains(" type now ", StringComparison.Ordinal) =>
                $"type of {change.Name}.{subject}: migration sets {column.Type}{(column.IsArray ? "[]" : "")}, schema says {wanted.Type}{(wanted.IsArray ? "[]" : "")}",
            _ when column is not null && wanted is not null && description.Contains(" now ", StringComparison.Ordinal) =>
                $"{change.Name}.{subject}: migration leaves it {(column.IsNullable ? "nullable" : "NOT NULL")}, schema says {(wanted.IsNullable ? "nullable" : "NOT NULL")}",
            _ => $"{kind} {change.Name}: the schema says {description}, {migrations} do not",
        };
    }

    private static string? Between(string description)
    {
        var start = description.IndexOf('`', StringComparison.Ordinal) + 1;
        var end = start > 0 ? description.IndexOf('`', start) : -1;
        return end > start ? description[start..end] : null;
    }
}
