namespace DriftHooks.Core.Hooks;

/// <summary>
/// A commit whose migrations are compared with production: its id, how messages name it ("the push of main"),
/// and how to name it when it is missing ("The pushed commit 1a2b… (refs/heads/main)").
/// </summary>
public sealed record CommitToCompare(string Sha, string Label, string Describe);
