namespace DriftHooks.Core.Git;

/// <summary>Selects entries with a caller's predicate; any collapsed sparse directory may hide a match.</summary>
internal sealed class FilterSelector(PathFilter filter) : IEntrySelector
{
    public bool Matches(ReadOnlySpan<byte> path) => filter(path);

    public bool OverlapsDirectory(ReadOnlySpan<byte> directoryWithSlash) => true;
}
