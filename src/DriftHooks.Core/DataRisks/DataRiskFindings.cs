using System.Globalization;
using DriftHooks.Core.Findings;
using DriftHooks.Core.SqlText;

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

        findings.AddRange(Unchecked(plan, migrationsPath));
        return findings;
    }

    /// <summary>
    /// With <c>Production:DataChecks</c> false: what production's statistics say about each risky statement, as warnings
    /// that never refuse (an estimate is no proof); a table the statistics say is empty, a column they say holds no
    /// NULL or no repeated value, gets none. A drop's estimated loss is DH511, as a counted one is.
    /// </summary>
    public static IReadOnlyList<Finding> OfStatistics(DataRiskPlan plan, IReadOnlyList<DataEstimate> estimates, string migrationsPath)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(estimates);
        var findings = new List<Finding>();
        foreach (var estimate in estimates)
        {
            var q = estimate.Question;
            var location = $"{migrationsPath}/{q.Migration}/migration.sql:{q.Line}";
            if (EstimateSays(estimate) is not { } says)
            {
                continue;
            }

            findings.Add(q.Kind == DataRiskKind.DataLoss
                ? Finding.Warning(DataRiskCodes.DataLoss, $"{q.Migration} line {q.Line} {q.What}, which {says}: they are lost when it deploys.", location)
                : Finding.Warning(
                    DataRiskCodes.StatisticsOnly,
                    $"{q.Migration} line {q.Line} {q.What}: production's rows were not asked (Production:DataChecks is false), and its statistics {says}, so prisma migrate deploy may fail on it.",
                    location,
                    "look at those rows yourself before deploying, or let DriftHooks count them read-only: \"Production\": { \"DataChecks\": true }"));
        }

        findings.AddRange(Unchecked(plan, migrationsPath));
        return findings;
    }

    // What the estimates say is in the way, in words; null when they say nothing is (an analyzed empty table, no NULL,
    // every value distinct).
    static string? EstimateSays(DataEstimate e)
    {
        var q = e.Question;
        if (e.Rows is not { } rows)
        {
            return q.Kind == DataRiskKind.DataLoss
                ? $"may hold data in production (its statistics do not say how many rows {q.Table} holds: never analyzed)"
                : $"do not say how many rows {q.Table} holds (never analyzed)";
        }

        if (rows < 0.5)
        {
            return null;
        }

        var column = q.Columns.Count > 0 ? $"\"{q.Columns[0]}\"" : "";
        var nonNull = rows * (1 - (e.NullFraction ?? 0));
        return q.Kind switch
        {
            DataRiskKind.DataLoss when q.Columns.Count == 0 => $"holds about {About(rows)} rows in production (by its statistics)",
            DataRiskKind.DataLoss when e.NullFraction is null => $"may hold values in production: its table holds about {About(rows)} rows (by its statistics)",
            DataRiskKind.DataLoss => nonNull < 0.5 ? null : $"holds about {About(nonNull)} values in production (by its statistics)",
            DataRiskKind.NotNull when e.NullFraction is { } fraction => rows * fraction < 0.5 ? null : $"estimate about {About(rows * fraction)} rows of {q.Table} holding NULL in {column}",
            DataRiskKind.Duplicates when q.Columns.Count == 1 && e.Distinct is { } distinct =>
                Distinct(distinct, rows) >= nonNull * 0.999 ? null : $"estimate about {About(Distinct(distinct, rows))} distinct values of {column} among about {About(nonNull)} rows that hold one",
            _ => $"estimate {q.Table} at about {About(rows)} rows, none of which was looked at",
        };
    }

    // PostgreSQL's n_distinct: a count, or (negative) minus the fraction of rows.
    static double Distinct(double distinct, double rows) => distinct < 0 ? -distinct * rows : distinct;

    static string About(double estimate) => Math.Round(estimate).ToString("N0", CultureInfo.InvariantCulture);

    static IEnumerable<Finding> Unchecked(DataRiskPlan plan, string migrationsPath) =>
        plan.Unchecked.Select(skipped => Finding.Warning(
            DataRiskCodes.CannotTell,
            $"Not checked against production's data: {skipped.Migration} line {skipped.Line} {skipped.What}: {skipped.Why}.",
            $"{migrationsPath}/{skipped.Migration}/migration.sql:{skipped.Line}"));

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
    static string SqlName(string table) => string.Join('.', table.Split('.', 2).Select(Sql.QuoteIdentifier));

    static string Rows(long count) => count > DataRiskWalk.Cap
        ? "more than " + DataRiskWalk.Cap.ToString("N0", CultureInfo.InvariantCulture)
        : count.ToString("N0", CultureInfo.InvariantCulture);

    static string Plural(long count, string noun) => count == 1 ? noun : noun + "s";
}
