namespace DriftHooks.Core.Rendering;

/// <summary>
/// How a command's output looks, decided once per command from the environment and where each stream goes: colour only
/// on a terminal, never with <c>NO_COLOR</c> or <c>TERM=dumb</c>; symbols such as ✓ only in a UTF-8 locale.
/// </summary>
/// <param name="OutputColor">Colour on standard output (the companion commands' reports).</param>
/// <param name="ErrorColor">Colour on standard error (what the hooks print).</param>
/// <param name="Unicode">Symbols beyond ASCII.</param>
internal sealed record TerminalStyle(bool OutputColor, bool ErrorColor, bool Unicode)
{
    public static readonly TerminalStyle Plain = new(false, false, false);

    public static TerminalStyle From(IReadOnlyDictionary<string, string?> environment, bool outputRedirected, bool errorRedirected)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var plain = !string.IsNullOrEmpty(environment.GetValueOrDefault("NO_COLOR")) || environment.GetValueOrDefault("TERM") == "dumb";
        var locale = environment.GetValueOrDefault("LC_ALL") is { Length: > 0 } all ? all
            : environment.GetValueOrDefault("LC_CTYPE") is { Length: > 0 } ctype ? ctype
            : environment.GetValueOrDefault("LANG") ?? "";
        var utf8 = locale.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || locale.Contains("utf8", StringComparison.OrdinalIgnoreCase);
        return new TerminalStyle(!plain && !outputRedirected, !plain && !errorRedirected, !plain && utf8);
    }
}
