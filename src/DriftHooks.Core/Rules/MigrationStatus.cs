using DriftHooks.Core.Database;

namespace DriftHooks.Core.Rules;

/// <summary>One migration's state, with the database row that decided it (if any).</summary>
public sealed record MigrationStatus(string Name, MigrationState State, MigrationRecord? Record);
