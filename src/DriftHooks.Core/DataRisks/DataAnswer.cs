namespace DriftHooks.Core.DataRisks;

/// <summary>
/// Production's answer to one <see cref="DataQuestion"/>: the rows in the way (up to <see cref="DataRiskWalk.Cap"/> + 1),
/// or why it gave none (<see cref="Unanswered"/>: a timeout, a role without SELECT on the table).
/// </summary>
internal sealed record DataAnswer(DataQuestion Question, long? Count, string? Unanswered = null);
