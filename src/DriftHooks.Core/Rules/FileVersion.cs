namespace DriftHooks.Core.Rules;

/// <summary>A file as one snapshot holds it.</summary>
internal sealed record FileVersion(string Path, string ObjectId);
