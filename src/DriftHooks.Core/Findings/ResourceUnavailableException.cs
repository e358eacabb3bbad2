namespace DriftHooks.Core.Findings;

/// <summary>A required resource (database, repository, file) could not be read: exit code 3.</summary>
internal sealed class ResourceUnavailableException(string message, Exception? inner = null)
    : DriftHooksException(message, ExitCodes.ResourceUnavailable, inner);
