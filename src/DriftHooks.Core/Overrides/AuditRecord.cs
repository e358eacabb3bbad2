using System.Text.Json.Serialization;

namespace DriftHooks.Core.Overrides;

/// <summary>One line of <c>audit.log</c>, as read back: Serilog's compact JSON, its timestamp under <c>@t</c>.</summary>
internal sealed record AuditRecord(
    [property: JsonPropertyName("@t")] DateTimeOffset Time,
    string Action,
    string Hook,
    string User,
    string Branch,
    string? Reason,
    IReadOnlyList<AuditFinding> Findings);

/// <summary>A finding as the audit keeps it: what was let through or refused, and where.</summary>
internal sealed record AuditFinding(string Code, string Severity, string? Location, string Message);

/// <summary>Source-generated (native-AOT safe) JSON for reading the audit log back.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AuditRecord))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
