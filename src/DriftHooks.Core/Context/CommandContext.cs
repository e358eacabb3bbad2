using System.Collections;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rendering;

namespace DriftHooks.Core.Context;

/// <summary>
/// What one command (a hook, or a <c>drifthooks</c> command) runs with, each value worked out once and handed on: the
/// environment as read at the start, the repository, the settings with their origin, the output's style, and — on first
/// use, then kept — the Prisma project, production's URL (trust-checked and parsed) with its connection options, and the
/// shadow server's URL. Nothing below the command reads the environment, the settings files or a URL setting again.
/// </summary>
internal sealed class CommandContext
{
    readonly Lazy<SettingFiles> _settings;
    readonly Lazy<DriftHooksOptions> _options;
    readonly Lazy<TerminalStyle> _style;
    readonly Lazy<PrismaProject?> _project;
    readonly Lazy<ProductionTarget?> _production;
    readonly Lazy<Installation.Invocation> _invocation;
    readonly Dictionary<string, (DatabaseUrlSource? Source, ConfigurationException? Refused)> _shadows = new(StringComparer.Ordinal);

    /// <param name="style">Decides the output's style, on first use: a hook that passes prints nothing and never asks.</param>
    public CommandContext(IReadOnlyDictionary<string, string?> environment, RepositoryLocation? location, DriftHooksOptions options, Func<IReadOnlyDictionary<string, string?>, TerminalStyle> style)
        : this(environment, location, () => options.Settings, _ => options, style)
    {
        ArgumentNullException.ThrowIfNull(options);
    }

    CommandContext(
        IReadOnlyDictionary<string, string?> environment,
        RepositoryLocation? location,
        Func<SettingFiles> settings,
        Func<SettingFiles, DriftHooksOptions> options,
        Func<IReadOnlyDictionary<string, string?>, TerminalStyle> style)
    {
        Environment = environment;
        Location = location;
        _settings = new(settings);
        _options = new(() => options(Settings));
        _style = new(() => style(environment));
        _project = new(() => location is null ? null : ProjectChoice.Choose(location, Options));
        _invocation = new(() => location is null
            ? Installation.Invocation.Of(Installation.Invocation.FromExecutable(System.Environment.ProcessPath))
            : Installation.Invocation.ForThisProcess(location));
        _production = new(() => ProductionUrlResolver.Resolve(location, Options.Settings) is { } source
            ? new ProductionTarget(source, source.Parse(), ProductionTarget.ConnectionFor(Options.Production))
            : null);
    }

    /// <summary>
    /// The context of a command that must run whatever the settings say (<c>install</c>, <c>trust</c>): the setting files
    /// are read and the options built on first use, so that a bad setting stops only what needs it.
    /// </summary>
    public static CommandContext SettingsOnFirstUse(IReadOnlyDictionary<string, string?> environment, RepositoryLocation location, Func<IReadOnlyDictionary<string, string?>, TerminalStyle> style)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new CommandContext(environment, location, () => SettingFiles.Load(location.WorkTree, environment), OptionsLoader.Load, style);
    }

    /// <summary>The process's environment, read once at the command's start.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>The repository the command runs in; null for the few commands that also run outside one.</summary>
    public RepositoryLocation? Location { get; }

    /// <summary>The repository, for a command that needs one (the hooks, and every command but <c>drift --migrations</c>).</summary>
    public RepositoryLocation Repository => Location ?? throw new ResourceUnavailableException("Not inside a git repository (or any parent folder). Run this command in the repository's work tree.");

    /// <summary>The setting sources, each file read once, every value with its origin; readable where the options are not.</summary>
    public SettingFiles Settings => _settings.Value;

    /// <summary>The settings, each file read once, every value with its origin (<see cref="DriftHooksOptions.Settings"/>).</summary>
    /// <exception cref="ConfigurationException">A setting is malformed (made with <see cref="SettingsOnFirstUse"/>: on first use, every time).</exception>
    public DriftHooksOptions Options => _options.Value;

    /// <summary>How the user runs DriftHooks here (<c>npx drifthooks</c>, <c>dotnet drifthooks</c>…), for every fix that names a command; read on first use.</summary>
    public Installation.Invocation Invocation => _invocation.Value;

    /// <summary>Colour and symbols, decided once for the command (<see cref="TerminalStyle"/>).</summary>
    public TerminalStyle Style => _style.Value;

    /// <summary>The Prisma project production is compared for (<see cref="ProjectChoice"/>); null when the repository has none.</summary>
    /// <exception cref="ConfigurationException">Several projects and none configured for production.</exception>
    public PrismaProject? Project => _project.Value;

    /// <summary>
    /// <see cref="Project"/>, or null where several projects leave the choice open: for what only decides which
    /// <c>.env</c> Prisma reads (the shadow server's URL, a fix's variable).
    /// </summary>
    public PrismaProject? ProjectOrNone
    {
        get
        {
            try
            {
                return Project;
            }
            catch (ConfigurationException)
            {
                return null;
            }
        }
    }

    /// <summary>Production's URL as configured, trust-checked and parsed, with its connection options; null when none is configured.</summary>
    public ProductionTarget? Production => _production.Value;

    /// <summary>
    /// The shadow server's URL for <paramref name="project"/> (whose <c>.env</c> Prisma reads; <see cref="ShadowUrlResolver"/>),
    /// trust-checked once per project; null when none is configured.
    /// </summary>
    /// <exception cref="ConfigurationException">The URL names a host nobody trusted (every time it is asked for).</exception>
    public DatabaseUrlSource? ShadowFor(PrismaProject? project)
    {
        var key = project?.SchemaPath ?? "";
        if (!_shadows.TryGetValue(key, out var shadow))
        {
            try
            {
                shadow = (ShadowUrlResolver.Resolve(Location, project, Options.Settings), null);
            }
            catch (ConfigurationException e)
            {
                shadow = (null, e);
            }

            _shadows[key] = shadow;
        }

        return shadow.Refused is { } refused ? throw refused : shadow.Source;
    }

    /// <summary>Where the shadow server's URL is read from for <paramref name="project"/>, for messages that ask for it.</summary>
    public string ShadowWhereToSet(PrismaProject? project) => ShadowUrlResolver.WhereToSet(Location, project, Options.Settings);

    /// <summary>Every variable of the process's environment, as one dictionary read once.</summary>
    public static Dictionary<string, string?> ReadEnvironment()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }

        return environment;
    }
}

/// <summary>Production as a command reaches it: where its URL was read, the URL parsed once, and the connection's bounds.</summary>
internal sealed record ProductionTarget(DatabaseUrlSource Source, DatabaseUrl Url, DatabaseConnectionOptions Connection)
{
    /// <summary>The connect and statement timeouts production is read with (<c>Production:ConnectTimeout</c>, <c>Production:StatementTimeout</c>).</summary>
    public static DatabaseConnectionOptions ConnectionFor(ProductionOptions production)
    {
        ArgumentNullException.ThrowIfNull(production);
        return new DatabaseConnectionOptions { ConnectTimeout = production.ConnectTimeout, StatementTimeout = production.StatementTimeout };
    }

    /// <summary>The target for a URL read elsewhere (a test, a command given one): parsed now.</summary>
    public static ProductionTarget Of(DatabaseUrlSource source, ProductionOptions production)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ProductionTarget(source, source.Parse(), ConnectionFor(production));
    }
}
