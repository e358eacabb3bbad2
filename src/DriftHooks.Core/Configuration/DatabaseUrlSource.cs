namespace DriftHooks.Core.Configuration;

/// <summary>A database URL and where it came from (named in messages; the URL itself is never printed unmasked).</summary>
/// <param name="Url">The URL as read.</param>
/// <param name="Source">Where it was read from: "environment variable DATABASE_URL", "NEXT_PRIVATE_DATABASE_URL in .env".</param>
/// <param name="WhereToSet">Which setting is read for this database and where it may be put.</param>
/// <param name="Variable">The environment variable it was read from, spelled as the environment has it; null when it came from a file.</param>
internal sealed record DatabaseUrlSource(string Url, string Source, string? WhereToSet = null, string? Variable = null)
{
    /// <summary>The parsed URL, remembering where it came from (<see cref="Database.DatabaseUrl.Origin"/>).</summary>
    public Database.DatabaseUrl Parse() => Database.DatabaseUrl.Parse(Url).From(Source, WhereToSet);
}
