using System.Globalization;

namespace DriftHooks.Core.Database;

/// <summary>
/// Which database a connection reached, as the server itself reports it (never as the URL spells it). Each part is
/// null when the role may not read it: <see cref="SystemIdentifier"/> (<c>pg_control_system()</c>, fixed when the
/// cluster was created), <see cref="StartedAt"/> (<c>pg_postmaster_start_time()</c>, changes on restart),
/// <see cref="Port"/> and <see cref="DataDirectory"/> (server settings), <see cref="DatabaseOid"/> (<c>pg_database</c>).
/// <see cref="DatabaseName"/> is <c>current_database()</c>, which any role may read.
/// </summary>
internal sealed record ServerIdentity(
    string DatabaseName,
    long? DatabaseOid,
    string? SystemIdentifier,
    DateTimeOffset? StartedAt,
    int? Port,
    string? DataDirectory)
{
    /// <summary>A short description for messages: what was read, nothing secret.</summary>
    public string Describe()
    {
        var parts = new List<string> { $"database \"{DatabaseName}\"" + (DatabaseOid is { } oid ? string.Create(CultureInfo.InvariantCulture, $" (oid {oid})") : "") };
        if (SystemIdentifier is not null)
        {
            parts.Add("system identifier " + SystemIdentifier);
        }

        if (StartedAt is { } started)
        {
            parts.Add("started " + started.ToString("yyyy-MM-dd HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        }

        if (Port is { } port)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"port {port}"));
        }

        if (DataDirectory is not null)
        {
            parts.Add("data directory " + DataDirectory);
        }

        return string.Join(", ", parts);
    }
}
