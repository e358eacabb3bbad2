using System.CommandLine;
using System.Text.Json;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Cli.Commands;

/// <summary>Shared pieces of the companion commands' output: confirmation, colour, findings as JSON.</summary>
internal static class CommandIo
{
    /// <summary>True when --yes was given or the developer answers y; refuses to prompt without a terminal (exit 2).</summary>
    public static bool Confirm(string question, bool yes)
    {
        if (yes)
        {
            return true;
        }

        if (Console.IsInputRedirected)
        {
            throw new ConfigurationException($"{question} needs confirmation, and standard input is not a terminal. Pass --yes to confirm in a script.");
        }

        Console.Write($"{question} [y/N] ");
        var answer = Console.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The option of every command that writes a database: take a target that cannot be told from production as not production.</summary>
    public static Option<bool> TargetIsNotProduction() => new(Core.Database.ProductionGuard.ConfirmFlag)
    {
        Description = "You checked that the database written is not production: used only when DriftHooks cannot tell it from production by what the servers report (exit 5 otherwise). Production's own database is refused regardless (exit 4).",
    };

    public static void WriteFindings(Utf8JsonWriter writer, IReadOnlyList<Finding> findings)
    {
        writer.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            writer.WriteStartObject();
            FindingJson.WriteProperties(writer, finding);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
