namespace DriftHooks.Core.Database;

/// <summary>How a target database relates to production.</summary>
internal enum IdentityVerdict
{
    /// <summary>Another database: another server, or another database on production's server.</summary>
    Different,

    /// <summary>Production's database itself (or a physical copy of its cluster).</summary>
    SameDatabase,

    /// <summary>What the roles could read does not settle it.</summary>
    CannotTell,
}

/// <summary>
/// Decides from two <see cref="ServerIdentity"/>s whether a target is production's database. Pure. Only what the
/// servers report counts, never how the URLs are spelled. Sameness wins over any difference (a cluster restored from
/// production's files counts as production), and a verdict of <see cref="IdentityVerdict.Different"/> needs a part
/// that cannot differ for one database: for an identity remembered from an earlier read, the start time can (production
/// may have restarted since), so it only ever proves sameness.
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
                return new Result(IdentityVerdict.Different, $"another database (\"{target.DatabaseName}\") on production's server ({why})");
            case false:
                return new Result(IdentityVerdict.Different, $"another server ({why})");
        }

        // The server is unknown. One server never holds two databases of one name, and a database keeps its oid, so a
        // differing name settles it when production was read now; a remembered one could have been renamed since.
        if (!sameName && (productionReadNow || (target.DatabaseOid is not null && production.DatabaseOid is not null && !sameOid)))
        {
            return new Result(IdentityVerdict.Different, $"another database (\"{target.DatabaseName}\", production's is \"{production.DatabaseName}\")");
        }

        return new Result(IdentityVerdict.CannotTell, $"both are a database named \"{target.DatabaseName}\", and the servers could not be told apart: {why}");
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

        if (target.DataDirectory is not null && production.DataDirectory is not null && target.DataDirectory != production.DataDirectory)
        {
            return (false, $"data directory {target.DataDirectory}, production's {production.DataDirectory}");
        }

        return (null, readNow
            ? "neither role could read the server's system identifier (pg_control_system()) or start time (pg_postmaster_start_time())"
            : "production's remembered identity has no system identifier, and a start time may have changed with a restart");
    }
}
