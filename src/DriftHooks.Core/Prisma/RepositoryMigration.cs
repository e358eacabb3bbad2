namespace DriftHooks.Core.Prisma;

/// <summary>A migration folder of a commit: its name and the bytes of its migration.sql (null when the folder has none).</summary>
/// <param name="ScriptIsLink">migration.sql is committed as a symbolic link (mode 120000); <paramref name="Script"/> then holds the path it points to.</param>
internal sealed record RepositoryMigration(string Name, byte[]? Script, bool ScriptIsLink = false);
