namespace DriftHooks.Core.Configuration;

/// <summary>Where production's migration history is read from and how the pre-push hook treats it.</summary>
public sealed record ProductionOptions
{
    public string? Url { get; init; }

    /// <summary>Where <see cref="Url"/> came from, named for messages (never the value itself).</summary>
    public string? UrlSource { get; init; }

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
