using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Range;

/// <summary>A finding and the commit it was found in.</summary>
internal sealed record CommitFinding(CommitInfo Commit, Finding Finding);
