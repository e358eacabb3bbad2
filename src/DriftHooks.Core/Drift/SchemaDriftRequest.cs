using DriftHooks.Core.Database;

namespace DriftHooks.Core.Drift;

/// <summary>
/// What a schema drift check needs: production (read only), a server to create the shadow database on, and the
/// repository's migrations folder (absolute path).
/// </summary>
public sealed record SchemaDriftRequest(DatabaseUrl Production, DatabaseUrl ShadowServer, string MigrationsDirectory)
{
    public DatabaseConnectionOptions ProductionConnection { get; init; } = new();

    /// <summary>The shadow runs whole migrations: a long statement timeout.</summary>
    public DatabaseConnectionOptions ShadowConnection { get; init; } = new() { StatementTimeout = TimeSpan.FromMinutes(5) };
}
