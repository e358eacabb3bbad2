using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Database;

/// <summary>
/// The fix for a database that could not be reached, decided once for <c>status</c> (DH400), <c>doctor</c> and
/// pre-push (DH200): it answers what the connection attempt told (refused, no such host, wrong or missing password,
/// no answer), names the server's host and port and where its URL was read from, and ends with the command that
/// checks again. Pure.
/// </summary>
internal static class UnreachableFix
{
    /// <param name="server">The server and what the attempt told.</param>
    /// <param name="isLocal">The developer's own server, which they start themselves; production is only made reachable.</param>
    /// <param name="then">The command that checks again ("drifthooks status", "git push origin main").</param>
    public static string For(UnreachableServer server, bool isLocal, string then)
    {
        ArgumentNullException.ThrowIfNull(server);
        var url = $"the URL in {server.Source}";
        var what = server.Failure switch
        {
            ConnectionFailure.Refused => isLocal
                ? $"start the PostgreSQL server on {FixText.Quote(server.Address)} (pg_ctl start -D <its data directory>, docker start <its container>, or your service manager; if it listens on another port, correct {url})"
                : $"make production's server on {FixText.Quote(server.Address)} reachable: nothing answered there (is it up? VPN, firewall; a wrong port is corrected in {url})",
            ConnectionFailure.UnknownHost => $"correct the host {FixText.Quote(server.Host ?? "")} of {url}, or join the network or VPN that resolves it",
            ConnectionFailure.WrongPassword => $"correct the password of user {FixText.Quote(server.User ?? "")} in {url} (percent-encode special characters)",
            ConnectionFailure.MissingPassword => $"put the password of user {FixText.Quote(server.User ?? "")} into {url} (percent-encoded, after the user name and a colon)",
            ConnectionFailure.TimedOut => $"make {FixText.Quote(server.Address)} reachable from this machine: it did not answer in time (is it up? network, firewall, VPN)",
            _ => isLocal ? $"start the local database server on {FixText.Quote(server.Address)}, or correct {url}" : "make production reachable (VPN, credentials)",
        };
        return $"{what}, then {then}";
    }
}
