namespace DriftHooks.Core.Doctor;

/// <summary>How one checklist item came out: only <see cref="Fail"/> fails the checklist.</summary>
public enum DoctorStatus
{
    Pass,
    Warn,
    Fail,
    Skip,
}
