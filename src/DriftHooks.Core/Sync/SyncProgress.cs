namespace DriftHooks.Core.Sync;

/// <summary>Progress of a sync: migration <paramref name="Index"/> of <paramref name="Total"/> starts (Duration null) or has finished.</summary>
internal sealed record SyncProgress(int Index, int Total, string Name, TimeSpan? Duration);
