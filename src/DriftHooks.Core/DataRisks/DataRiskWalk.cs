using DriftHooks.Core.Catalog;
using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.DataRisks;

/// <summary>What a walk found to ask production, and what it could not check.</summary>
internal sealed record DataRiskPlan(IReadOnlyList<DataQuestion> Questions, IReadOnlyList<DataUnchecked> Unchecked)
{
    public bool IsEmpty => Questions.Count == 0 && Unchecked.Count == 0;
}

/// <summary>
/// Walks the statements of the migrations a deploy would run, in its order, over production's catalog, and turns each
/// statement that can fail on existing rows (or drop data) into a read-only question: a column added NOT NULL without
/// a default, <c>SET NOT NULL</c>, unique indexes, unique constraints and primary keys, enum values removed by Prisma's
/// type swap, type changes, foreign keys, CHECK constraints, drops. It follows what the push itself does to the data:
/// tables it creates are empty, columns it adds hold NULL or their default until a plain <c>UPDATE … SET c = …</c>
/// backfills them, and any other data change on a table makes what follows on that table "cannot tell". Expressions
/// taken from a migration reach a question only when made of the table's columns, constants and operators.
/// Pure: no I/O; <see cref="Prisma.Ddl.DdlInterpreter"/> keeps the model (types, enum values) between statements, and
/// <see cref="DataRiskWalker"/> is the walk itself.
/// </summary>
internal static class DataRiskWalk
{
    /// <summary>
    /// The questions for <paramref name="pending"/> (migration name, script; in deploy order) over
    /// <paramref name="catalog"/>, production's catalog of <paramref name="defaultSchema"/> (the URL's schema).
    /// <paramref name="inputValidity"/>: the server has <c>pg_input_is_valid</c> (PostgreSQL 16+).
    /// </summary>
    public static DataRiskPlan Walk(DatabaseCatalog catalog, string defaultSchema, IReadOnlyList<(string Migration, string Script)> pending, bool inputValidity)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(pending);
        var walker = new DataRiskWalker(catalog, defaultSchema, inputValidity, assumeFilled: false);
        walker.Run(pending.Select(p => (p.Migration, new SqlScript(p.Script))));
        return new DataRiskPlan(walker.Questions, walker.Unchecked);
    }

    /// <summary>
    /// Offline, without production: the lines of <paramref name="script"/> whose statements production would be asked
    /// about at push (every table not created by the script itself is taken to hold rows), with what each does.
    /// </summary>
    public static IReadOnlyList<(int Line, string What)> RiskyStatements(string migration, string script) =>
        RiskyStatements(migration, new SqlScript(script));

    /// <inheritdoc cref="RiskyStatements(string, string)"/>
    public static IReadOnlyList<(int Line, string What)> RiskyStatements(string migration, SqlScript script)
    {
        var walker = new DataRiskWalker(DatabaseCatalog.Empty, "public", inputValidity: true, assumeFilled: true);
        walker.Run([(migration, script)]);
        return walker.Questions.Where(q => q.Kind != DataRiskKind.DataLoss).Select(q => (q.Line, q.What))
            .Concat(walker.Unchecked.Select(u => (u.Line, u.What)))
            .DistinctBy(r => r.Line).OrderBy(r => r.Line).ToList();
    }

    /// <summary>How many rows a question counts at most; the next one says "more than".</summary>
    public const int Cap = 10_000;
}
