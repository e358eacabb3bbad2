using System.Globalization;
using System.Text;
using DriftHooks.Core.Catalog;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Rules;

/// <summary>
/// Compares the catalog the applied migrations produce (<c>expected</c>, from the shadow replay) with production's
/// (<c>actual</c>). Pure: one finding per difference, naming the object and giving the SQL both ways: to revert
/// production, or to capture the change in a migration. Parts of a table, column or enum that is itself missing
/// or extra are not reported again (dropping a column drops its indexes; that is one change, not three).
/// </summary>
internal static class CatalogDiff
{
    const string Public = "public";

    /// <summary>The compared database as the messages name it: <c>Name</c> in a sentence, <c>Short</c> beside "expected".</summary>
    internal sealed record Side(string Name, string Short)
    {
        public static readonly Side Production = new("production", "production");
        public static readonly Side Local = new("the local database", "local");
    }

    sealed record Words(string Resolve, Side Side);

    // Every database has it (template0 included); no migration creates it.
    const string Plpgsql = "plpgsql";

    /// <param name="resolve">
    /// The command that records a capture migration as applied in production, pointed there (see
    /// <see cref="Configuration.ProductionUrlResolver.PrismaEnvironment"/>): <c>DATABASE_URL="$…" npx prisma migrate resolve --applied</c>.
    /// </param>
    /// <param name="side">Which database <paramref name="actual"/> is, as the messages name it: production unless said.</param>
    public static IReadOnlyList<Finding> Compare(DatabaseCatalog expected, DatabaseCatalog actual, string resolve = "npx prisma migrate resolve --applied", Side? side = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var words = new Words(resolve, side ?? Side.Production);
        var findings = new List<Finding>();
        var skippedSequenceOwners = new HashSet<(string Table, string? Column)>();
        var skippedTriggerTables = new HashSet<(string Schema, string Table)>();
        CompareExtensions(words, expected.Extensions, actual.Extensions, findings);

        var expectedTables = expected.Tables.ToDictionary(t => (t.Schema, t.Name));
        var actualTables = actual.Tables.ToDictionary(t => (t.Schema, t.Name));
        foreach (var table in actual.Tables.Where(t => !expectedTables.ContainsKey((t.Schema, t.Name))))
        {
            skippedSequenceOwners.Add((table.Name, null));
            skippedTriggerTables.Add((table.Schema, table.Name));
            findings.Add(Finding.Error(
                SchemaDriftCodes.ExtraTable,
                $"{Capitalise(words.Side.Name)} has table `{Name(table.Schema, table.Name)}` ({table.Columns.Count} columns) that no migration creates.",
                $"table {Name(table.Schema, table.Name)}",
                Extra(words, $"DROP TABLE {Q(table.Schema, table.Name)};", CreateTable(table, actual.Triggers))));
        }

        foreach (var table in expected.Tables.Where(t => !actualTables.ContainsKey((t.Schema, t.Name))))
        {
            skippedSequenceOwners.Add((table.Name, null));
            skippedTriggerTables.Add((table.Schema, table.Name));
            findings.Add(Finding.Error(
                SchemaDriftCodes.MissingTable,
                $"Table `{Name(table.Schema, table.Name)}` is missing in {words.Side.Name}: the applied migrations create it.",
                $"table {Name(table.Schema, table.Name)}",
                Missing(words, CreateTable(table, expected.Triggers), $"DROP TABLE {Q(table.Schema, table.Name)};")));
        }

        foreach (var want in expected.Tables)
        {
            if (actualTables.TryGetValue((want.Schema, want.Name), out var have))
            {
                CompareTable(words, want, have, findings, skippedSequenceOwners);
            }
        }

        CompareEnums(words, expected.Enums, actual.Enums, findings);
        CompareViews(words, expected.Views, actual.Views, findings);
        CompareSequences(words, expected.Sequences, actual.Sequences, findings, skippedSequenceOwners);
        CompareFunctions(words, expected.Functions, actual.Functions, findings);
        CompareTriggers(words, expected.Triggers, actual.Triggers, findings, skippedTriggerTables);
        return findings;
    }

    static void CompareTable(Words words, CatalogTable want, CatalogTable have, List<Finding> findings, HashSet<(string, string?)> skippedSequenceOwners)
    {
        var table = Name(want.Schema, want.Name);
        var qualified = Q(want.Schema, want.Name);
        var wantColumns = want.Columns.ToDictionary(c => c.Name);
        var haveColumns = have.Columns.ToDictionary(c => c.Name);

        // Constraints and indexes on an extra or missing column go with it.
        var extraColumns = have.Columns.Where(c => !wantColumns.ContainsKey(c.Name)).Select(c => c.Name).ToHashSet();
        var missingColumns = want.Columns.Where(c => !haveColumns.ContainsKey(c.Name)).Select(c => c.Name).ToHashSet();

        foreach (var column in have.Columns.Where(c => extraColumns.Contains(c.Name)))
        {
            skippedSequenceOwners.Add((want.Name, column.Name));
            var dependents = Dependents(have, want, extraColumns);
            findings.Add(Finding.Error(
                SchemaDriftCodes.ExtraColumn,
                $"{Capitalise(words.Side.Name)} has column `{table}.{column.Name}` ({column.Type}) that no migration creates{dependents}.",
                $"column {table}.{column.Name}",
                Extra(words, $"ALTER TABLE {qualified} DROP COLUMN {Q(column.Name)};", $"ALTER TABLE {qualified} ADD COLUMN {ColumnSql(column)};")));
        }

        foreach (var column in want.Columns.Where(c => missingColumns.Contains(c.Name)))
        {
            skippedSequenceOwners.Add((want.Name, column.Name));
            var dependents = Dependents(want, have, missingColumns);
            findings.Add(Finding.Error(
                SchemaDriftCodes.MissingColumn,
                $"Column `{table}.{column.Name}` ({column.Type}) is missing in {words.Side.Name}: the applied migrations create it{dependents}.",
                $"column {table}.{column.Name}",
                Missing(words, $"ALTER TABLE {qualified} ADD COLUMN {ColumnSql(column)};", $"ALTER TABLE {qualified} DROP COLUMN {Q(column.Name)};")));
        }

        foreach (var w in want.Columns)
        {
            if (haveColumns.TryGetValue(w.Name, out var h))
            {
                CompareColumn(words, table, qualified, w, h, findings);
            }
        }

        CompareConstraints(words, want, have, extraColumns, missingColumns, findings);
        CompareIndexes(words, want, have, extraColumns, missingColumns, findings);
    }

    // One column on both sides: its type, nullability, identity or generation, and default, each a finding of its own.
    static void CompareColumn(Words words, string table, string qualified, CatalogColumn w, CatalogColumn h, List<Finding> findings)
    {
        var where = $"column {table}.{w.Name}";
        var alter = $"ALTER TABLE {qualified} ALTER COLUMN {Q(w.Name)}";
        if (w.Type != h.Type)
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ColumnType,
                $"Column `{table}.{w.Name}` type differs: expected {w.Type}, {words.Side.Short} {h.Type}.",
                where,
                Differs(words, $"{alter} SET DATA TYPE {w.Type} USING {Q(w.Name)}::{w.Type};", $"{alter} SET DATA TYPE {h.Type};")));
        }

        if (w.NotNull != h.NotNull)
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ColumnNullability,
                $"Column `{table}.{w.Name}` nullability differs: expected {(w.NotNull ? "NOT NULL" : "nullable")}, {words.Side.Short} {(h.NotNull ? "NOT NULL" : "nullable")}.",
                where,
                Differs(words, $"{alter} {(w.NotNull ? "SET" : "DROP")} NOT NULL;", $"{alter} {(h.NotNull ? "SET" : "DROP")} NOT NULL;")));
        }

        if (w.Generated != h.Generated || w.Identity != h.Identity)
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ColumnIdentity,
                $"Column `{table}.{w.Name}` identity/generation differs: expected {Describe(w)}, {words.Side.Short} {Describe(h)}.",
                where,
                Differs(words, IdentitySql(alter, h, w), IdentitySql(alter, w, h))));
        }
        else if (w.Default != h.Default)
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ColumnDefault,
                $"Column `{table}.{w.Name}` default differs: expected {w.Default ?? "no default"}, {words.Side.Short} {h.Default ?? "no default"}.",
                where,
                Differs(words, DefaultSql(alter, w.Default), DefaultSql(alter, h.Default))));
        }
    }

    static void CompareConstraints(Words words, CatalogTable want, CatalogTable have, HashSet<string> extraColumns, HashSet<string> missingColumns, List<Finding> findings)
    {
        var table = Name(want.Schema, want.Name);
        var qualified = Q(want.Schema, want.Name);
        var wantByName = want.Constraints.ToDictionary(c => c.Name);
        var haveByName = have.Constraints.ToDictionary(c => c.Name);

        foreach (var c in have.Constraints.Where(c => !wantByName.ContainsKey(c.Name) && !c.Columns.Any(extraColumns.Contains)))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ExtraConstraint,
                $"{Capitalise(words.Side.Name)} has {Describe(c)} `{c.Name}` on `{table}` that no migration creates: {c.Definition}.",
                $"constraint {table}.{c.Name}",
                Extra(words, $"ALTER TABLE {qualified} DROP CONSTRAINT {Q(c.Name)};", $"ALTER TABLE {qualified} ADD CONSTRAINT {Q(c.Name)} {c.Definition};")));
        }

        foreach (var c in want.Constraints.Where(c => !haveByName.ContainsKey(c.Name) && !c.Columns.Any(missingColumns.Contains)))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.MissingConstraint,
                $"{Capitalise(Describe(c))} `{c.Name}` on `{table}` is missing in {words.Side.Name}: the applied migrations create it ({c.Definition}).",
                $"constraint {table}.{c.Name}",
                Missing(words, $"ALTER TABLE {qualified} ADD CONSTRAINT {Q(c.Name)} {c.Definition};", $"ALTER TABLE {qualified} DROP CONSTRAINT {Q(c.Name)};")));
        }

        foreach (var w in want.Constraints)
        {
            if (haveByName.TryGetValue(w.Name, out var h) && (w.Kind != h.Kind || w.Definition != h.Definition))
            {
                var drop = $"ALTER TABLE {qualified} DROP CONSTRAINT {Q(w.Name)}; ALTER TABLE {qualified} ADD CONSTRAINT {Q(w.Name)} ";
                findings.Add(Finding.Error(
                    SchemaDriftCodes.ConstraintDiffers,
                    $"{Capitalise(Describe(w))} `{w.Name}` on `{table}` differs: expected {w.Definition}, {words.Side.Short} {h.Definition}.",
                    $"constraint {table}.{w.Name}",
                    Differs(words, drop + w.Definition + ";", drop + h.Definition + ";")));
            }
        }
    }

    static void CompareIndexes(Words words, CatalogTable want, CatalogTable have, HashSet<string> extraColumns, HashSet<string> missingColumns, List<Finding> findings)
    {
        var table = Name(want.Schema, want.Name);
        var wantByName = want.Indexes.ToDictionary(i => i.Name);
        var haveByName = have.Indexes.ToDictionary(i => i.Name);

        foreach (var i in have.Indexes.Where(i => !wantByName.ContainsKey(i.Name) && !Uses(i, extraColumns)))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ExtraIndex,
                $"{Capitalise(words.Side.Name)} has {(i.IsUnique ? "unique index" : "index")} `{i.Name}` on `{table}` ({string.Join(", ", i.Keys)}) that no migration creates.",
                $"index {Name(want.Schema, i.Name)}",
                Extra(words, $"DROP INDEX {Q(want.Schema, i.Name)};", i.CreateStatement + ";")));
        }

        foreach (var i in want.Indexes.Where(i => !haveByName.ContainsKey(i.Name) && !Uses(i, missingColumns)))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.MissingIndex,
                $"{(i.IsUnique ? "Unique index" : "Index")} `{i.Name}` on `{table}` ({string.Join(", ", i.Keys)}) is missing in {words.Side.Name}: the applied migrations create it.",
                $"index {Name(want.Schema, i.Name)}",
                Missing(words, i.CreateStatement + ";", $"DROP INDEX {Q(want.Schema, i.Name)};")));
        }

        foreach (var w in want.Indexes)
        {
            if (haveByName.TryGetValue(w.Name, out var h) && (w.IsUnique != h.IsUnique || w.Definition != h.Definition))
            {
                var drop = $"DROP INDEX {Q(want.Schema, w.Name)}; ";
                findings.Add(Finding.Error(
                    SchemaDriftCodes.IndexDiffers,
                    $"Index `{w.Name}` on `{table}` differs: expected {(w.IsUnique ? "UNIQUE " : "")}{w.Definition}, {words.Side.Short} {(h.IsUnique ? "UNIQUE " : "")}{h.Definition}.",
                    $"index {Name(want.Schema, w.Name)}",
                    Differs(words, drop + w.CreateStatement + ";", drop + h.CreateStatement + ";")));
            }
        }
    }

    static void CompareEnums(Words words, IReadOnlyList<CatalogEnum> expected, IReadOnlyList<CatalogEnum> actual, List<Finding> findings)
    {
        var wantByName = expected.ToDictionary(e => (e.Schema, e.Name));
        var haveByName = actual.ToDictionary(e => (e.Schema, e.Name));
        foreach (var e in actual.Where(e => !wantByName.ContainsKey((e.Schema, e.Name))))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ExtraEnum,
                $"{Capitalise(words.Side.Name)} has enum `{Name(e.Schema, e.Name)}` ({string.Join(", ", e.Values)}) that no migration creates.",
                $"enum {Name(e.Schema, e.Name)}",
                Extra(words, $"DROP TYPE {Q(e.Schema, e.Name)};", CreateEnum(e))));
        }

        foreach (var e in expected.Where(e => !haveByName.ContainsKey((e.Schema, e.Name))))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.MissingEnum,
                $"Enum `{Name(e.Schema, e.Name)}` is missing in {words.Side.Name}: the applied migrations create it.",
                $"enum {Name(e.Schema, e.Name)}",
                Missing(words, CreateEnum(e), $"DROP TYPE {Q(e.Schema, e.Name)};")));
        }

        foreach (var w in expected)
        {
            if (!haveByName.TryGetValue((w.Schema, w.Name), out var h) || w.Values.SequenceEqual(h.Values))
            {
                continue;
            }

            var name = Name(w.Schema, w.Name);
            var type = Q(w.Schema, w.Name);
            var extra = h.Values.Except(w.Values).ToList();
            var missing = w.Values.Except(h.Values).ToList();
            foreach (var value in extra)
            {
                findings.Add(Finding.Error(
                    SchemaDriftCodes.ExtraEnumValue,
                    $"Enum `{name}` has extra value `{value}` in {words.Side.Name} that no migration adds.",
                    $"enum {name}",
                    $"Capture it in a migration: add {FixText.Quote(value)} to enum {FixText.Quote(w.Name)} in schema.prisma, run npx prisma migrate dev --create-only, paste {FixText.Quote($"ALTER TYPE {type} ADD VALUE {Literal(value)};")} into its migration.sql, then {words.Resolve} <that migration>. "
                    + "PostgreSQL cannot drop an enum value; reverting means recreating the type without it (after moving rows off the value)."));
            }

            foreach (var value in missing)
            {
                findings.Add(Finding.Error(
                    SchemaDriftCodes.MissingEnumValue,
                    $"Enum `{name}` is missing value `{value}` in {words.Side.Name}: the applied migrations add it.",
                    $"enum {name}",
                    $"Restore it in {words.Side.Name}: {FixText.Quote($"ALTER TYPE {type} ADD VALUE {Literal(value)};")} (or, if it was removed on purpose, write a migration that recreates the type without it)."));
            }

            if (extra.Count == 0 && missing.Count == 0)
            {
                findings.Add(Finding.Error(
                    SchemaDriftCodes.EnumOrder,
                    $"Enum `{name}` has its values in another order: expected {string.Join(", ", w.Values)}, {words.Side.Short} {string.Join(", ", h.Values)}.",
                    $"enum {name}",
                    $"The order decides comparisons and sorting on the enum; recreate the type in {words.Side.Name} in the migrations' order, or capture the new order in a migration."));
            }
        }
    }

    static void CompareViews(Words words, IReadOnlyList<CatalogView> expected, IReadOnlyList<CatalogView> actual, List<Finding> findings)
    {
        var wantByName = expected.ToDictionary(v => (v.Schema, v.Name));
        var haveByName = actual.ToDictionary(v => (v.Schema, v.Name));
        foreach (var v in actual.Where(v => !wantByName.ContainsKey((v.Schema, v.Name))))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ExtraView,
                $"{Capitalise(words.Side.Name)} has {Kind(v)} `{Name(v.Schema, v.Name)}` that no migration creates.",
                $"view {Name(v.Schema, v.Name)}",
                Extra(words, DropView(v), CreateView(v, replace: false))));
        }

        foreach (var v in expected.Where(v => !haveByName.ContainsKey((v.Schema, v.Name))))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.MissingView,
                $"{Capitalise(Kind(v))} `{Name(v.Schema, v.Name)}` is missing in {words.Side.Name}: the applied migrations create it.",
                $"view {Name(v.Schema, v.Name)}",
                Missing(words, CreateView(v, replace: false), DropView(v))));
        }

        foreach (var w in expected)
        {
            if (haveByName.TryGetValue((w.Schema, w.Name), out var h) && (w.Materialized != h.Materialized || Squash(w.Definition) != Squash(h.Definition)))
            {
                findings.Add(Finding.Error(
                    SchemaDriftCodes.ViewDiffers,
                    $"{Capitalise(Kind(w))} `{Name(w.Schema, w.Name)}` differs: expected {Squash(w.Definition)}, {words.Side.Short} {Squash(h.Definition)}.",
                    $"view {Name(w.Schema, w.Name)}",
                    Differs(words, CreateView(w, replace: true), CreateView(h, replace: true))));
            }
        }
    }

    static void CompareSequences(Words words, IReadOnlyList<CatalogSequence> expected, IReadOnlyList<CatalogSequence> actual, List<Finding> findings, HashSet<(string, string?)> skippedOwners)
    {
        bool Skipped(CatalogSequence s) => s.OwnedByTable is { } t && (skippedOwners.Contains((t, null)) || skippedOwners.Contains((t, s.OwnedByColumn)));

        var wantByName = expected.ToDictionary(s => (s.Schema, s.Name));
        var haveByName = actual.ToDictionary(s => (s.Schema, s.Name));
        foreach (var s in actual.Where(s => !wantByName.ContainsKey((s.Schema, s.Name)) && !Skipped(s)))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ExtraSequence,
                $"{Capitalise(words.Side.Name)} has sequence `{Name(s.Schema, s.Name)}` that no migration creates.",
                $"sequence {Name(s.Schema, s.Name)}",
                Extra(words, $"DROP SEQUENCE {Q(s.Schema, s.Name)};", CreateSequence(s))));
        }

        foreach (var s in expected.Where(s => !haveByName.ContainsKey((s.Schema, s.Name)) && !Skipped(s)))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.MissingSequence,
                $"Sequence `{Name(s.Schema, s.Name)}` is missing in {words.Side.Name}: the applied migrations create it.",
                $"sequence {Name(s.Schema, s.Name)}",
                Missing(words, CreateSequence(s), $"DROP SEQUENCE {Q(s.Schema, s.Name)};")));
        }

        foreach (var w in expected)
        {
            if (haveByName.TryGetValue((w.Schema, w.Name), out var h) && SequenceSettings(w) != SequenceSettings(h))
            {
                findings.Add(Finding.Error(
                    SchemaDriftCodes.SequenceDiffers,
                    $"Sequence `{Name(w.Schema, w.Name)}` settings differ: expected {SequenceSettings(w)}, {words.Side.Short} {SequenceSettings(h)}.",
                    $"sequence {Name(w.Schema, w.Name)}",
                    Differs(words, $"ALTER SEQUENCE {Q(w.Schema, w.Name)} {SequenceSettings(w)};", $"ALTER SEQUENCE {Q(w.Schema, w.Name)} {SequenceSettings(h)};")));
            }
        }
    }

    static void CompareExtensions(Words words, IReadOnlyList<string> expected, IReadOnlyList<string> actual, List<Finding> findings)
    {
        // By name only: versions legitimately differ between production's server and a local shadow server.
        var want = expected.Where(e => e != Plpgsql).ToHashSet(StringComparer.Ordinal);
        var have = actual.Where(e => e != Plpgsql).ToHashSet(StringComparer.Ordinal);
        // An extra extension is a warning: managed hosts (Supabase, Azure, RDS) install their own, and no migration
        // depends on one it does not create. A missing one is an error: the migrations use it.
        foreach (var name in have.Where(e => !want.Contains(e)).Order(StringComparer.Ordinal))
        {
            findings.Add(Finding.Warning(
                SchemaDriftCodes.ExtraExtension,
                $"{Capitalise(words.Side.Name)} has extension `{name}` that no migration creates.",
                $"extension {name}",
                Extra(words, $"DROP EXTENSION {Q(name)};", CreateExtension(name))));
        }

        foreach (var name in want.Where(e => !have.Contains(e)).Order(StringComparer.Ordinal))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.MissingExtension,
                $"Extension `{name}` is missing in {words.Side.Name}: the applied migrations create it.",
                $"extension {name}",
                Missing(words, CreateExtension(name), $"DROP EXTENSION {Q(name)};")));
        }
    }

    static void CompareFunctions(Words words, IReadOnlyList<CatalogFunction> expected, IReadOnlyList<CatalogFunction> actual, List<Finding> findings)
    {
        var wantByKey = expected.ToDictionary(f => (f.Schema, f.Name, f.Arguments));
        var haveByKey = actual.ToDictionary(f => (f.Schema, f.Name, f.Arguments));
        foreach (var f in actual.Where(f => !wantByKey.ContainsKey((f.Schema, f.Name, f.Arguments))))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ExtraFunction,
                $"{Capitalise(words.Side.Name)} has {Kind(f)} `{Signature(f)}` that no migration creates.",
                $"{Kind(f)} {Signature(f)}",
                Extra(words, DropFunction(f), FunctionSql(f))));
        }

        foreach (var f in expected.Where(f => !haveByKey.ContainsKey((f.Schema, f.Name, f.Arguments))))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.MissingFunction,
                $"{Capitalise(Kind(f))} `{Signature(f)}` is missing in {words.Side.Name}: the applied migrations create it.",
                $"{Kind(f)} {Signature(f)}",
                Missing(words, FunctionSql(f), DropFunction(f))));
        }

        foreach (var w in expected)
        {
            if (!haveByKey.TryGetValue((w.Schema, w.Name, w.Arguments), out var h)
                || (w.IsProcedure == h.IsProcedure && Lines(w.Definition).SequenceEqual(Lines(h.Definition))))
            {
                continue;
            }

            // CREATE OR REPLACE cannot turn a function into a procedure or back.
            var kindChanged = w.IsProcedure != h.IsProcedure;
            findings.Add(Finding.Error(
                SchemaDriftCodes.FunctionDiffers,
                kindChanged
                    ? $"{Capitalise(Kind(w))} `{Signature(w)}` differs: expected a {Kind(w)}, {words.Side.Short} has a {Kind(h)}."
                    : $"{Capitalise(Kind(w))} `{Signature(w)}` differs {FirstDifference(Lines(w.Definition), Lines(h.Definition), words.Side.Short)}.",
                $"{Kind(w)} {Signature(w)}",
                Differs(words,
                    (kindChanged ? DropFunction(h) + " " : "") + FunctionSql(w),
                    (kindChanged ? DropFunction(w) + " " : "") + FunctionSql(h))));
        }
    }

    static void CompareTriggers(Words words, IReadOnlyList<CatalogTrigger> expected, IReadOnlyList<CatalogTrigger> actual, List<Finding> findings, HashSet<(string, string)> skippedTables)
    {
        // A trigger on a table that is itself extra or missing goes with the table (its create statement carries it).
        var wantByKey = expected.ToDictionary(t => (t.Schema, t.Table, t.Name));
        var haveByKey = actual.ToDictionary(t => (t.Schema, t.Table, t.Name));
        foreach (var t in actual.Where(t => !wantByKey.ContainsKey((t.Schema, t.Table, t.Name)) && !skippedTables.Contains((t.Schema, t.Table))))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.ExtraTrigger,
                $"{Capitalise(words.Side.Name)} has trigger `{t.Name}` on `{Name(t.Schema, t.Table)}` that no migration creates: {t.Definition}.",
                $"trigger {Name(t.Schema, t.Table)}.{t.Name}",
                Extra(words, DropTrigger(t), TriggerSql(t))));
        }

        foreach (var t in expected.Where(t => !haveByKey.ContainsKey((t.Schema, t.Table, t.Name)) && !skippedTables.Contains((t.Schema, t.Table))))
        {
            findings.Add(Finding.Error(
                SchemaDriftCodes.MissingTrigger,
                $"Trigger `{t.Name}` on `{Name(t.Schema, t.Table)}` is missing in {words.Side.Name}: the applied migrations create it ({t.Definition}).",
                $"trigger {Name(t.Schema, t.Table)}.{t.Name}",
                Missing(words, TriggerSql(t), DropTrigger(t))));
        }

        foreach (var w in expected)
        {
            if (!haveByKey.TryGetValue((w.Schema, w.Table, w.Name), out var h))
            {
                continue;
            }

            // pg_get_triggerdef leaves the state out: a trigger disabled by hand has the migrations' definition.
            var state = $"{Describe(h.State)} in {words.Side.Name}; the applied migrations leave it {Describe(w.State)}.";
            if (w.Definition != h.Definition)
            {
                var drop = DropTrigger(w) + " ";
                findings.Add(Finding.Error(
                    SchemaDriftCodes.TriggerDiffers,
                    $"Trigger `{w.Name}` on `{Name(w.Schema, w.Table)}` differs: expected {w.Definition}, {words.Side.Short} {h.Definition}."
                    + (w.State == h.State ? "" : " It is also " + state),
                    $"trigger {Name(w.Schema, w.Table)}.{w.Name}",
                    Differs(words, drop + TriggerSql(w), drop + TriggerSql(h))));
            }
            else if (w.State != h.State)
            {
                findings.Add(Finding.Error(
                    SchemaDriftCodes.TriggerDiffers,
                    $"Trigger `{w.Name}` on `{Name(w.Schema, w.Table)}` is {state}",
                    $"trigger {Name(w.Schema, w.Table)}.{w.Name}",
                    Differs(words, SetTriggerState(w), SetTriggerState(h))));
            }
        }
    }

    // Fix texts: the same two ways out for every finding. The SQL (names and definitions read from committed
    // migrations or from production) is shell-quoted, as every value a fix embeds, and no backquote is printed: a fix
    // pasted into a shell runs nothing it quotes.
    const string CaptureSteps = "run npx prisma migrate dev --create-only, paste {0} into its migration.sql and make schema.prisma match, then mark it applied in {2} with {1} <that migration>";

    static string Extra(Words words, string revert, string capture) =>
        $"Revert the manual change in {words.Side.Name}: {FixText.Quote(revert)} — or capture it in a migration: " + string.Format(CultureInfo.InvariantCulture, CaptureSteps, FixText.Quote(capture), words.Resolve, words.Side.Name) + ".";

    static string Missing(Words words, string restore, string capture) =>
        $"Restore it in {words.Side.Name}: {FixText.Quote(restore)} — or, if it was removed on purpose, capture that in a migration: " + string.Format(CultureInfo.InvariantCulture, CaptureSteps, FixText.Quote(capture), words.Resolve, words.Side.Name) + ".";

    static string Differs(Words words, string revert, string capture) =>
        $"Revert {words.Side.Name} to what the migrations say: {FixText.Quote(revert)} — or capture {words.Side.Name}'s version in a migration: " + string.Format(CultureInfo.InvariantCulture, CaptureSteps, FixText.Quote(capture), words.Resolve, words.Side.Name) + ".";

    static string Dependents(CatalogTable side, CatalogTable other, HashSet<string> columns)
    {
        var otherConstraints = other.Constraints.Select(c => c.Name).ToHashSet();
        var otherIndexes = other.Indexes.Select(i => i.Name).ToHashSet();
        var names = side.Constraints.Where(c => c.Columns.Any(columns.Contains) && !otherConstraints.Contains(c.Name)).Select(c => $"{Describe(c)} {c.Name}")
            .Concat(side.Indexes.Where(i => Uses(i, columns) && !otherIndexes.Contains(i.Name)).Select(i => $"index {i.Name}"))
            .ToList();
        return names.Count == 0 ? "" : $" (with {string.Join(", ", names)})";
    }

    static bool Uses(CatalogIndex index, HashSet<string> columns) =>
        columns.Count > 0 && index.Keys.Any(k => columns.Contains(k.Trim('"')) || columns.Any(c => k.Contains(Q(c), StringComparison.Ordinal)));

    static string Name(string schema, string name) => schema == Public ? name : schema + "." + name;

    /// <summary>The column a finding's location names (<c>column User.role</c>, <c>column audit.Log.at</c>), or null.</summary>
    public static CatalogColumn? ColumnAt(DatabaseCatalog catalog, string location)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Tables.SelectMany(t => t.Columns.Select(c => (Column: c, At: $"column {Name(t.Schema, t.Name)}.{c.Name}")))
            .FirstOrDefault(c => c.At == location).Column;
    }

    static string Q(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    static string Q(string schema, string name) => schema == Public ? Q(name) : Q(schema) + "." + Q(name);

    static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    static string Squash(string sql) => string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd(';');

    static string Describe(CatalogConstraint constraint) => constraint.Kind switch
    {
        ConstraintKind.PrimaryKey => "primary key",
        ConstraintKind.Unique => "unique constraint",
        ConstraintKind.ForeignKey => $"foreign key ({string.Join(", ", constraint.Columns)}) → {constraint.ReferencedTable}({string.Join(", ", constraint.ReferencedColumns ?? [])}) ON DELETE {constraint.OnDelete} ON UPDATE {constraint.OnUpdate}",
        ConstraintKind.Check => "check constraint",
        _ => "exclusion constraint",
    };

    static string Describe(CatalogColumn column) => column.Generated
        ? $"generated ({column.Default})"
        : column.Identity switch
        {
            ColumnIdentity.Always => "identity (always)",
            ColumnIdentity.ByDefault => "identity (by default)",
            _ => "a plain column",
        };

    static string Kind(CatalogView view) => view.Materialized ? "materialized view" : "view";

    static string ColumnSql(CatalogColumn column)
    {
        var text = new StringBuilder(Q(column.Name)).Append(' ').Append(column.Type);
        if (column.Generated)
        {
            text.Append(" GENERATED ALWAYS AS (").Append(column.Default).Append(") STORED");
        }
        else if (column.Default is not null)
        {
            text.Append(" DEFAULT ").Append(column.Default);
        }

        if (column.Identity != ColumnIdentity.None)
        {
            text.Append(column.Identity == ColumnIdentity.Always ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
        }

        if (column.NotNull)
        {
            text.Append(" NOT NULL");
        }

        return text.ToString();
    }

    // The table with its indexes and, from the same side's triggers, the ones on it.
    static string CreateTable(CatalogTable table, IReadOnlyList<CatalogTrigger> triggers)
    {
        var parts = table.Columns.Select(ColumnSql)
            .Concat(table.Constraints.Select(c => $"CONSTRAINT {Q(c.Name)} {c.Definition}"));
        var text = new StringBuilder($"CREATE TABLE {Q(table.Schema, table.Name)} ({string.Join(", ", parts)});");
        foreach (var index in table.Indexes)
        {
            text.Append(' ').Append(index.CreateStatement).Append(';');
        }

        foreach (var trigger in triggers.Where(t => t.Schema == table.Schema && t.Table == table.Name))
        {
            text.Append(' ').Append(TriggerSql(trigger));
        }

        return text.ToString();
    }

    static string CreateEnum(CatalogEnum e) => $"CREATE TYPE {Q(e.Schema, e.Name)} AS ENUM ({string.Join(", ", e.Values.Select(Literal))});";

    static string CreateView(CatalogView v, bool replace) => v.Materialized
        ? (replace ? DropView(v) + " " : "") + $"CREATE MATERIALIZED VIEW {Q(v.Schema, v.Name)} AS {Squash(v.Definition)};"
        : $"CREATE {(replace ? "OR REPLACE " : "")}VIEW {Q(v.Schema, v.Name)} AS {Squash(v.Definition)};";

    static string DropView(CatalogView v) => $"DROP {(v.Materialized ? "MATERIALIZED VIEW" : "VIEW")} {Q(v.Schema, v.Name)};";

    static string SequenceSettings(CatalogSequence s) => string.Create(
        CultureInfo.InvariantCulture,
        $"AS {s.DataType} INCREMENT BY {s.Increment} MINVALUE {s.Min} MAXVALUE {s.Max} START WITH {s.Start} {(s.Cycle ? "CYCLE" : "NO CYCLE")}");

    static string CreateSequence(CatalogSequence s) => $"CREATE SEQUENCE {Q(s.Schema, s.Name)} {SequenceSettings(s)};";

    static string CreateExtension(string name) => $"CREATE EXTENSION IF NOT EXISTS {Q(name)};";

    static string Kind(CatalogFunction function) => function.IsProcedure ? "procedure" : "function";

    static string Signature(CatalogFunction function) => $"{Name(function.Schema, function.Name)}({function.Arguments})";

    static string DropFunction(CatalogFunction f) => $"DROP {(f.IsProcedure ? "PROCEDURE" : "FUNCTION")} {Q(f.Schema, f.Name)}({f.Arguments});";

    // pg_get_functiondef's text as it is (a body's line breaks matter: `--` comments), ended by a semicolon.
    static string FunctionSql(CatalogFunction f) => f.Definition.TrimEnd() + ";";

    // A definition's lines without trailing blanks or line-ending differences: the body is the migration's own text.
    static string[] Lines(string definition) => definition.ReplaceLineEndings("\n").Trim('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();

    static string FirstDifference(string[] want, string[] have, string actual)
    {
        var line = 0;
        while (line < want.Length && line < have.Length && want[line] == have[line])
        {
            line++;
        }

        static string At(string[] lines, int line) => line < lines.Length ? $"`{lines[line].Trim()}`" : "no line";
        return string.Create(CultureInfo.InvariantCulture, $"from line {line + 1} of its definition on: expected {At(want, line)}, {actual} {At(have, line)}");
    }

    static string DropTrigger(CatalogTrigger t) => $"DROP TRIGGER {Q(t.Name)} ON {Q(t.Schema, t.Table)};";

    // CREATE TRIGGER makes an enabled trigger; any other state takes an ALTER TABLE after it.
    static string TriggerSql(CatalogTrigger t) => t.Definition + ";" + (t.State == TriggerState.Enabled ? "" : " " + SetTriggerState(t));

    static string SetTriggerState(CatalogTrigger t)
    {
        var keyword = t.State switch
        {
            TriggerState.Disabled => "DISABLE",
            TriggerState.Replica => "ENABLE REPLICA",
            TriggerState.Always => "ENABLE ALWAYS",
            _ => "ENABLE",
        };
        return $"ALTER TABLE {Q(t.Schema, t.Table)} {keyword} TRIGGER {Q(t.Name)};";
    }

    static string Describe(TriggerState state) => state switch
    {
        TriggerState.Disabled => "disabled",
        TriggerState.Replica => "enabled only for replica sessions (ENABLE REPLICA)",
        TriggerState.Always => "enabled always, replica sessions included (ENABLE ALWAYS)",
        _ => "enabled",
    };

    static string DefaultSql(string alter, string? value) => value is null ? $"{alter} DROP DEFAULT;" : $"{alter} SET DEFAULT {value};";

    // SQL that turns column `from` into column `to` as far as identity and defaults go.
    static string IdentitySql(string alter, CatalogColumn from, CatalogColumn to)
    {
        var steps = new List<string>();
        if (from.Identity != ColumnIdentity.None && to.Identity == ColumnIdentity.None)
        {
            steps.Add($"{alter} DROP IDENTITY;");
        }
        else if (from.Identity == ColumnIdentity.None && to.Identity != ColumnIdentity.None)
        {
            steps.Add($"{alter} ADD GENERATED {(to.Identity == ColumnIdentity.Always ? "ALWAYS" : "BY DEFAULT")} AS IDENTITY;");
        }
        else if (from.Identity != to.Identity)
        {
            steps.Add($"{alter} SET GENERATED {(to.Identity == ColumnIdentity.Always ? "ALWAYS" : "BY DEFAULT")};");
        }

        if (from.Generated != to.Generated)
        {
            steps.Add(to.Generated ? "-- recreate the column as GENERATED ALWAYS AS (" + to.Default + ") STORED" : $"{alter} DROP EXPRESSION;");
        }

        return string.Join(' ', steps);
    }
}
