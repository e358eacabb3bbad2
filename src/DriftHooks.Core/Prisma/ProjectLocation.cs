namespace DriftHooks.Core.Prisma;

/// <summary>A project location as configuration names it: a schema file or folder, and optionally its migrations folder.</summary>
internal sealed record ProjectLocation(string Schema, string? Migrations);
