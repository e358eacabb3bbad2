namespace DriftHooks.Core.Prisma.Schema;

/// <summary>
/// A column as PostgreSQL holds it. <see cref="Type"/> is the canonical native type (<c>text</c>,
/// <c>varchar(191)</c>, <c>timestamp(3)</c>, <c>enum "public"."Role"</c>); <see cref="Default"/> a canonical
/// database default, or null when there is none (client-side defaults such as <c>uuid()</c> never reach it).
/// </summary>
internal sealed record DbColumn(string Name, string Type, bool IsArray, bool IsNullable, string? Default);
