using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Overrides;

/// <summary>One audited event: an override (with its reason) or a block.</summary>
internal sealed record AuditEntry(string Action, string Hook, string User, string Branch, string? Reason, IReadOnlyList<Finding> Findings)
{
    public bool Overridden => Reason is not null;
}
