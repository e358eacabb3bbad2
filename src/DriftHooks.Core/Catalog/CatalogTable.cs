namespace DriftHooks.Core.Catalog;

/// <summary>A table with what belongs to it; a table missing on one side is reported once, not per part.</summary>
internal sealed record CatalogTable(
    string Schema,
    string Name,
    IReadOnlyList<CatalogColumn> Columns,
    IReadOnlyList<CatalogConstraint> Constraints,
    IReadOnlyList<CatalogIndex> Indexes);
