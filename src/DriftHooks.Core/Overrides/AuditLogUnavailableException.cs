using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Overrides;

/// <summary>
/// The audit record could not be written. An override that is not on record is no override, so whoever asked for
/// one is refused with this message.
/// </summary>
internal sealed class AuditLogUnavailableException(string message, Exception? inner = null)
    : DriftHooksException(message, ExitCodes.ResourceUnavailable, inner);
