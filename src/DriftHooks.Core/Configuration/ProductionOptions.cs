namespace DriftHooks.Core.Configuration;

/// <summary>How the pre-push hook treats production (its URL comes from <see cref="ProductionUrlResolver"/>).</summary>
public sealed record ProductionOptions
{
    /// <summary><c>block</c> (default, fail closed) or <c>warn</c> when production cannot be read.</summary>
    public bool WarnWhenUnreachable { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Branch name patterns whose pushes are checked (<c>*</c> wildcard); default every branch.</summary>
    public IReadOnlyList<string> Branches { get; init; } = ["*"];

    public bool SchemaCheck { get; init; }

    /// <summary>In a repository with several Prisma projects, the schema path of the one production runs.</summary>
    public string? Project { get; init; }
}
