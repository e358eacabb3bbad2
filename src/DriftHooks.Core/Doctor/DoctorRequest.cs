namespace DriftHooks.Core.Doctor;

/// <param name="Fetch">Run <c>git fetch</c> before comparing with the upstream branch.</param>
/// <param name="Version">This drifthooks's <see cref="Installation.BuildVersion"/>: the installed hooks are current when they were installed by the same version and commit.</param>
/// <param name="Now">The clock, for the age of backups.</param>
/// <param name="Invocation">How the user runs DriftHooks, in the fixes that name a DriftHooks command (the plain name when null).</param>
internal sealed record DoctorRequest(bool Fetch, string Version, DateTimeOffset Now, Installation.Invocation? Invocation = null);
