namespace DriftHooks.Core.Findings;

/// <summary>How much a finding matters: an error refuses, a warning and a note only inform.</summary>
internal enum Severity
{
    Note,
    Warning,
    Error,
}
