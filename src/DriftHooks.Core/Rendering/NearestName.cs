namespace DriftHooks.Core.Rendering;

/// <summary>The name a mistyped word most likely meant (<c>statsu</c> → <c>status</c>), for a "did you mean" hint.</summary>
internal static class NearestName
{
    /// <summary>
    /// The one name within two edits of <paramref name="typed"/> (an insertion, deletion, substitution or swap of
    /// neighbours each), the nearest; null when none is that near or two are equally near.
    /// </summary>
    public static string? Of(string typed, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var ranked = names.Select(n => (Name: n, Distance: Distance(typed.ToLowerInvariant(), n))).Where(n => n.Distance <= 2).OrderBy(n => n.Distance).ToList();
        return ranked.Count == 0 || (ranked.Count > 1 && ranked[1].Distance == ranked[0].Distance) ? null : ranked[0].Name;
    }

    // Optimal string alignment distance: Levenshtein with a swap of two neighbours as one edit.
    static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
