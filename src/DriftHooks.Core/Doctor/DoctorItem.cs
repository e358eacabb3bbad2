namespace DriftHooks.Core.Doctor;

/// <summary>One line of the pre-development checklist: what was checked, how it came out, and the fix when it did not pass.</summary>
internal sealed record DoctorItem(string Id, string Title, DoctorStatus Status, string Detail, string? Fix = null);
