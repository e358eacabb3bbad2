namespace DriftHooks.Core.Database;

/// <summary>Removes secrets from text before it reaches a message, a log or an exception.</summary>
internal static class SecretMasker
{
    public const string Placeholder = "****";

    /// <summary>
    /// Replaces every occurrence of each non-empty secret, and of its percent-encoded form (as it appears in a
    /// URL), with <c>****</c>.
    /// </summary>
    public static string Mask(string text, params string?[] secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);

        // Longest first, so that a secret containing another is not half-masked.
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct().OrderByDescending(s => s!.Length))
        {
            text = text.Replace(secret!, Placeholder, StringComparison.Ordinal);
            var escaped = Uri.EscapeDataString(secret!);
            if (escaped != secret)
            {
                text = text.Replace(escaped, Placeholder, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text;
    }
}
