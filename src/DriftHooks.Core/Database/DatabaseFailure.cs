using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using DriftHooks.Core.Findings;
using DriftHooks.Core.SqlText;
using Npgsql;

namespace DriftHooks.Core.Database;

/// <summary>
/// Turns a database failure into one clear paragraph (what, where, what to do) with the password masked.
/// </summary>
internal static class DatabaseFailure
{
    public static ResourceUnavailableException Translate(Exception error, DatabaseUrl url, string activity, TimeSpan? timeout = null)
    {
        var where = url.Redacted;
        var message = Describe(error, url, where, timeout);
        return new ResourceUnavailableException(url.Mask($"Could not {activity} {where}: {message}"), error);
    }

    /// <summary>The server answered that the URL's database does not exist (SQLSTATE 3D000): one <c>sync</c> may create.</summary>
    public static bool IsMissingDatabase(Exception error) => Find<PostgresException>(error) is { SqlState: PostgresErrorCodes.InvalidCatalogName };

    /// <summary>What the connection attempt told, for a fix that answers it (<see cref="Rules.UnreachableFix"/>).</summary>
    public static ConnectionFailure Classify(Exception error)
    {
        if (Find<MissingPasswordException>(error) is not null)
        {
            return ConnectionFailure.MissingPassword;
        }

        if (Find<PostgresException>(error) is { } pg)
        {
            return pg.SqlState == PostgresErrorCodes.InvalidPassword ? ConnectionFailure.WrongPassword : ConnectionFailure.Other;
        }

        if (Find<SocketException>(error) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => ConnectionFailure.Refused,
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => ConnectionFailure.UnknownHost,
                SocketError.TimedOut => ConnectionFailure.TimedOut,
                _ => ConnectionFailure.Other,
            };
        }

        return Find<TimeoutException>(error) is not null || Find<OperationCanceledException>(error) is not null
            ? ConnectionFailure.TimedOut
            : ConnectionFailure.Other;
    }

    static string Describe(Exception error, DatabaseUrl url, string where, TimeSpan? timeout)
    {
        var seconds = timeout is { } t ? t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s" : "the time allowed";

        if (Find<MissingPasswordException>(error) is not null)
        {
            return "the server asked for a password and the URL has none. DriftHooks does not fall back to PGPASSWORD or ~/.pgpass "
                + "for a URL it did not get the password with; put the password in the URL (percent-encoded) or in the environment variable the URL is read from.";
        }

        if (Find<PostgresException>(error) is { } pg)
        {
            return pg.SqlState switch
            {
                PostgresErrorCodes.InvalidPassword =>
                    $"the server refused the password for user \"{url.Username}\" (SQLSTATE 28P01). Check the user name and password in the URL; special characters in the password must be percent-encoded.",
                PostgresErrorCodes.InvalidAuthorizationSpecification =>
                    $"the server does not let user \"{url.Username}\" connect to database \"{url.Database}\" from here (SQLSTATE 28000: {pg.MessageText}). Check the user name and the server's pg_hba.conf.",
                PostgresErrorCodes.InvalidCatalogName =>
                    $"database \"{url.Database}\" does not exist on that server (SQLSTATE 3D000). Check the database name in the URL.",
                PostgresErrorCodes.InsufficientPrivilege =>
                    $"permission denied (SQLSTATE 42501: {pg.MessageText}). Grant the user SELECT on {Sql.MigrationsTableIn(url.Schema)} and USAGE on schema \"{url.Schema}\".",
                PostgresErrorCodes.QueryCanceled =>
                    $"a statement took longer than {seconds} and was cancelled (SQLSTATE 57014). The database may be overloaded or the table locked by a running migration; try again, or raise the statement timeout.",
                PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow =>
                    $"the server is not accepting connections right now (SQLSTATE {pg.SqlState}: {pg.MessageText}). Try again later.",
                PostgresErrorCodes.ReadOnlySqlTransaction =>
                    $"a write was attempted in a read-only transaction (SQLSTATE 25006: {pg.MessageText}). This is a bug in DriftHooks; please report it.",
                _ => $"the server answered with an error (SQLSTATE {pg.SqlState}: {pg.MessageText}).",
            };
        }

        if (Find<AuthenticationException>(error) is { } tls)
        {
            return $"the TLS handshake failed ({tls.Message}). Check sslmode/sslaccept in the URL and the server's certificate.";
        }

        if (Find<SocketException>(error) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused =>
                    $"the connection was refused: nothing listens on {url.Host} port {url.Port}. Check the host and port, and that the server is running.",
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData =>
                    $"the host name \"{url.Host}\" could not be resolved (DNS). Check the host in the URL and your network or VPN.",
                SocketError.TimedOut =>
                    $"the server did not answer within {seconds}. Check the host, port, firewall and VPN.",
                SocketError.NetworkUnreachable or SocketError.HostUnreachable =>
                    $"the host {url.Host} cannot be reached from this machine ({socket.SocketErrorCode}). Check your network or VPN.",
                _ => $"the network failed ({socket.SocketErrorCode}: {socket.Message}).",
            };
        }

        if (Find<TimeoutException>(error) is not null || error is OperationCanceledException
            || (error is NpgsqlException npgsql && npgsql.InnerException is OperationCanceledException or TimeoutException))
        {
            return $"the server did not answer within {seconds}. Check the host, port, firewall and VPN, or raise the timeout.";
        }

        if (error is NpgsqlException { Message: var text } && text.Contains("SSL", StringComparison.OrdinalIgnoreCase))
        {
            return $"TLS could not be set up ({text}). Check sslmode in the URL.";
        }

        if (Find<IOException>(error) is { } io)
        {
            return $"the connection broke ({io.Message}). The server may have closed it; check that {where} is a PostgreSQL server.";
        }

        return $"{error.GetType().Name}: {error.Message}";
    }

    static T? Find<T>(Exception? error)
        where T : Exception
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
