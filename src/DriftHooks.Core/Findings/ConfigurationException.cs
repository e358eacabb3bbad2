namespace DriftHooks.Core.Findings;

/// <summary>Bad usage or configuration: exit code 2.</summary>
internal class ConfigurationException(string message, Exception? inner = null)
    : DriftHooksException(message, ExitCodes.UsageOrConfiguration, inner);
