using System.Globalization;
using Npgsql;

namespace DriftHooks.Core.DataRisks;

/// <summary>
/// Asks production the questions of a <see cref="DataRiskPlan"/>, one at a time, inside the read-only transaction of the
/// connection the push already holds: each under a savepoint with its own <c>statement_timeout</c> and
/// <c>lock_timeout</c>, so that a question that times out (or a table the role may not read) costs that answer only.
/// </summary>
internal static class DataQuestions
{
    const string Savepoint = "drifthooks_question";

    public static async Task<IReadOnlyList<DataAnswer>> AskAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DataQuestion> questions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var answers = new List<DataAnswer>(questions.Count);
        var milliseconds = Math.Max(1, (long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        foreach (var question in questions)
        {
            await transaction.SaveAsync(Savepoint, cancellationToken).ConfigureAwait(false);
            try
            {
                await using var command = new NpgsqlCommand(
                    $"SET LOCAL statement_timeout = {milliseconds}; SET LOCAL lock_timeout = {milliseconds}; {question.Sql}", connection, transaction);
                var count = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                answers.Add(new DataAnswer(question, count));
            }
            catch (PostgresException e) when (Why(e, timeout) is { } why)
            {
                answers.Add(new DataAnswer(question, null, why));
            }
            finally
            {
                // Undoes the SET LOCALs and, after an error, the aborted state: the next question starts clean.
                await transaction.RollbackAsync(Savepoint, cancellationToken).ConfigureAwait(false);
                await transaction.ReleaseAsync(Savepoint, cancellationToken).ConfigureAwait(false);
            }
        }

        return answers;
    }

    static string? Why(PostgresException e, TimeSpan timeout) => e.SqlState switch
    {
        PostgresErrorCodes.QueryCanceled => $"production did not answer within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (Production:DataCheckTimeoutSeconds)",
        PostgresErrorCodes.LockNotAvailable => "the table is locked in production",
        PostgresErrorCodes.InsufficientPrivilege => "production's role may not read the table (no SELECT)",
        PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn or PostgresErrorCodes.UndefinedFunction => "production has no such table or column",
        _ => $"production could not answer ({e.SqlState})",
    };
}
