using System.Globalization;

namespace DriftHooks.Core.Database;

/// <summary>How a target database relates to production.</summary>
internal enum IdentityVerdict
{
    /// <summary>Another server: nothing of production's cluster.</summary>
    Different,

    /// <summary>Production's database itself (or a physical copy of its cluster).</summary>
    SameDatabase,

    /// <summary>Another database on production's server (cluster): a write there can reach production's database.</summary>
    SameServer,

    /// <summary>The servers could not be told apart, and a part of the identity is production's: no flag settles that.</summary>
    SharesProductionIdentity,

    /// <summary>The servers could not be told apart and nothing read matches production's: only the user can settle it.</summary>
    CannotTell,
}

/// <summary>
/// Decides from two <see cref="ServerIdentity"/>s whether a target is on production's cluster. Pure. Only what the
/// servers report counts, never how the URLs are spelled. Sameness wins over any difference (a cluster restored from
/// production's files counts as production), and a verdict of <see cref="IdentityVerdict.Different"/> needs a part
/// that cannot differ for one cluster: for an identity remembered from an earlier read, the start time and port can
/// (production may have restarted since), so they only ever prove sameness. Another database on production's cluster
/// is production's cluster: SQL run there (a migration's <c>DO</c> block, <c>CREATE DATABASE</c>) reaches production.
/// </summary>
internal static class IdentityComparison
{
    public sealed record Result(IdentityVerdict Verdict, string Reason);

    /// <param name="productionReadNow">True when <paramref name="production"/> was read just now (both servers running as they are), false when it was remembered.</param>
    public static Result Compare(ServerIdentity target, ServerIdentity production, bool productionReadNow)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(production);
        var sameName = target.DatabaseName == production.DatabaseName;
        var sameOid = target.DatabaseOid is { } a && production.DatabaseOid is { } b && a == b;
        var (cluster, why) = Cluster(target, production, productionReadNow);
        switch (cluster)
        {
            case true when sameName || sameOid:
                return new Result(IdentityVerdict.SameDatabase, $"same server ({why}) and same database (\"{target.DatabaseName}\"{(sameOid ? $", oid {target.DatabaseOid}" : "")})");
            case true:
                return new Result(IdentityVerdict.SameServer, $"another database (\"{target.DatabaseName}\") on production's server ({why})");
            case false:
                return new Result(IdentityVerdict.Different, $"another server ({why})");
        }

        // The server is unknown: another database on it may be production's cluster, so a different name settles
        // nothing, and any part that is production's (its name, oid, port, data directory) is a refusal no flag lifts.
        var shared = Shared(target, production);
        return shared.Count > 0
            ? new Result(IdentityVerdict.SharesProductionIdentity, $"the servers could not be told apart ({why}), and it has production's {string.Join(", ", shared)}")
            : new Result(IdentityVerdict.CannotTell, $"a database named \"{target.DatabaseName}\" on a server that could not be told from production's: {why}");
    }

    // True: one cluster; false: two; null: unknown (with what was missing).
    static (bool? Same, string Why) Cluster(ServerIdentity target, ServerIdentity production, bool readNow)
    {
        if (target.SystemIdentifier is not null && production.SystemIdentifier is not null)
        {
            return target.SystemIdentifier == production.SystemIdentifier
                ? (true, $"system identifier {target.SystemIdentifier}")
                : (false, $"system identifier {target.SystemIdentifier}, production's {production.SystemIdentifier}");
        }

        // One postmaster has one start time; two running ones that started in the same microsecond do not happen.
        if (target.StartedAt is { } started && production.StartedAt is { } productionStarted)
        {
            var samePort = target.Port is null || production.Port is null || target.Port == production.Port;
            if (started == productionStarted && samePort)
            {
                return (true, "the same server start time and port");
            }

            if (readNow)
            {
                return (false, "server start times or ports differ");
            }
        }

        // A running server listens on the one port it reports, whichever address or forwarder reached it.
        if (readNow && target.Port is { } port && production.Port is { } productionPort && port != productionPort)
        {
            return (false, string.Create(CultureInfo.InvariantCulture, $"port {port}, production's {productionPort}"));
        }

        if (target.DataDirectory is not null && production.DataDirectory is not null && target.DataDirectory != production.DataDirectory)
        {
            return (false, $"data directory {target.DataDirectory}, production's {production.DataDirectory}");
        }

        return (null, readNow
            ? "neither role could read the server's system identifier (pg_control_system()) or start time (pg_postmaster_start_time())"
            : "production's remembered identity has no system identifier, and a start time may have changed with a restart");
    }

    static List<string> Shared(ServerIdentity target, ServerIdentity production)
    {
        var shared = new List<string>();
        if (target.DatabaseName == production.DatabaseName)
        {
            shared.Add($"database name \"{target.DatabaseName}\"");
        }

        if (target.DatabaseOid is { } oid && oid == production.DatabaseOid)
        {
            shared.Add(string.Create(CultureInfo.InvariantCulture, $"database oid {oid}"));
        }

        if (target.StartedAt is { } started && started == production.StartedAt)
        {
            shared.Add("server start time");
        }

        if (target.Port is { } port && port == production.Port)
        {
            shared.Add(string.Create(CultureInfo.InvariantCulture, $"port {port}"));
        }

        if (target.DataDirectory is { } directory && directory == production.DataDirectory)
        {
            shared.Add("data directory " + directory);
        }

        return shared;
    }
}
