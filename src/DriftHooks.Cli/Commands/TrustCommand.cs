using System.CommandLine;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Context;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;

namespace DriftHooks.Cli.Commands;

/// <summary>
/// <c>drifthooks trust</c>: the developer's explicit review of committed files that name database hosts
/// (like <c>direnv allow</c>). Shows the host each names, then records the exact content as trusted.
/// </summary>
internal static class TrustCommand
{
    public static Command Create()
    {
        var command = new Command("trust", "Trust the current content of committed files that can name a database (drifthooks.json, a tracked .env): production, shadow or local; asked again whenever they change.");
        command.SetAction(_ =>
        {
            // The settings are read, not judged: trust is how a committed file that names a database becomes usable.
            var context = CommandRunner.SettingsOnFirstUse(CommandContext.ReadEnvironment());
            var location = context.Repository;
            var settings = context.Settings;
            // The project decides which .env files Prisma reads; without a single project, the root .env is still covered.
            var files = DatabaseUrlResolver.TrustableFiles(location, context.ProjectOrNone, settings);
            if (files.Count == 0)
            {
                Console.WriteLine("No committed file names a database here; nothing to trust.");
                return ExitCodes.Passed;
            }

            foreach (var file in files)
            {
                // The same reader the URL lookups use: what is trusted is what they parse.
                if (settings.Content(file) is not { } content)
                {
                    continue;
                }

                TrustStore.Trust(location.StateDirectory, file, content);
                var hosts = DescribeHosts(content);
                Console.WriteLine($"trusted {file} (sha256 {TrustStore.Hash(content)[..12]}){hosts}");
            }

            return ExitCodes.Passed;
        });
        return command;
    }

    private static string DescribeHosts(byte[] content)
    {
        var text = System.Text.Encoding.UTF8.GetString(content);
        var hosts = new List<string>();
        foreach (var word in text.Split(['"', '\'', ' ', '\n', '=', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("postgres", StringComparison.Ordinal) && word.Contains("://", StringComparison.Ordinal))
            {
                try
                {
                    hosts.Add(DatabaseUrl.Parse(word).Redacted);
                }
                catch (ConfigurationException)
                {
                    hosts.Add("(an unreadable URL)");
                }
            }
        }

        return hosts.Count == 0 ? "" : ": names " + string.Join(", ", hosts);
    }
}
