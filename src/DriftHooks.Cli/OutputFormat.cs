using System.CommandLine;

namespace DriftHooks.Cli;

/// <summary>The <c>--format</c> option the reporting commands share.</summary>
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
}
