namespace DriftHooks.Core.Database;

/// <summary>
/// A database server a connection attempt did not get through to, as a fix needs it: where it is
/// (<paramref name="Address"/>, never a password), the URL's host and user, where the URL was read from
/// (<paramref name="Source"/>: "DATABASE_URL in .env") and what the attempt told (<paramref name="Failure"/>).
/// </summary>
internal sealed record UnreachableServer(string Address, string? Host, string? User, string Source, ConnectionFailure Failure)
{
    /// <summary>The server <paramref name="url"/> names, read from <paramref name="source"/>, after <paramref name="error"/>.</summary>
    public static UnreachableServer Of(DatabaseUrl url, string source, Exception error)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new(url.Address, url.Host, url.Username, source, DatabaseFailure.Classify(error));
    }
}
