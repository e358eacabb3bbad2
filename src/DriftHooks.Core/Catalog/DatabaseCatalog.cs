namespace DriftHooks.Core.Catalog;

/// <summary>
/// What a database's schemas hold, as read from pg_catalog: plain values, so that the diff is a pure function
/// and tests can build catalogs by hand. Lists are sorted by name.
/// </summary>
public sealed record DatabaseCatalog(
    IReadOnlyList<CatalogTable> Tables,
    IReadOnlyList<CatalogEnum> Enums,
    IReadOnlyList<CatalogView> Views,
    IReadOnlyList<CatalogSequence> Sequences)
{
    public static readonly DatabaseCatalog Empty = new([], [], [], []);
}
