namespace DriftHooks.Core.Doctor;

/// <param name="Fetch">Run <c>git fetch</c> before comparing with the upstream branch.</param>
/// <param name="BinariesDirectory">Where the native hooks of this drifthooks build are (beside the executable), to tell whether the installed ones are current.</param>
/// <param name="Now">The clock, for the age of backups.</param>
public sealed record DoctorRequest(bool Fetch, string BinariesDirectory, DateTimeOffset Now);
