using System.Reflection;

namespace DriftHooks.Core.Installation;

/// <summary>
/// Which DriftHooks this is: the version and the commit it was built from, as the SDK embeds them at build time
/// (InformationalVersion <c>1.2.3+&lt;commit&gt;</c>, the commit from git's HEAD through SourceRevisionId). Installed
/// hooks are compared by this, not by their bytes: a rebuild of the same commit is the same DriftHooks.
/// </summary>
internal static class BuildVersion
{
    public static string Current { get; } =
        typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
