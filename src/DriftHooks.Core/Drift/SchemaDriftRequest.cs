using DriftHooks.Core.Database;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Drift;

/// <summary>
/// What a schema drift check needs: production (read only), a server to create the shadow database on, and the
/// repository's migrations: a folder (absolute path), or, when <see cref="Migrations"/> is set, migrations already
/// read (from a pushed commit's tree), with <see cref="MigrationsDirectory"/> then only naming where they live.
/// </summary>
internal sealed record SchemaDriftRequest(DatabaseUrl Production, DatabaseUrl ShadowServer, string MigrationsDirectory)
{
    public DatabaseConnectionOptions ProductionConnection { get; init; } = new();

    /// <summary>The shadow runs whole migrations: a long statement timeout.</summary>
    public static readonly DatabaseConnectionOptions DefaultShadowConnection = new() { StatementTimeout = TimeSpan.FromMinutes(5) };

    public DatabaseConnectionOptions ShadowConnection { get; init; } = DefaultShadowConnection;

    /// <summary>Migrations read elsewhere (a commit's tree); null reads <see cref="MigrationsDirectory"/> from disk.</summary>
    public IReadOnlyList<RepositoryMigration>? Migrations { get; init; }

    /// <summary>The repository's <c>.git/drifthooks</c>: production's identity is remembered there (null outside a repository).</summary>
    public string? StateDirectory { get; init; }

    /// <summary>
    /// What points <c>npx prisma</c> at production in a fix that records a migration there, and the <c>--schema</c>
    /// argument Prisma needs (<see cref="Configuration.ProductionUrlResolver.PrismaEnvironment"/>, <see cref="ProjectFixText.SchemaArgument"/>).
    /// </summary>
    public string PrismaAt { get; init; } = DefaultPrismaAt;

    /// <summary><see cref="PrismaAt"/> where the project's datasource variable is not known: Prisma's default one.</summary>
    public static readonly string DefaultPrismaAt = Configuration.ProductionUrlResolver.PrismaEnvironment(Configuration.LocalUrlSetting.DefaultVariable)!;

    /// <inheritdoc cref="PrismaAt"/>
    public string SchemaArgument { get; init; } = "";

    /// <summary>How the user runs DriftHooks, in the fixes that name a DriftHooks command.</summary>
    public Installation.Invocation Invocation { get; init; } = Installation.Invocation.Plain;

    /// <summary>The user's <see cref="ProductionGuard.ConfirmFlag"/>: a shadow server that cannot be told from production is taken as not production.</summary>
    public bool TargetConfirmedNotProduction { get; init; }
}
