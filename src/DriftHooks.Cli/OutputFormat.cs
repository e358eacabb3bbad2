using System.CommandLine;

namespace DriftHooks.Cli;

/// <summary>The <c>--format</c> option the reporting commands share, and how they decide on colour and symbols.</summary>
internal static class OutputFormat
{
    public static Option<string> Create(params string[] formats)
    {
        var option = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(", ", formats)}.",
            DefaultValueFactory = _ => formats[0],
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static bool UseColor(IReadOnlyDictionary<string, string?> environment) =>
        !Console.IsOutputRedirected
        && string.IsNullOrEmpty(environment.GetValueOrDefault("NO_COLOR"))
        && environment.GetValueOrDefault("TERM") != "dumb";

    /// <summary>Symbols such as ✓ only where the terminal's locale is UTF-8 and the user has not asked for plain output.</summary>
    public static bool UseUnicode(IReadOnlyDictionary<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(environment.GetValueOrDefault("NO_COLOR")) || environment.GetValueOrDefault("TERM") == "dumb")
        {
            return false;
        }

        var locale = environment.GetValueOrDefault("LC_ALL") is { Length: > 0 } all ? all
            : environment.GetValueOrDefault("LC_CTYPE") is { Length: > 0 } ctype ? ctype
            : environment.GetValueOrDefault("LANG") ?? "";
        return locale.Contains("UTF-8", StringComparison.OrdinalIgnoreCase) || locale.Contains("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
