namespace DriftHooks.Core.Catalog;

/// <summary>
/// An index not backing a primary key, unique or exclusion constraint (those are compared as constraints).
/// <paramref name="Definition"/> is <c>pg_get_indexdef</c> from <c>USING</c> on (method, keys, opclasses, predicate),
/// so that the index's own name and table do not count; <paramref name="CreateStatement"/> is the whole text.
/// </summary>
internal sealed record CatalogIndex(
    string Name,
    bool IsUnique,
    string Method,
    IReadOnlyList<string> Keys,
    string? Predicate,
    string Definition,
    string CreateStatement);
