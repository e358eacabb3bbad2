namespace DriftHooks.Core.Installation;

/// <summary>
/// When <c>drifthooks install</c> does nothing and says so in one line, exiting 0: it runs as a package's
/// <c>"prepare": "drifthooks install"</c> on every <c>npm install</c>, also where there is nothing to protect, and
/// must never fail that install: a Docker build's <c>npm ci</c> (no git repository), a CI job, or <c>DRIFTHOOKS=0</c>.
/// </summary>
internal static class InstallSkip
{
    /// <returns>The line to print, or null to install.</returns>
    public static string? Reason(IReadOnlyDictionary<string, string?> environment, bool insideRepository)
    {
        var setting = environment.GetValueOrDefault("DRIFTHOOKS");
        if (setting == "0")
        {
            return "drifthooks install: skipped (DRIFTHOOKS=0)";
        }

        var ci = environment.GetValueOrDefault("CI");
        if (!string.IsNullOrEmpty(ci) && ci != "0" && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && setting != "1")
        {
            return "drifthooks install: skipped in CI (CI is set; DRIFTHOOKS=1 installs anyway)";
        }

        return insideRepository ? null : "drifthooks install: skipped, not inside a git repository (nothing to protect here)";
    }
}
