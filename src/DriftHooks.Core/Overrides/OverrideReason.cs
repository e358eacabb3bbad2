using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Overrides;

/// <summary>
/// The only bypass: <c>DRIFTHOOKS_OVERRIDE</c> holding a reason a reviewer can read later. Placeholder values
/// ("1", "true", "skip", …) are refused, so the audit log never records an override nobody can explain.
/// </summary>
internal static class OverrideReason
{
    public const string Variable = "DRIFTHOOKS_OVERRIDE";

    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "1", "0", "true", "false", "yes", "no", "y", "n", "on", "off", "ok", "okay", "skip", "override", "bypass",
        "force", "x", "please", "test", "asdf", "reason", "none", "n/a", "na", "-", "todo", "whatever", "fix", "hotfix",
    };

    /// <summary>Null when no override is asked for; the trimmed reason when it is a real one.</summary>
    /// <exception cref="ConfigurationException">The variable is set but holds no real reason.</exception>
    public static string? Read(IReadOnlyDictionary<string, string?> environment)
    {
        if (!environment.TryGetValue(Variable, out var raw) || raw is null)
        {
            return null;
        }

        var reason = raw.Trim();
        var words = reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (reason.Length < 10 || words.Length < 2 || Placeholders.Contains(reason) || !reason.Any(char.IsLetter))
        {
            throw new ConfigurationException(
                $"{Variable} is set to '{reason}', which is not a reason. An override is recorded for review, so say why and who agreed, " +
                $"e.g. {Variable}=\"hotfix OPS-123 approved by lead\" git commit …");
        }

        return reason;
    }
}
