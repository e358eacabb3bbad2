using System.Text;
using System.Text.Json;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// Finds production's URL, first found wins: the environment (<c>DRIFTHOOKS_PRODUCTION_URL</c> or
/// <c>DRIFTHOOKS__PRODUCTION__URL</c>), the git-ignored <c>.drifthooks.local.json</c>, a <c>.env</c> file at the
/// repository root, the committed <c>drifthooks.json</c>. A URL from a file git tracks is used only once the developer
/// has trusted that exact content (<c>drifthooks trust</c>).
/// </summary>
public static class ProductionUrlResolver
{
    public const string EnvironmentVariable = "DRIFTHOOKS_PRODUCTION_URL";

    public static DatabaseUrlSource? Resolve(RepositoryLocation location, IReadOnlyDictionary<string, string?> environment)
    {
        foreach (var name in new[] { EnvironmentVariable, "DRIFTHOOKS__PRODUCTION__URL" })
        {
            if (environment.GetValueOrDefault(name) is { Length: > 0 } value)
            {
                return new DatabaseUrlSource(value, $"environment variable {name}");
            }
        }

        foreach (var (file, read) in new (string, Func<byte[], string?>)[]
        {
            (OptionsLoader.LocalFile, JsonUrl),
            (".env", content => DotEnvFile.Parse(Encoding.UTF8.GetString(content)).GetValueOrDefault(EnvironmentVariable)),
            (OptionsLoader.CommittedFile, JsonUrl),
        })
        {
            var path = Path.Combine(location.WorkTree, file);
            if (!File.Exists(path))
            {
                continue;
            }

            var content = File.ReadAllBytes(path);
            var url = read(content);
            if (string.IsNullOrWhiteSpace(url))
            {
                continue;
            }

            if (IsTracked(location, file) && !TrustStore.IsTrusted(location.StateDirectory, file, content))
            {
                throw new ConfigurationException(
                    $"The production URL comes from {file}, which is committed to git: anyone whose pull request is merged can point it at a server of theirs, " +
                    $"which would then receive your database credentials. Review the host it names, then run 'drifthooks trust' to trust this exact content " +
                    $"(it is asked again whenever the file changes), or set {EnvironmentVariable} in your environment or {OptionsLoader.LocalFile} instead.");
            }

            return new DatabaseUrlSource(url, file);
        }

        return null;
    }

    /// <summary>Committed files that can name database hosts and so need the developer's trust.</summary>
    public static IReadOnlyList<string> TrustableFiles(RepositoryLocation location) =>
        [.. new[] { OptionsLoader.CommittedFile, ".env", OptionsLoader.LocalFile }.Where(f => File.Exists(Path.Combine(location.WorkTree, f)) && IsTracked(location, f))];

    public static bool IsTracked(RepositoryLocation location, string file) =>
        GitIndexReader.ReadEntries(location.IndexFile, [file]).Count > 0;

    private static string? JsonUrl(byte[] content)
    {
        try
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("Production", out var production)
                && production.ValueKind == JsonValueKind.Object
                && production.TryGetProperty("Url", out var url)
                && url.ValueKind == JsonValueKind.String
                ? url.GetString()
                : null;
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"A DriftHooks configuration file is not valid JSON: {e.Message}", e);
        }
    }
}
