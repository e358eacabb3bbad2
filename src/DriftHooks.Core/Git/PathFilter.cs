namespace DriftHooks.Core.Git;

/// <summary>Chooses index entries by their raw path bytes, so that skipped entries cost no string.</summary>
internal delegate bool PathFilter(ReadOnlySpan<byte> path);
