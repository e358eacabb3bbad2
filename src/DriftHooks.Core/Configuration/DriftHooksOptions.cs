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
}
