namespace DriftHooks.Core.Catalog;

/// <summary>An enum type and its labels in their sort order.</summary>
internal sealed record CatalogEnum(string Schema, string Name, IReadOnlyList<string> Values);
