using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Check;

/// <summary>A finding and the commit it was found in.</summary>
internal sealed record CommitFinding(CommitInfo Commit, Finding Finding);
