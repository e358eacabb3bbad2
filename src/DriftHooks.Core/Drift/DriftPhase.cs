namespace DriftHooks.Core.Drift;

/// <summary>How long one phase of the drift check took (phases marked concurrent overlapped others).</summary>
internal sealed record DriftPhase(string Name, TimeSpan Elapsed);
