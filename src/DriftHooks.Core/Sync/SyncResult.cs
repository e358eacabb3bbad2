using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Sync;

/// <summary>What <c>drifthooks sync</c> did: its plan, the backup taken, and each migration applied with its duration.</summary>
internal sealed record SyncResult(SyncPlan Plan, string? BackupPath, IReadOnlyList<(string Name, TimeSpan Duration)> Applied, bool Cancelled);
