namespace DriftHooks.Core.DataRisks;

/// <summary>
/// One read-only question for production about one statement of a pending migration: <see cref="Sql"/> returns one row,
/// the number of rows in the way (counted up to <see cref="DataQuestions.Cap"/> + 1). Names are production's, quoted.
/// </summary>
/// <param name="Migration">The migration folder's name.</param>
/// <param name="Line">The statement's first line in migration.sql.</param>
/// <param name="Table">The table as messages show it.</param>
/// <param name="Columns">The columns as messages show them (empty for a whole table).</param>
/// <param name="What">What the statement does, for the message ("adds the required column \"name\"").</param>
/// <param name="Listing">A read-only SELECT that lists the rows in the way, for the user to run; null when none is printed.</param>
/// <param name="Relation">The table's schema and name in production, for its statistics.</param>
internal sealed record DataQuestion(
    DataRiskKind Kind,
    string Migration,
    int Line,
    string Table,
    IReadOnlyList<string> Columns,
    string What,
    string Sql,
    string? Listing,
    (string Schema, string Name) Relation);

/// <summary>A statement whose effect on production's data is not checked, and why: one warning line.</summary>
internal sealed record DataUnchecked(string Migration, int Line, string What, string Why);
