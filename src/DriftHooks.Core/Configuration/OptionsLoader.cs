using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using Microsoft.Extensions.Configuration;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// Reads <see cref="DriftHooksOptions"/> from, in rising precedence: the committed <c>drifthooks.json</c> at the
/// repository root, the git-ignored <c>.drifthooks.local.json</c>, and environment variables
/// (<c>DRIFTHOOKS__SECTION__KEY</c>). Keys are read by name rather than bound by reflection, which keeps the native
/// build trim-safe. Database URLs are not options: <see cref="DatabaseUrlResolver"/> reads them, holding URLs from
/// committed files to the trust rule.
/// </summary>
internal static class OptionsLoader
{
    public const string CommittedFile = "drifthooks.json";
    public const string LocalFile = ".drifthooks.local.json";

    public static DriftHooksOptions Load(string workTree, IReadOnlyDictionary<string, string?> environment) =>
        Load(SettingFiles.Load(workTree, environment));

    /// <summary>Builds the options from sources already loaded (each file read once, kept with its origin on the result).</summary>
    public static DriftHooksOptions Load(SettingFiles settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Nothing configured (most repositories, every hook run): skip building a configuration, which costs
        // the pre-commit hook a noticeable share of its budget. An empty in-memory source gives the same defaults.
        if (settings.IsEmpty)
        {
            return FromConfiguration(Empty) with { Settings = settings };
        }

        var fromEnvironment = settings.EnvironmentKeys;
        var options = Bind(Build(settings, fromEnvironment), settings);
        var committedOnly = settings.CommittedContent is { } committed ? new ConfigurationBuilder().AddJsonStream(new MemoryStream(committed)).Build() : null;
        return WithPersonalBypasses(options, committedOnly, fromEnvironment) with { Settings = settings };
    }

    /// <summary>The two files (each checked to be JSON first, to say which is not) and the environment, in rising precedence.</summary>
    private static IConfigurationRoot Build(SettingFiles settings, IReadOnlyList<KeyValuePair<string, string?>> fromEnvironment)
    {
        var builder = new ConfigurationBuilder();
        foreach (var (name, content) in new[] { (CommittedFile, settings.CommittedContent), (LocalFile, settings.LocalContent) })
        {
            if (content is null)
            {
                continue;
            }

            // A stream, not AddJsonFile: the file provider (globbing, watchers) would weigh on every hook's start-up.
            try
            {
                using var _ = System.Text.Json.JsonDocument.Parse(content, new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new ConfigurationException($"{name} at the repository root is not valid JSON ({e.Message}). Fix it, or remove it to use the defaults.", e);
            }

            builder.AddJsonStream(new MemoryStream(content));
        }

        builder.AddInMemoryCollection(fromEnvironment);
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            throw new ConfigurationException($"DriftHooks's configuration cannot be read: {e.Message} Fix {CommittedFile} or {LocalFile} at the repository root.", e);
        }
    }

    private static DriftHooksOptions Bind(IConfiguration configuration, SettingFiles settings)
    {
        try
        {
            return FromConfiguration(configuration);
        }
        catch (InvalidSetting e) when (settings.Origin(e.Key) is { } origin)
        {
            // Say where the bad value is, so that the user edits the right file (or variable).
            throw new ConfigurationException($"{e.Message} It is set by {origin}.", e);
        }
    }

    /// <summary>
    /// A rule that only this machine switches off is a personal bypass, not team policy: the hooks let it through
    /// as an override (shown and recorded) rather than not asking. Policy is what the committed file says alone.
    /// </summary>
    private static DriftHooksOptions WithPersonalBypasses(DriftHooksOptions options, IConfiguration? committedOnly, IReadOnlyList<KeyValuePair<string, string?>> fromEnvironment)
    {
        var policy = committedOnly is null
            ? new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            : DisabledRules(committedOnly);
        var locally = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in options.DisabledRules.Where(r => !policy.Contains(r)))
        {
            var variable = fromEnvironment.FirstOrDefault(e => string.Equals(e.Key, "Rules:" + rule, StringComparison.OrdinalIgnoreCase));
            locally[rule] = variable.Key is not null ? $"the environment variable DRIFTHOOKS__RULES__{rule}" : LocalFile;
        }

        // A rule the committed file switches off stays off unless this machine switches it back on (stricter is fine).
        policy.IntersectWith(options.DisabledRules);

        // The schema check switched off by this machine alone is a personal bypass too.
        var schemaCheckOffBy = options.Production.SchemaCheck == SchemaCheckMode.Off && !CommittedSchemaCheckOff(committedOnly)
            ? fromEnvironment.Any(e => string.Equals(e.Key, "Production:SchemaCheck", StringComparison.OrdinalIgnoreCase))
                ? "the environment variable DRIFTHOOKS__PRODUCTION__SCHEMACHECK"
                : LocalFile
            : null;
        return options with
        {
            DisabledRules = policy,
            LocallyDisabledRules = locally,
            Production = options.Production with { SchemaCheckOffBy = schemaCheckOffBy },
        };
    }

    private static bool CommittedSchemaCheckOff(IConfiguration? committed) =>
        committed?["Production:SchemaCheck"] is { } value && bool.TryParse(value, out var on) && !on;

    private static HashSet<string> DisabledRules(IConfiguration configuration)
    {
        var disabled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in configuration.GetSection("Rules").GetChildren())
        {
            if (!IsRaised(rule) && !Bool(rule.Value, true, $"Rules:{rule.Key}"))
            {
                disabled.Add(rule.Key.ToUpperInvariant());
            }
        }

        return disabled;
    }

    // "Rules": { "DH511": "error" } makes a warning of the data check an error; no other rule has a warning to raise.
    private static bool IsRaised(IConfigurationSection rule)
    {
        if (!string.Equals(rule.Value, "error", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return DataRiskCodes.Raisable.Contains(rule.Key) ? true : throw new InvalidSetting(
            $"Rules:{rule.Key}",
            $"Rules:{rule.Key} is '{rule.Value}'; use true or false (\"error\" raises only the data check's warnings: {string.Join(", ", DataRiskCodes.Raisable.Order(StringComparer.Ordinal))}).");
    }

    internal static DriftHooksOptions FromConfiguration(IConfiguration configuration)
    {
        var projects = configuration.GetSection("Projects").GetChildren()
            .Select(p => new ProjectLocation(
                p["Schema"] ?? throw new ConfigurationException($"Projects:{p.Key} has no \"Schema\". Give each project its schema file or folder."),
                p["Migrations"]))
            .ToList();

        var disabled = DisabledRules(configuration);
        var production = configuration.GetSection("Production");
        var onUnreachable = production["OnUnreachable"] ?? SettingDefaults.OnUnreachable;
        if (onUnreachable is not ("block" or "warn"))
        {
            throw new InvalidSetting("Production:OnUnreachable", $"Production:OnUnreachable is '{onUnreachable}'; use \"block\" (the default) or \"warn\".");
        }

        var branches = production.GetSection("Branches").GetChildren().Select(c => c.Value).OfType<string>().ToList();
        return new DriftHooksOptions
        {
            Projects = projects,
            DisabledRules = disabled,
            RaisedRules = configuration.GetSection("Rules").GetChildren().Where(IsRaised).Select(r => r.Key.ToUpperInvariant()).ToHashSet(StringComparer.OrdinalIgnoreCase),
            Production = new ProductionOptions
            {
                WarnWhenUnreachable = onUnreachable == "warn",
                ConnectTimeout = production["ConnectTimeoutSeconds"] is { } connectTimeout
                    ? Seconds(connectTimeout, SettingDefaults.ConnectTimeoutSeconds, SettingDefaults.MaxConnectTimeoutSeconds, "Production:ConnectTimeoutSeconds")
                    : null,
                StatementTimeout = Seconds(production["StatementTimeoutSeconds"], SettingDefaults.StatementTimeoutSeconds, SettingDefaults.MaxStatementTimeoutSeconds, "Production:StatementTimeoutSeconds"),
                Branches = branches.Count > 0 ? branches : SettingDefaults.Branches,
                SchemaCheck = production["SchemaCheck"] is null ? SchemaCheckMode.Auto
                    : Bool(production["SchemaCheck"], true, "Production:SchemaCheck") ? SchemaCheckMode.On : SchemaCheckMode.Off,
                Project = production["Project"],
                DataChecks = Bool(production["DataChecks"], true, "Production:DataChecks"),
                DataCheckTimeout = Seconds(production["DataCheckTimeoutSeconds"], SettingDefaults.DataCheckTimeoutSeconds, SettingDefaults.MaxStatementTimeoutSeconds, "Production:DataCheckTimeoutSeconds"),
            },
        };
    }

    private static readonly EmptyConfiguration Empty = new("", "");

    /// <summary>A configuration with no keys: every section is empty, every value null.</summary>
    private sealed class EmptyConfiguration(string key, string path) : IConfigurationSection
    {
        public string Key => key;

        public string Path => path;

        public string? Value
        {
            get => null;
            set => throw new NotSupportedException();
        }

        public string? this[string key]
        {
            get => null;
            set => throw new NotSupportedException();
        }

        public IEnumerable<IConfigurationSection> GetChildren() => [];

        public Microsoft.Extensions.Primitives.IChangeToken GetReloadToken() => NoChange.Instance;

        public IConfigurationSection GetSection(string key) => new EmptyConfiguration(key, path.Length == 0 ? key : path + ":" + key);
    }

    private sealed class NoChange : Microsoft.Extensions.Primitives.IChangeToken, IDisposable
    {
        public static readonly NoChange Instance = new();

        public bool HasChanged => false;

        public bool ActiveChangeCallbacks => false;

        public IDisposable RegisterChangeCallback(Action<object?> callback, object? state) => this;

        public void Dispose()
        {
        }
    }

    private static bool Bool(string? value, bool fallback, string key) => value switch
    {
        null => fallback,
        _ when bool.TryParse(value, out var b) => b,
        _ => throw new InvalidSetting(key, $"{key} is '{value}'; use true or false."),
    };

    // A finite number of seconds in range: "Infinity", "NaN", 1e300 or a value too small to be a timeout at all (0 ms
    // is no timeout to PostgreSQL) is refused here, once, rather than failing later where the timeout is used.
    private static TimeSpan Seconds(string? value, double fallback, double max, string key) => value switch
    {
        null => TimeSpan.FromSeconds(fallback),
        _ when double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s)
            && double.IsFinite(s) && s >= SettingDefaults.MinTimeoutSeconds && s <= max => TimeSpan.FromSeconds(s),
        _ => throw new InvalidSetting(
            key,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key} is '{TruncatedForMessage(value)}'; give a number of seconds from {SettingDefaults.MinTimeoutSeconds} to {max}.")),
    };

    // A committed value is quoted in the message, never a megabyte of it.
    private static string TruncatedForMessage(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>A value that cannot be used, with its <c>Section:Key</c>, so that the message can name where it is set.</summary>
    private sealed class InvalidSetting(string key, string message) : ConfigurationException(message)
    {
        public string Key { get; } = key;
    }
}
