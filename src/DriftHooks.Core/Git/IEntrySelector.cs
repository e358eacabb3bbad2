namespace DriftHooks.Core.Git;

/// <summary>Chooses which index entries <see cref="GitIndexReader"/> returns, on raw path bytes.</summary>
internal interface IEntrySelector
{
    bool Matches(ReadOnlySpan<byte> path);

    /// <summary>Could a collapsed sparse directory ("dir/") hide entries this selector wants?</summary>
    bool OverlapsDirectory(ReadOnlySpan<byte> directoryWithSlash);
}
