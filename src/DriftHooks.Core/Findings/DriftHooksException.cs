namespace DriftHooks.Core.Findings;

/// <summary>
/// A failure the user must act on, carrying the exit code it maps to. Messages are one paragraph,
/// safe to print (no passwords), and say what to do.
/// </summary>
internal class DriftHooksException(string message, int exitCode, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
