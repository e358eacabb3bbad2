namespace DriftHooks.Core.Doctor;

/// <summary>How one checklist item came out: only <see cref="Fail"/> fails the checklist.</summary>
internal enum DoctorStatus
{
    Pass,
    Warn,
    Fail,
    Skip,
}
