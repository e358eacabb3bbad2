using System.Text.Json;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// Reads one <c>Section:Key</c> string from DriftHooks's sources in precedence order (environment
/// <c>DRIFTHOOKS__SECTION__KEY</c>, <c>.drifthooks.local.json</c>, <c>drifthooks.json</c>), keeping which file it came
/// from so that a URL from a committed file can be held to the trust rule.
/// </summary>
public static class SettingFiles
{
    public sealed record Setting(string Value, string Source, string? File);

    public static Setting? Read(string workTree, IReadOnlyDictionary<string, string?> environment, string section, string key)
    {
        var variable = $"DRIFTHOOKS__{section.ToUpperInvariant()}__{key.ToUpperInvariant()}";
        foreach (var (name, value) in environment)
        {
            if (string.Equals(name, variable, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
            {
                return new Setting(value, $"environment variable {name}", null);
            }
        }

        foreach (var file in new[] { OptionsLoader.LocalFile, OptionsLoader.CommittedFile })
        {
            var path = Path.Combine(workTree, file);
            if (File.Exists(path) && ReadJson(File.ReadAllBytes(path), section, key, file) is { Length: > 0 } value)
            {
                return new Setting(value, $"configuration key {section}:{key} in {file}", file);
            }
        }

        return null;
    }

    /// <summary>The string at <c>section.key</c> of a JSON object (case-insensitive names, as configuration binds them), or null.</summary>
    public static string? ReadJson(byte[] content, string section, string key, string file)
    {
        try
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return Property(document.RootElement, section) is { ValueKind: JsonValueKind.Object } s && Property(s, key) is { ValueKind: JsonValueKind.String } v
                ? v.GetString()
                : null;
        }
        catch (JsonException e)
        {
            throw new ConfigurationException($"{file} is not valid JSON: {e.Message}", e);
        }
    }

    static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
