using System.Globalization;

namespace DriftHooks.Core.Database;

/// <summary>
/// Production's identity as remembered from every successful read of it (pre-push, status, doctor, backup, check,
/// sync, drift), in <c>.git/drifthooks/production-identities</c>, so that a target can be compared with production
/// even when production cannot be reached. One line per production database, newest first.
/// </summary>
internal static class ProductionIdentities
{
    const int Kept = 10;

    public sealed record Remembered(ServerIdentity Identity, string Url, DateTimeOffset At);

    public static string PathFor(string stateDirectory) => Path.Combine(stateDirectory, "production-identities");

    public static IReadOnlyList<Remembered> Read(string stateDirectory)
    {
        var path = PathFor(stateDirectory);
        if (!File.Exists(path))
        {
            return [];
        }

        var remembered = new List<Remembered>();
        foreach (var line in Files.RegularFile.ReadLines(path))
        {
            if (Parse(line) is { } entry)
            {
                remembered.Add(entry);
            }
        }

        return remembered;
    }

    /// <summary>Adds or refreshes production's identity; a failure to write costs only the memory, never the read that produced it.</summary>
    public static void Remember(string stateDirectory, ServerIdentity identity, DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            var remembered = Read(stateDirectory);
            if (remembered.Count > 0 && remembered[0].Identity == identity && remembered[0].Url == url.Redacted)
            {
                return;
            }

            var lines = remembered.Where(r => !SameDatabase(r.Identity, identity))
                .Prepend(new Remembered(identity, url.Redacted, DateTimeOffset.UtcNow))
                .Take(Kept)
                .Select(Format);
            Directory.CreateDirectory(stateDirectory);
            var path = PathFor(stateDirectory);
            Files.FileWriter.ReplaceLines(path, lines);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Files.UnsafeFileException)
        {
            // A read-only git directory: the read itself is unaffected.
        }
    }

    // One entry per production database; a restart only refreshes it.
    static bool SameDatabase(ServerIdentity a, ServerIdentity b) =>
        a.DatabaseName == b.DatabaseName && a.DatabaseOid == b.DatabaseOid && a.SystemIdentifier == b.SystemIdentifier
        && a.Port == b.Port && a.DataDirectory == b.DataDirectory;

    static string Format(Remembered r) => string.Join('\t', new[]
    {
        r.At.ToString("O", CultureInfo.InvariantCulture),
        r.Url,
        r.Identity.DatabaseName,
        r.Identity.DatabaseOid?.ToString(CultureInfo.InvariantCulture),
        r.Identity.SystemIdentifier,
        r.Identity.StartedAt?.ToString("O", CultureInfo.InvariantCulture),
        r.Identity.Port?.ToString(CultureInfo.InvariantCulture),
        r.Identity.DataDirectory,
    }.Select(f => f is null ? "-" : Uri.EscapeDataString(f)));

    static Remembered? Parse(string line)
    {
        var f = line.Split('\t').Select(p => p == "-" ? null : Uri.UnescapeDataString(p)).ToArray();
        if (f.Length != 8 || f[0] is null || f[1] is null || f[2] is null
            || !DateTimeOffset.TryParse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            return null;
        }

        long? oid = long.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : null;
        DateTimeOffset? started = DateTimeOffset.TryParse(f[5], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var s) ? s : null;
        int? port = int.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        return new Remembered(new ServerIdentity(f[2]!, oid, f[4], started, port, f[7]), f[1]!, at);
    }
}
