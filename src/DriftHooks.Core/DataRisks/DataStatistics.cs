using Npgsql;

namespace DriftHooks.Core.DataRisks;

/// <summary>
/// What production's planner statistics say about one question's table and first column: the catalog's estimates only
/// (<c>pg_class.reltuples</c>, <c>pg_stats.null_frac</c> and <c>n_distinct</c>), never a row of the table.
/// </summary>
/// <param name="Rows">The estimated row count; null when the table was never analyzed (or is not there).</param>
/// <param name="NullFraction">The fraction of rows NULL in the first column; null without its statistics.</param>
/// <param name="Distinct">Its distinct values: a count, or minus a fraction of the rows (PostgreSQL's form); null without.</param>
internal sealed record DataEstimate(DataQuestion Question, double? Rows, double? NullFraction, double? Distinct);

/// <summary>
/// Reads the estimates for a plan's questions when <c>Production:DataChecks</c> is false: the team does not let
/// DriftHooks read table contents, and the statistics PostgreSQL keeps in its catalog are all that is read.
/// </summary>
internal static class DataStatistics
{
    // One row per table; the column's statistics where the role may read them (pg_stats shows only those), the
    // table's own before an inheritance parent's.
    const string Query = """
        SELECT c.reltuples::float8, s.null_frac::float8, s.n_distinct::float8
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = @column
        WHERE n.nspname = @schema AND c.relname = @table
        ORDER BY s.inherited
        LIMIT 1
        """;

    public static async Task<IReadOnlyList<DataEstimate>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DataQuestion> questions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var estimates = new List<DataEstimate>(questions.Count);
        foreach (var question in questions)
        {
            await using var command = new NpgsqlCommand(Query, connection, transaction);
            command.Parameters.AddWithValue("schema", question.Relation.Schema);
            command.Parameters.AddWithValue("table", question.Relation.Name);
            command.Parameters.AddWithValue("column", question.Columns.Count > 0 ? question.Columns[0] : "");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                estimates.Add(new DataEstimate(question, null, null, null));
                continue;
            }

            // reltuples is -1 for a table never analyzed (PostgreSQL 14+); older servers say 0 with relpages 0.
            var rows = reader.GetDouble(0);
            estimates.Add(new DataEstimate(
                question,
                rows < 0 ? null : rows,
                reader.IsDBNull(1) ? null : reader.GetDouble(1),
                reader.IsDBNull(2) ? null : reader.GetDouble(2)));
        }

        return estimates;
    }
}
