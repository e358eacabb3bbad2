namespace DriftHooks.Core.Database;

/// <summary>How the tool connects: bounded waits, and whether a password may come from outside the URL.</summary>
internal sealed record DatabaseConnectionOptions
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultStatementTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Limit for opening the connection; overrides the URL's <c>connect_timeout</c> when set.</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>Limit for each statement, both server side (<c>statement_timeout</c>) and client side.</summary>
    public TimeSpan StatementTimeout { get; init; } = DefaultStatementTimeout;

    /// <summary>
    /// When false (the default) and the URL carries no password, a server that asks for one gets none: Npgsql's
    /// fallback to <c>PGPASSWORD</c> and the pgpass file is disabled, because the host may come from a file
    /// anyone with a merged pull request can change, and would then collect the developer's password.
    /// </summary>
    public bool AllowEnvironmentPassword { get; init; }

    /// <summary>Shown to the server as <c>application_name</c>, so DBAs can see who is connected.</summary>
    public string ApplicationName { get; init; } = "drifthooks";
}
