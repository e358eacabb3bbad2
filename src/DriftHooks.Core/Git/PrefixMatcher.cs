using System.Text;

namespace DriftHooks.Core.Git;

/// <summary>
/// Matches index paths against repository-relative prefixes on raw bytes, so skipped entries cost
/// no string allocation and non-UTF-8 paths still compare exactly.
/// </summary>
internal sealed class PrefixMatcher : IEntrySelector
{
    private readonly byte[][] _prefixes;

    public PrefixMatcher(IReadOnlyList<string> prefixes)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        var list = new List<byte[]>(prefixes.Count);
        foreach (var prefix in prefixes)
        {
            ArgumentNullException.ThrowIfNull(prefix, nameof(prefixes));
            // Tolerate "prisma/" and "./prisma" although callers should pass "prisma".
            var trimmed = prefix.TrimEnd('/');
            if (trimmed.StartsWith("./", StringComparison.Ordinal))
            {
                trimmed = trimmed[2..];
            }

            if (trimmed.Length == 0 || trimmed == ".")
            {
                MatchesAll = true;
            }

            list.Add(Encoding.UTF8.GetBytes(trimmed));
        }

        _prefixes = [.. list];
    }

    /// <summary>An empty prefix was given: every entry matches.</summary>
    public bool MatchesAll { get; }

    /// <summary>The path equals a prefix or lies under it ("prisma" matches "prisma/x", not "prisma2/x").</summary>
    public bool Matches(ReadOnlySpan<byte> path)
    {
        if (MatchesAll)
        {
            return true;
        }

        foreach (var prefix in _prefixes)
        {
            if (path.StartsWith(prefix) && (path.Length == prefix.Length || path[prefix.Length] == (byte)'/'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A sparse directory entry ("app/", with its trailing slash) hides every path under it: true when
    /// it overlaps a prefix either way, so the caller refuses instead of answering without those paths.
    /// </summary>
    public bool OverlapsDirectory(ReadOnlySpan<byte> directoryWithSlash)
    {
        if (Matches(directoryWithSlash))
        {
            return true;
        }

        var directory = directoryWithSlash.TrimEnd((byte)'/');
        foreach (var prefix in _prefixes)
        {
            // The prefix lies inside the sparse directory: "app" hides "app/prisma".
            if (prefix.AsSpan().StartsWith(directory)
                && (prefix.Length == directory.Length || prefix[directory.Length] == (byte)'/'))
            {
                return true;
            }
        }

        return false;
    }
}
