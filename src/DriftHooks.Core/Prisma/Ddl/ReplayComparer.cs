using DriftHooks.Core.Prisma.Schema;

namespace DriftHooks.Core.Prisma.Ddl;

/// <summary>
/// What separates the model a replay produced from the model of a schema: <see cref="Differences"/> are certain
/// (Prisma's differ sees them too); <see cref="Unsure"/> are differences in things Prisma's schema and PostgreSQL
/// write differently (generated expressions, identity, partial or expression indexes, operator classes, extension
/// settings), which only a real database can settle, so they never refuse.
/// </summary>
internal sealed record ReplayComparison(SchemaComparison Differences, IReadOnlyList<string> Unsure);

internal static partial class ReplayComparer
{
    public static ReplayComparison Compare(DdlReplay replay, DatabaseModel schema)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(schema);
        var produced = replay.Model.Clone();
        var unsure = new List<string>();

        // Extensions are only managed with Prisma's postgresqlExtensions preview, and their settings vary by host.
        if (schema.Extensions.Count > 0 && !produced.Extensions.Keys.Order(StringComparer.Ordinal).SequenceEqual(schema.Extensions.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            unsure.Add("extensions differ (Prisma manages them only with the postgresqlExtensions preview feature)");
        }

        produced.Extensions.Clear();
        foreach (var (name, settings) in schema.Extensions)
        {
            produced.Extensions[name] = settings;
        }

        foreach (var table in produced.Tables.Values)
        {
            if (!schema.Tables.TryGetValue(table.QualifiedName, out var target))
            {
                continue;
            }

            AlignRelationTableKey(table, target, unsure);
            AlignColumns(replay, table, target, unsure);
            AlignIndexes(replay, table, target, unsure);
            if (table.PrimaryKey is { } pk && target.PrimaryKey is { } targetPk && pk != targetPk
                && pk.Name == targetPk.Name && pk.Columns == WithoutSortOrder(targetPk.Columns))
            {
                table.PrimaryKey = targetPk; // a sort order on a primary key is something PostgreSQL cannot hold
            }
        }

        return new ReplayComparison(DatabaseSchemaComparer.Compare(produced, schema), unsure);
    }

    // An implicit many-to-many table holds (A, B) once: Prisma 5 and earlier write a unique index "_X_AB_unique", Prisma 6
    // a primary key "_X_AB_pkey" (and a migration that converts older tables the first time migrate dev runs). A
    // project still on Prisma 5 writes the index, so either form is the schema's, and which one is Prisma's version.
    private static void AlignRelationTableKey(DbTable table, DbTable target, List<string> unsure)
    {
        var unique = table.Name + "_AB_unique";
        if (target.Kind != SchemaObjectKind.RelationTable || table.PrimaryKey is not null || target.PrimaryKey is not { Columns: "A, B" } key
            || !table.Indexes.TryGetValue(unique, out var index) || index is not { IsUnique: true, Definition: "btree (A, B)" })
        {
            return;
        }

        unsure.Add($"relation table {table.QualifiedName}: (A, B) held by the unique index {unique}, as Prisma 5 writes it; Prisma 6 writes the primary key {key.Name}");
        table.Indexes.Remove(unique);
        table.PrimaryKey = key;
    }

    private static void AlignColumns(DdlReplay replay, DbTable table, DbTable target, List<string> unsure)
    {
        foreach (var column in table.Columns.Values.ToList())
        {
            if (!target.Columns.TryGetValue(column.Name, out var wanted))
            {
                continue;
            }

            var aligned = column;

            // Prisma's differ cannot compare types it does not support: Unsupported("…") matches whatever is there.
            if (wanted.Type == "unsupported")
            {
                aligned = aligned with { Type = wanted.Type };
            }

            if (aligned.Default != wanted.Default && (IsGenerated(aligned.Default) || IsGenerated(wanted.Default)
                || replay.ImpreciseDefaults.Contains(DdlReplay.Key(table.QualifiedName, column.Name))))
            {
                unsure.Add($"default of {table.QualifiedName}.{column.Name}: migrations give {aligned.Default ?? "none"}, schema says {wanted.Default ?? "none"}");
                aligned = aligned with { Default = wanted.Default };
            }

            table.Columns[column.Name] = aligned;
        }
    }

    private static bool IsGenerated(string? @default) => @default?.StartsWith("dbgenerated(", StringComparison.Ordinal) == true;

    private static void AlignIndexes(DdlReplay replay, DbTable table, DbTable target, List<string> unsure)
    {
        foreach (var index in table.Indexes.Values.ToList())
        {
            var found = target.Indexes.TryGetValue(index.Name, out var wanted);
            if (found && index == wanted)
            {
                continue; // the same index: nothing to align (and no operator-class rewriting to build)
            }

            var imprecise = replay.ImpreciseIndexes.Contains(DdlReplay.Key(table.QualifiedName, index.Name));
            if (!found)
            {
                if (imprecise)
                {
                    unsure.Add($"index {index.Name} on {table.QualifiedName} ({index.Definition}) is not in the schema, which cannot declare it");
                    table.Indexes.Remove(index.Name);
                }
                else if (table.Indexes.Values.FirstOrDefault(twin => twin.Name != index.Name && target.Indexes.ContainsKey(twin.Name)
                    && twin.IsUnique == index.IsUnique && twin.Definition == index.Definition) is { } twin)
                {
                    // An old-named index surviving a table rename beside its new twin: Prisma's differ ignores such a
                    // duplicate (migrate diff --from-migrations exits 0, its --script is an empty migration).
                    unsure.Add($"index {index.Name} on {table.QualifiedName} duplicates {twin.Name} ({index.Definition}); the schema declares only {twin.Name}, and Prisma's differ ignores the duplicate");
                    table.Indexes.Remove(index.Name);
                }

                continue;
            }

            if (index.Definition == SqlOperatorClasses(wanted!.Definition) && index.IsUnique == wanted.IsUnique)
            {
                table.Indexes[index.Name] = wanted;
                continue;
            }

            if (index != wanted && (imprecise || (index.IsUnique == wanted.IsUnique && Skeleton(index.Definition) == Skeleton(wanted.Definition))))
            {
                unsure.Add($"index {index.Name} on {table.QualifiedName}: migrations give {index.Definition}, schema says {wanted.Definition}");
                table.Indexes[index.Name] = wanted;
            }
        }
    }

    // An index definition without operator classes: Prisma writes them as JsonbPathOps or raw("…"), SQL as jsonb_path_ops.
    private static string Skeleton(string definition)
    {
        var open = definition.IndexOf('(', StringComparison.Ordinal);
        var close = definition.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return definition;
        }

        var parts = definition[(open + 1)..close].Split(", ").Select(part =>
        {
            var words = part.Split(' ');
            return words[0] + (words[^1] == "DESC" ? " DESC" : string.Empty);
        });
        return definition[..(open + 1)] + string.Join(", ", parts) + definition[close..];
    }

    /// <summary>An index definition with Prisma's operator class names written as PostgreSQL's: <c>raw("gin_trgm_ops")</c>, <c>JsonbPathOps</c>.</summary>
    private static string SqlOperatorClasses(string definition) =>
        PrismaOperatorClass().Replace(definition, m => m.Groups["raw"].Success
            ? m.Groups["raw"].Value
            : Snake(m.Groups["pascal"].Value).Replace("min_max", "minmax", StringComparison.Ordinal));

    private static string Snake(string pascal)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsAsciiLetterUpper(pascal[i]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(pascal[i]));
        }

        return sb.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex("""raw\("(?<raw>[^"]*)"\)|\b(?<pascal>[A-Z][A-Za-z0-9]*Ops)\b""")]
    private static partial System.Text.RegularExpressions.Regex PrismaOperatorClass();

    private static string WithoutSortOrder(string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => c.Split(' ', '(')[0]));
}
