namespace DriftHooks.Core.Configuration;

/// <summary>How the pre-push hook treats production (its URL comes from <see cref="ProductionUrlResolver"/>).</summary>
internal sealed record ProductionOptions
{
    /// <summary><c>block</c> (default, fail closed) or <c>warn</c> when production cannot be read.</summary>
    public bool WarnWhenUnreachable { get; init; }

    /// <summary>
    /// <c>Production:ConnectTimeoutSeconds</c> when configured; otherwise null, so that the URL's own
    /// <c>connect_timeout</c> applies, else <see cref="Database.DatabaseConnectionOptions.DefaultConnectTimeout"/>.
    /// </summary>
    public TimeSpan? ConnectTimeout { get; init; }

    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromSeconds(SettingDefaults.StatementTimeoutSeconds);

    /// <summary>Branch name patterns whose pushes are checked (<c>*</c> wildcard); default every branch.</summary>
    public IReadOnlyList<string> Branches { get; init; } = SettingDefaults.Branches;

    /// <summary>
    /// Whether pre-push (and <c>check</c>) also compares production's schema: <see cref="SchemaCheckMode.Auto"/> (the
    /// default) runs it whenever a shadow server is at hand and otherwise says in one line that it did not.
    /// </summary>
    public SchemaCheckMode SchemaCheck { get; init; } = SchemaCheckMode.Auto;

    /// <summary>
    /// Where <c>Production:SchemaCheck: false</c> came from when only this machine says so (an environment variable or
    /// <c>.drifthooks.local.json</c>): a personal bypass, recorded like a rule switched off locally. Null when the
    /// committed <c>drifthooks.json</c> says it (team policy) or the check is not off.
    /// </summary>
    public string? SchemaCheckOffBy { get; init; }

    /// <summary>
    /// <c>Production:DataChecks</c>: whether pre-push and <c>check</c> ask production's rows (read-only) whether the
    /// pending migrations will fail on them (default true); false for a team that must not read table contents: then
    /// only the catalog's statistics are read, for warnings (DH512).
    /// </summary>
    public bool DataChecks { get; init; } = true;

    /// <summary><c>Production:DataCheckTimeoutSeconds</c>: how long each data question may take.</summary>
    public TimeSpan DataCheckTimeout { get; init; } = TimeSpan.FromSeconds(SettingDefaults.DataCheckTimeoutSeconds);

    /// <summary>In a repository with several Prisma projects, the schema path of the one production runs.</summary>
    public string? Project { get; init; }
}
