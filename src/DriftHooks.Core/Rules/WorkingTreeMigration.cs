namespace DriftHooks.Core.Rules;

/// <summary>A migration folder as it stands in the working tree.</summary>
internal sealed record WorkingTreeMigration(string Name, bool HasScript);
