using System.Text.Json;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// DriftHooks's setting sources, loaded once: the environment's <c>DRIFTHOOKS__SECTION__KEY</c> variables, the
/// git-ignored <c>.drifthooks.local.json</c> and the committed <c>drifthooks.json</c> (in that precedence). Every
/// reader of a setting asks here, and gets the value with where it came from, so that a message can say so.
/// </summary>
internal sealed class SettingFiles
{
    public sealed record Setting(string Value, string Source, string? File);

    readonly IReadOnlyDictionary<string, string?> _environment;
    readonly string? _workTree;
    readonly Dictionary<string, byte[]?> _files = new(StringComparer.Ordinal);

    SettingFiles(IReadOnlyDictionary<string, string?> environment, byte[]? local, byte[]? committed, string? workTree = null)
    {
        _environment = environment;
        _workTree = workTree;
        LocalContent = local;
        CommittedContent = committed;
        _files[OptionsLoader.LocalFile] = local;
        _files[OptionsLoader.CommittedFile] = committed;
    }

    /// <summary>No file and no variable: every setting at its default.</summary>
    public static SettingFiles None { get; } = new(new Dictionary<string, string?>(), null, null);

    /// <summary>The bytes of <c>.drifthooks.local.json</c>, or null when there is none.</summary>
    public byte[]? LocalContent { get; }

    /// <summary>The bytes of <c>drifthooks.json</c>, or null when there is none.</summary>
    public byte[]? CommittedContent { get; }

    /// <summary>The environment's DriftHooks variables as configuration keys (<c>Section:Key</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> EnvironmentKeys =>
        [.. _environment
            .Where(e => e.Key.StartsWith("DRIFTHOOKS__", StringComparison.OrdinalIgnoreCase))
            .Select(e => new KeyValuePair<string, string?>(e.Key["DRIFTHOOKS__".Length..].Replace("__", ":", StringComparison.Ordinal), e.Value))];

    public bool IsEmpty => LocalContent is null && CommittedContent is null && EnvironmentKeys.Count == 0;

    /// <summary>The environment these settings were loaded with: where a URL's variables (<c>DATABASE_URL</c>, …) are read.</summary>
    public IReadOnlyDictionary<string, string?> Environment => _environment;

    public static SettingFiles Load(string workTree, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = new SettingFiles(environment, ReadIfPresent(workTree, OptionsLoader.LocalFile), ReadIfPresent(workTree, OptionsLoader.CommittedFile), workTree);
        if (Logging.DiagnosticLog.Current is { } log)
        {
            foreach (var (key, origin) in settings.Origins())
            {
                log.Debug("setting {Key}: {Origin}", key, origin);
            }
        }

        return settings;
    }

    /// <summary>
    /// A file of the work tree a setting may be read from (the two settings files, a <c>.env</c>), read once: the bytes a
    /// value is parsed from are the bytes whose hash the trust rule checks. Null when it does not exist.
    /// </summary>
    public byte[]? Content(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!_files.TryGetValue(file, out var content))
        {
            content = _workTree is null ? null : ReadIfPresent(_workTree, file);
            _files[file] = content;
        }

        return content;
    }

    /// <summary>One <c>Section:Key</c> string, first found: environment, local file, committed file; with its origin.</summary>
    public Setting? Read(string section, string key)
    {
        var variable = $"DRIFTHOOKS__{section.ToUpperInvariant()}__{key.ToUpperInvariant()}";
        foreach (var (name, value) in _environment)
        {
            if (string.Equals(name, variable, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
            {
                return new Setting(value, $"environment variable {name}", null);
            }
        }

        foreach (var (file, content) in new[] { (OptionsLoader.LocalFile, LocalContent), (OptionsLoader.CommittedFile, CommittedContent) })
        {
            if (content is not null && ReadJson(content, section, key, file) is { Length: > 0 } value)
            {
                return new Setting(value, $"configuration key {section}:{key} in {file}", file);
            }
        }

        return null;
    }

    /// <summary>Which source sets <c>Section:Key</c> (any JSON value, not only strings) in the precedence order, or null.</summary>
    public string? Origin(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var variable = "DRIFTHOOKS__" + key.Replace(":", "__", StringComparison.Ordinal);
        if (_environment.Keys.FirstOrDefault(name => string.Equals(name, variable, StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return $"the environment variable {name}";
        }

        var parts = key.Split(':');
        foreach (var (file, content) in new[] { (OptionsLoader.LocalFile, LocalContent), (OptionsLoader.CommittedFile, CommittedContent) })
        {
            if (content is not null && Holds(content, parts))
            {
                return $"{key} in {file}";
            }
        }

        return null;
    }

    /// <summary>
    /// Every setting and where it comes from, for the diagnostic log: each key a source sets (an array or a URL as one
    /// key), named by the source that wins, then each known key no source sets, as "default". Never a value.
    /// </summary>
    public IReadOnlyList<(string Key, string Origin)> Origins()
    {
        var origins = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, _) in _environment.Where(e => e.Key.StartsWith("DRIFTHOOKS__", StringComparison.OrdinalIgnoreCase)))
        {
            origins.TryAdd(Canonical(name["DRIFTHOOKS__".Length..].Replace("__", ":", StringComparison.Ordinal)), $"the environment variable {name}");
        }

        foreach (var (file, content) in new[] { (OptionsLoader.LocalFile, LocalContent), (OptionsLoader.CommittedFile, CommittedContent) })
        {
            foreach (var key in content is null ? [] : Keys(content))
            {
                origins.TryAdd(Canonical(key), file);
            }
        }

        return [.. origins.Select(o => (o.Key, o.Value)).OrderBy(o => o.Key, StringComparer.OrdinalIgnoreCase),
            .. SettingDefaults.Keys.Where(k => !origins.Keys.Any(set => set.Equals(k, StringComparison.OrdinalIgnoreCase) || set.StartsWith(k + ":", StringComparison.OrdinalIgnoreCase)))
                .Select(k => (k, "default"))];
    }

    // A key as the documentation spells it (DRIFTHOOKS__PRODUCTION__URL names Production:Url), matched case-insensitively as configuration binds it.
    static string Canonical(string key)
    {
        foreach (var known in SettingDefaults.Keys.Concat(["Production:Url", "Local:Url", "Shadow:Url"]))
        {
            if (key.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }

            if (key.StartsWith(known + ":", StringComparison.OrdinalIgnoreCase))
            {
                return known + key[known.Length..];
            }
        }

        return key;
    }

    // The leaf keys of a settings file (Section:Key); an array is one key. Unreadable JSON has none (loading says why).
    static List<string> Keys(byte[] content)
    {
        var keys = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            Walk(document.RootElement, "");
        }
        catch (JsonException)
        {
        }

        return keys;

        void Walk(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                keys.Add(path);
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, path.Length == 0 ? property.Name : path + ":" + property.Name);
            }
        }
    }

    static bool Holds(byte[] content, string[] path)
    {
        try
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            JsonElement? element = document.RootElement;
            foreach (var part in path)
            {
                element = element is { } e ? Property(e, part) : null;
            }

            return element is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    static byte[]? ReadIfPresent(string workTree, string file)
    {
        var path = Path.Combine(workTree, file);
        // A schema may be large; settings, .env and prisma.config.ts are small.
        return Files.RegularFile.ReadIfPresent(path, file.EndsWith(".prisma", StringComparison.Ordinal) ? Files.RegularFile.SourceLimit : Files.RegularFile.SmallLimit);
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
