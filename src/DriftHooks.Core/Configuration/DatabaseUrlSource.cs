namespace DriftHooks.Core.Configuration;

/// <summary>A database URL and where it came from (named in messages; the URL itself is never printed unmasked).</summary>
public sealed record DatabaseUrlSource(string Url, string Source);
