using DriftHooks.Core.Findings;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Database;

/// <summary>What the guard is told about production before anything is written.</summary>
/// <param name="Url">Production's URL, or null when none is configured.</param>
/// <param name="StateDirectory">The repository's <c>.git/drifthooks</c> (remembered identities), or null outside a repository.</param>
/// <param name="TargetConfirmedNotProduction">The user passed <see cref="ProductionGuard.ConfirmFlag"/>: when the servers cannot be told apart, the target is taken as not production.</param>
internal sealed record ProductionReference(DatabaseUrl? Url, DatabaseConnectionOptions Connection, string? StateDirectory, bool TargetConfirmedNotProduction);

/// <summary>
/// Production's identity as this command read it, handed on as data: a guard made from it does not connect to
/// production again (pre-push reads production's identity with its history; its exact check's guard is made from that).
/// </summary>
/// <param name="Identity">Which database production is, as its server reported; null when it could not be read.</param>
/// <param name="Unreadable">Why not (unreachable, or a role that may not read it); null when read, or when no production is configured.</param>
internal sealed record ProductionIdentityRead(ServerIdentity? Identity, string? Unreadable)
{
    /// <summary>No production configured: nothing read, the identities remembered in the repository are all there is.</summary>
    public static ProductionIdentityRead NotConfigured { get; } = new(null, null);

    /// <summary>What a production read got for the identity (awaited), or why it got none.</summary>
    public static async Task<ProductionIdentityRead> OfAsync(ProductionRead production)
    {
        ArgumentNullException.ThrowIfNull(production);
        try
        {
            return Of(await production.Identity.ConfigureAwait(false), production.Url);
        }
        catch (ResourceUnavailableException e)
        {
            return new(null, e.Message);
        }
    }

    internal static ProductionIdentityRead Of(ServerIdentity? identity, DatabaseUrl url) =>
        new(identity, identity is null ? $"the production role may not read even its database's name or oid on {url.Redacted}" : null);
}

/// <summary>
/// The only way to a <see cref="WritableDatabase"/>: it holds production's identity (read now, else remembered) and
/// every writable connection is checked against it on that very connection, before its first statement, by what the
/// server reports (<see cref="IdentityComparison"/>). Production's cluster is refused (exit 4) whatever the flags and
/// whatever the database's name, and so is a server that cannot be told from production's while any part of its
/// identity is production's; a target that cannot be told apart from a production that is known, with nothing of
/// production's, is refused (exit 5) unless the user confirmed with <see cref="ConfirmFlag"/>. With no production configured and none remembered there is nothing to compare with.
/// </summary>
internal sealed class ProductionGuard
{
    public const string ConfirmFlag = "--target-is-not-production";

    readonly ServerIdentity? _live;
    readonly IReadOnlyList<ProductionIdentities.Remembered> _remembered;
    readonly string? _unreachable;
    readonly bool _confirmed;
    readonly string? _stateDirectory;

    internal ProductionGuard(ServerIdentity? live, IReadOnlyList<ProductionIdentities.Remembered> remembered, string? unreachable, bool confirmed, string? stateDirectory)
    {
        _stateDirectory = stateDirectory;
        _live = live;
        _remembered = remembered;
        _unreachable = unreachable;
        _confirmed = confirmed;
    }

    /// <summary>Reads production's identity (remembering it) when production is configured; falls back to the remembered ones when it cannot be reached.</summary>
    public static async Task<ProductionGuard> PrepareAsync(ProductionReference production, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(production);
        var read = ProductionIdentityRead.NotConfigured;
        if (production.Url is { } url)
        {
            try
            {
                await using var database = await ReadOnlyDatabase.OpenAsync(url, production.Connection, cancellationToken).ConfigureAwait(false);
                read = ProductionIdentityRead.Of(await database.ReadIdentityAsync(production.StateDirectory, cancellationToken).ConfigureAwait(false), url);
            }
            catch (ResourceUnavailableException e)
            {
                read = new ProductionIdentityRead(null, e.Message);
            }
        }

        return From(read, production.StateDirectory, production.TargetConfirmedNotProduction);
    }

    /// <summary>The guard for production's identity as already read (<paramref name="read"/>), with the identities remembered in <paramref name="stateDirectory"/>: production is not connected to again.</summary>
    public static ProductionGuard From(ProductionIdentityRead read, string? stateDirectory, bool targetConfirmedNotProduction)
    {
        ArgumentNullException.ThrowIfNull(read);
        var remembered = stateDirectory is null ? [] : ProductionIdentities.Read(stateDirectory);
        return new ProductionGuard(read.Identity, remembered, read.Unreadable, targetConfirmedNotProduction, stateDirectory);
    }

    /// <summary>The guard for a production read already under way (its identity read right after connecting), with the identities remembered in <paramref name="stateDirectory"/>.</summary>
    public static async Task<ProductionGuard> FromReadAsync(ProductionRead production, string? stateDirectory, bool targetConfirmedNotProduction)
    {
        ArgumentNullException.ThrowIfNull(production);
        return From(ProductionIdentityRead.Of(await production.Identity.ConfigureAwait(false), production.Url), stateDirectory, targetConfirmedNotProduction);
    }

    /// <summary>The decision for one target: returns when it may be written, throws otherwise. <paramref name="target"/> is null when its identity could not be read.</summary>
    internal void Authorize(DatabaseUrl url, ServerIdentity? target)
    {
        var known = new List<(ServerIdentity Identity, bool ReadNow, string What)>();
        if (_live is not null)
        {
            known.Add((_live, true, "production (read just now)"));
        }

        known.AddRange(_remembered.Where(r => r.Identity != _live).Select(r => (r.Identity, false, $"production {r.Url} (remembered from {r.At:u})")));
        if (known.Count == 0)
        {
            if (_unreachable is null || _confirmed)
            {
                return;
            }

            throw new TargetNotVerifiedException(
                $"Refusing to write to {url.Redacted}: production could not be read to compare it with ({_unreachable}), and no identity of production is remembered in this repository, so DriftHooks cannot tell whether this is production's database. "
                + $"Make production reachable once ({Installation.Invocation.ForThisProcess(_stateDirectory).Command("status")} remembers its identity), or, after checking that {url.Redacted} is not production, run again with {ConfirmFlag}.");
        }

        if (target is null)
        {
            if (_confirmed)
            {
                return;
            }

            throw new TargetNotVerifiedException(
                $"Refusing to write to {url.Redacted}: the server did not let this role read which database it is (current_database(), pg_database), so DriftHooks cannot tell it from production. "
                + $"After checking that it is not production, run again with {ConfirmFlag}.");
        }

        var verdicts = known.Select(k => (k.What, Result: IdentityComparison.Compare(target, k.Identity, k.ReadNow))).ToList();
        if (verdicts.FirstOrDefault(v => v.Result.Verdict is IdentityVerdict.SameDatabase or IdentityVerdict.SameServer or IdentityVerdict.SharesProductionIdentity) is { What: not null } refused)
        {
            throw new TargetIsProductionException(Refusal(url, refused.What, refused.Result));
        }

        if (_confirmed || verdicts.All(v => v.Result.Verdict == IdentityVerdict.Different))
        {
            return;
        }

        var unsure = verdicts.First(v => v.Result.Verdict == IdentityVerdict.CannotTell);
        throw new TargetNotVerifiedException(
            $"Refusing to write to {url.Redacted}: DriftHooks cannot tell its server from {unsure.What}: {unsure.Result.Reason}. "
            + $"{ReadableIdentity(url)}, or make production reachable so it is read now; or, after checking that {url.Redacted} is not on production's server, run again with {ConfirmFlag}.");
    }

    string Refusal(DatabaseUrl url, string what, IdentityComparison.Result result)
    {
        var stale = _remembered.Count > 0 ? $" If that server really is not production (a remembered identity is out of date), delete {ProductionIdentities.PathFor(_stateDirectory!)} and run again." : "";
        return result.Verdict switch
        {
            IdentityVerdict.SameDatabase =>
                $"Refusing to write to {url.Redacted}: the server reports it is {what}: {result.Reason}. DriftHooks never writes production, however the URL spells it. {PointElsewhere(url)}{stale}",
            IdentityVerdict.SameServer =>
                $"Refusing to write to {url.Redacted}: the server reports it is the server of {what}: {result.Reason}. DriftHooks never creates, replays or drops anything on production's server, whatever the database's name: "
                + $"SQL run there (a migration's DO block, CREATE DATABASE) can reach production's own database. {PointElsewhere(url)}{stale}",
            _ =>
                $"Refusing to write to {url.Redacted}: DriftHooks cannot tell its server from {what}: {result.Reason}. It may be production's server, and {ConfirmFlag} does not settle that. "
                + $"{ReadableIdentity(url)}, so that the servers can be told apart; or {PointElsewhere(url, lowercase: true)}{stale}",
        };
    }

    static string ReadableIdentity(DatabaseUrl url) =>
        $"Let both roles, this URL's and production's, read their server's system identifier (as a superuser on each server, e.g. GRANT EXECUTE ON FUNCTION pg_catalog.pg_control_system() TO {(url.Username is { } user ? Sql.QuoteIdentifier(user) : "PUBLIC")};)";

    // Names the setting actually read for this URL and where it came from, when a resolver read it.
    static string PointElsewhere(DatabaseUrl url, bool lowercase = false)
    {
        var text = url.Origin is { } origin
            ? $"This URL is read from {origin}: point {url.WhereToSet ?? "that setting"} at a database on a development server instead."
            : "Point the URL this command was given at a database on a development server.";
        return lowercase ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}

/// <summary>The target of a write is on production's cluster (or cannot be told from it and has part of its identity): exit 4, never overridable.</summary>
internal sealed class TargetIsProductionException(string message) : DriftHooksException(message, ExitCodes.TargetIsProduction);

/// <summary>The target of a write cannot be told apart from production: exit 5, unless the user confirms with <see cref="ProductionGuard.ConfirmFlag"/>.</summary>
internal sealed class TargetNotVerifiedException(string message) : DriftHooksException(message, ExitCodes.TargetNotVerified);
