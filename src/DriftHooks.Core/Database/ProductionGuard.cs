using DriftHooks.Core.Findings;

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
/// server reports (<see cref="IdentityComparison"/>). Production's database is refused (exit 4) whatever the flags;
/// a target that cannot be told apart from a production that is known is refused (exit 5) unless the user confirmed
/// with <see cref="ConfirmFlag"/>. With no production configured and none remembered there is nothing to compare with.
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
                + $"Make production reachable once (drifthooks status remembers its identity), or, after checking that {url.Redacted} is not production, run again with {ConfirmFlag}.");
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
        if (verdicts.FirstOrDefault(v => v.Result.Verdict == IdentityVerdict.SameDatabase) is { What: not null } same)
        {
            throw new TargetIsProductionException(
                $"Refusing to write to {url.Redacted}: the server reports it is {same.What}: {same.Result.Reason}. DriftHooks never writes production, however the URL spells it. "
                + $"{PointElsewhere(url)} {(_remembered.Count > 0 ? $"If that server really is not production (a remembered identity is out of date), delete {ProductionIdentities.PathFor(_stateDirectory!)} and run again." : "")}");
        }

        if (_confirmed || verdicts.All(v => v.Result.Verdict == IdentityVerdict.Different))
        {
            return;
        }

        var unsure = verdicts.First(v => v.Result.Verdict == IdentityVerdict.CannotTell);
        throw new TargetNotVerifiedException(
            $"Refusing to write to {url.Redacted}: DriftHooks cannot tell it from {unsure.What}: {unsure.Result.Reason}. "
            + $"Grant the roles pg_monitor (or EXECUTE on pg_control_system()), or make production reachable so it is read now; or, after checking that {url.Redacted} is not production, run again with {ConfirmFlag}.");
    }

    // Names the setting actually read for this URL and where it came from, when a resolver read it.
    static string PointElsewhere(DatabaseUrl url) => url.Origin is { } origin
        ? $"This URL is read from {origin}: point {url.WhereToSet ?? "that setting"} at a development database instead."
        : "Point the URL this command was given at a development database.";
}

/// <summary>The target of a write is production's database: exit 4, never overridable.</summary>
internal sealed class TargetIsProductionException(string message) : DriftHooksException(message, ExitCodes.TargetIsProduction);

/// <summary>The target of a write cannot be told apart from production: exit 5, unless the user confirms with <see cref="ProductionGuard.ConfirmFlag"/>.</summary>
internal sealed class TargetNotVerifiedException(string message) : DriftHooksException(message, ExitCodes.TargetNotVerified);
