using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Configuration;

/// <summary>Everything configurable, read once from its sources (see <see cref="OptionsLoader"/>).</summary>
public sealed record DriftHooksOptions
{
    /// <summary>Explicit project locations; empty means discover them as Prisma does.</summary>
    public IReadOnlyList<ProjectLocation> Projects { get; init; } = [];

    /// <summary>Finding codes switched off (e.g. <c>"Rules": { "DH109": false }</c>).</summary>
    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>();

    public ProductionOptions Production { get; init; } = new();

    /// <summary>
    /// The server the schema drift check may create and drop a temporary database on: <c>Shadow:Url</c>, else
    /// <c>Local:Url</c>, else the environment's <c>DATABASE_URL</c> (the local development database).
    /// </summary>
    public string? ShadowUrl { get; init; }

    /// <summary>Where <see cref="ShadowUrl"/> came from, named for messages (never the value itself).</summary>
    public string? ShadowUrlSource { get; init; }
}
