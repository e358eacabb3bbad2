using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Configuration;

/// <summary>Everything configurable, read once from its sources (see <see cref="OptionsLoader"/>).</summary>
internal sealed record DriftHooksOptions
{
    /// <summary>Explicit project locations; empty means discover them as Prisma does.</summary>
    public IReadOnlyList<ProjectLocation> Projects { get; init; } = [];

    /// <summary>Finding codes switched off by the committed <c>drifthooks.json</c> (e.g. <c>"Rules": { "DH109": false }</c>): team policy.</summary>
    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>();

    /// <summary>
    /// Finding codes switched off only by this machine (<c>.drifthooks.local.json</c> or a <c>DRIFTHOOKS__RULES__…</c>
    /// variable), with where. The hooks treat these as an override: the findings pass, are shown and are recorded.
    /// </summary>
    public IReadOnlyDictionary<string, string> LocallyDisabledRules { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Warning codes a team makes errors (<c>"Rules": { "DH511": "error" }</c>); only the data check's warnings may be
    /// raised (<see cref="DataRiskCodes.Raisable"/>). Stricter than the default, so any source may say it.
    /// </summary>
    public IReadOnlySet<string> RaisedRules { get; init; } = new HashSet<string>();

    public ProductionOptions Production { get; init; } = new();

    /// <summary>The sources these options were read from, for settings read by key with their origin (<c>Backups:Folder</c>).</summary>
    public SettingFiles Settings { get; init; } = SettingFiles.None;

    /// <summary>Where backups go: <c>Backups:Folder</c> (relative to the work tree), else <see cref="SettingDefaults.BackupsFolder"/>.</summary>
    public string BackupsFolder => Settings.Read("Backups", "Folder")?.Value ?? SettingDefaults.BackupsFolder;
}
