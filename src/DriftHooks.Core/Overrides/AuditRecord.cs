using System.Text.Json.Serialization;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Overrides;

/// <summary>One line of <c>audit.log</c>, as written: a JSON object whose strings are all escaped.</summary>
internal sealed record AuditRecord(
    DateTimeOffset Time,
    string Action,
    string Hook,
    string User,
    string Branch,
    string? Reason,
    IReadOnlyList<AuditFinding> Findings)
{
    public static AuditRecord From(AuditEntry entry, DateTimeOffset time) => new(
        time,
        entry.Action,
        entry.Hook,
        entry.User,
        entry.Branch,
        entry.Reason,
        [.. entry.Findings.Select(f => new AuditFinding(f.Code, f.Severity.ToString().ToLowerInvariant(), f.Location, f.Message))]);
}

/// <summary>A finding as the audit keeps it: what was let through or refused, and where.</summary>
internal sealed record AuditFinding(string Code, string Severity, string? Location, string Message);

/// <summary>Source-generated (native-AOT safe) JSON for the audit log: one compact object per line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(AuditRecord))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
