using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Rules;

/// <summary>The three-way picture: one row per migration, the two databases as they were read, findings, and the exit code.</summary>
internal sealed record ThreeWayReport(
    IReadOnlyList<ThreeWayRow> Rows,
    DatabaseSide Local,
    DatabaseSide Production,
    IReadOnlyList<Finding> Findings,
    int ExitCode)
{
    public bool InSync => ExitCode == ExitCodes.Passed;

    /// <summary>How many rows have each state in one place (states that occur only).</summary>
    public IReadOnlyList<(PlaceState State, int Count)> Counts(Func<ThreeWayRow, PlaceState> place) =>
        [.. Rows.GroupBy(place).Where(g => g.Key is not PlaceState.Absent and not PlaceState.Unknown).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))];
}
