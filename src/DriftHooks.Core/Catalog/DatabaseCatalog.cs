namespace DriftHooks.Core.Catalog;

/// <summary>
/// What a database's schemas hold, as read from pg_catalog: plain values, so that the diff is a pure function
/// and tests can build catalogs by hand. Lists are sorted by name. <paramref name="Extensions"/> are the names of
/// the database's extensions (database-wide, not per schema), as read: <c>plpgsql</c> included.
/// </summary>
internal sealed record DatabaseCatalog(
    IReadOnlyList<CatalogTable> Tables,
    IReadOnlyList<CatalogEnum> Enums,
    IReadOnlyList<CatalogView> Views,
    IReadOnlyList<CatalogSequence> Sequences,
    IReadOnlyList<CatalogFunction> Functions,
    IReadOnlyList<CatalogTrigger> Triggers,
    IReadOnlyList<string> Extensions)
{
    /// <summary>A catalog with no functions, triggers or extensions.</summary>
    public DatabaseCatalog(
        IReadOnlyList<CatalogTable> tables, IReadOnlyList<CatalogEnum> enums, IReadOnlyList<CatalogView> views, IReadOnlyList<CatalogSequence> sequences)
        : this(tables, enums, views, sequences, [], [], [])
    {
    }

    public static readonly DatabaseCatalog Empty = new([], [], [], []);
}
