namespace DriftHooks.Core.Database;

/// <summary>Whether two URLs reach the same database (host, port, database name), so that a local URL pointing at production is refused.</summary>
public static class DatabaseIdentity
{
    public static bool Same(DatabaseUrl a, DatabaseUrl b) =>
        a.Port == b.Port
        && string.Equals(a.Database ?? a.Username, b.Database ?? b.Username, StringComparison.Ordinal)
        && string.Equals(Host(a.Host), Host(b.Host), StringComparison.OrdinalIgnoreCase);

    // The loopback names all reach the same server.
    static string Host(string? host) => host is null or "localhost" or "127.0.0.1" or "::1" ? "localhost" : host.TrimEnd('.');
}
