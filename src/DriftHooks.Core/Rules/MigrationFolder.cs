namespace DriftHooks.Core.Rules;

/// <summary>A migration folder on one side of a comparison: its name and the blob id of its migration.sql, if any.</summary>
public sealed record MigrationFolder(string Name, string? ScriptId);
