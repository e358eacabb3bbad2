namespace DriftHooks.Core.Production;

/// <summary>
/// A commit whose migrations are compared with production: its id, how messages name it ("the push of main"),
/// and how to name it when it is missing ("The pushed commit 1a2b… (refs/heads/main)"), and the branch it is the tip
/// of (<c>refs/heads/feature</c>, local or the one CI names; null: HEAD's), whose own pushed copy is no other place
/// that has a migration.
/// </summary>
internal sealed record CommitToCompare(string Sha, string Label, string Describe, string? Branch = null);
