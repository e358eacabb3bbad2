namespace DriftHooks.Core.Rules;

/// <summary>A migration folder of a commit: its name and the bytes of its migration.sql (null when the folder has none).</summary>
public sealed record RepositoryMigration(string Name, byte[]? Script);
