namespace DriftHooks.Core.Git;

/// <summary>One file that differs between two snapshots (a tree and the index, or two trees).</summary>
internal sealed record FileChange(string Path, ChangeKind Kind, string? OldId, string? NewId);
