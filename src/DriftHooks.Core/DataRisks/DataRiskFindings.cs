using System.Globalization;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.DataRisks;

/// <summary>
/// Turns production's answers into findings: a count above zero for a statement that needs none is a certain deploy
/// failure (an error naming the migration, line, table and columns and how many rows are in the way, never a value);
/// an unanswered question or an unchecked statement is one warning; a drop that loses values is a warning with their
/// count. Pure.
/// </summary>
internal static class DataRiskFindings
{
    /// <param name="migrationsPath">The project's migrations folder, for locations and fixes.</param>
    /// <param name="schemaPath">The project's schema, for fixes.</param>
    /// <param name="production">How a shell command reaches production's URL (<c>"$DRIFTHOOKS_PRODUCTION_URL"</c>, or a placeholder).</param>
    public static IReadOnlyList<Finding> Of(DataRiskPlan plan, IReadOnlyList<DataAnswer> answers, string migrationsPath, string schemaPath, string production)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(answers);
        var findings = new List<Finding>();
        foreach (var answer in answers)
        {
            var q = answer.Question;
            var file = $"{migrationsPath}/{q.Migration}/migration.sql";
            var location = $"{file}:{q.Line}";
            if (answer.Count is not { } count)
            {
                findings.Add(Finding.Warning(DataRiskCodes.CannotTell, $"Not checked against production's data: {q.Migration} line {q.Line} {q.What}: {answer.Unanswered}.", location));
                continue;
            }

            if (count == 0)
            {
                continue;
            }

            var n = Rows(count);
            var columns = string.Join(", ", q.Columns.Select(c => "\"" + c + "\""));
            if (q.Kind == DataRiskKind.DataLoss)
            {
                findings.Add(Finding.Warning(
                    DataRiskCodes.DataLoss,
                    q.Columns.Count == 0
                        ? $"{q.Migration} line {q.Line} {q.What}, which holds {n} {(count == 1 ? "row" : "rows")} in production: they are lost when it deploys."
                        : $"{q.Migration} line {q.Line} {q.What}, which holds {n} {(count == 1 ? "value" : "values")} in production: they are lost when it deploys.",
                    location,
                    $"if the data must stay, copy it first or keep the {(q.Columns.Count == 0 ? "table" : "column")}: rewrite {FixText.Quote(file)} before it is pushed, then git commit -a --amend --no-edit"));
                continue;
            }

            var (code, why) = q.Kind switch
            {
                DataRiskKind.RequiredColumn => (DataRiskCodes.RequiredColumnOnFilledTable, $"{q.Table} has {n} {Plural(count, "row")} in production, which would get NULL (23502)"),
                DataRiskKind.NotNull => (DataRiskCodes.NotNullOverNulls, $"{n} {Plural(count, "row")} of {q.Table} in production hold NULL in {columns} (23502)"),
                DataRiskKind.Duplicates => (DataRiskCodes.UniqueOverDuplicates, $"{n} {(count == 1 ? "value" : "values")} of {columns} in {q.Table} in production {(count == 1 ? "is" : "are")} held by more than one row (23505)"),
                DataRiskKind.EnumValue => (DataRiskCodes.EnumValueInUse, $"{n} {Plural(count, "row")} of {q.Table} in production hold {(count == 1 ? "it" : "them")} (22P02)"),
                DataRiskKind.TypeChange => (DataRiskCodes.TypeChangeFails, $"{n} {(count == 1 ? "value" : "values")} of {columns} in production do not fit the new type"),
                DataRiskKind.ForeignKey => (DataRiskCodes.ForeignKeyOverOrphans, $"{n} {Plural(count, "row")} of {q.Table} in production reference a row that is missing (23503)"),
                _ => (DataRiskCodes.CheckViolated, $"{n} {Plural(count, "row")} of {q.Table} in production violate it (23514)"),
            };
            findings.Add(Finding.Error(
                code,
                $"{q.Migration} line {q.Line} {q.What}, but {why}: prisma migrate deploy will fail on it in production, and stop every later deploy until someone repairs it by hand (P3009).",
                location,
                Fix(q, file, schemaPath, production)));
        }

        foreach (var skipped in plan.Unchecked)
        {
            findings.Add(Finding.Warning(
                DataRiskCodes.CannotTell,
                $"Not checked against production's data: {skipped.Migration} line {skipped.Line} {skipped.What}: {skipped.Why}.",
                $"{migrationsPath}/{skipped.Migration}/migration.sql:{skipped.Line}"));
        }

        return findings;
    }

    // The migration is not deployed yet: the step that makes it deployable is an edit of it (amended into its commit),
    // or a repair of production's rows the user makes, listing them read-only first.
    static string Fix(DataQuestion q, string file, string schemaPath, string production)
    {
        var quotedFile = FixText.Quote(file);
        var column = q.Columns.Count > 0 ? "\"" + q.Columns[0] + "\"" : "";
        var list = q.Listing is null ? "" : $"list them, read-only: psql {production} -c {FixText.Quote(q.Listing)}, then ";
        const string Commit = "then git commit -a --amend --no-edit (the migration is not deployed yet), then push again";
        return q.Kind switch
        {
            DataRiskKind.RequiredColumn =>
                $"give {column} a default: in {quotedFile} at line {q.Line} add DEFAULT <value> after NOT NULL, and @default(<value>) to the field in {FixText.Quote(schemaPath)}, {Commit}"
                + $" (or add it optional, fill it with UPDATE and require it with SET NOT NULL in a later migration)",
            DataRiskKind.NotNull =>
                $"{list}fill them first: in {quotedFile} before line {q.Line} add UPDATE {SqlName(q.Table)} SET {column} = <value> WHERE {column} IS NULL;, {Commit}",
            DataRiskKind.Duplicates =>
                $"{list}delete or repair the duplicates in production so that each value is held by one row, then push again",
            DataRiskKind.EnumValue =>
                $"{list}move those rows to a value that stays: in {quotedFile} before line {q.Line} add UPDATE {SqlName(q.Table)} SET {column} = '<kept value>' WHERE {column} = '<removed value>';, {Commit}",
            DataRiskKind.TypeChange =>
                $"{list}shorten or repair those values in production, or keep a type that holds them in {FixText.Quote(schemaPath)} and {quotedFile}, then push again",
            DataRiskKind.ForeignKey =>
                $"{list}set those references to NULL or delete those rows in production (or create the rows they reference), then push again",
            _ => $"{list}repair the rows that violate it in production, or add the constraint NOT VALID in {quotedFile}, then push again",
        };
    }

    // The display name (public tables unqualified) as SQL.
    static string SqlName(string table) => string.Join('.', table.Split('.', 2).Select(Database.Sql.QuoteIdentifier));

    static string Rows(long count) => count > DataRiskWalk.Cap
        ? "more than " + DataRiskWalk.Cap.ToString("N0", CultureInfo.InvariantCulture)
        : count.ToString("N0", CultureInfo.InvariantCulture);

    static string Plural(long count, string noun) => count == 1 ? noun : noun + "s";
}
