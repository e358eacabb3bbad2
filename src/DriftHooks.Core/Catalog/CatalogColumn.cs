namespace DriftHooks.Core.Catalog;

/// <summary>
/// A column. <paramref name="Type"/> is <c>format_type</c>'s text (typmods included, e.g. <c>character varying(255)</c>);
/// <paramref name="Default"/> is the default expression (or a generated column's expression) as PostgreSQL prints it.
/// </summary>
internal sealed record CatalogColumn(
    string Name,
    string Type,
    bool NotNull,
    string? Default,
    ColumnIdentity Identity = ColumnIdentity.None,
    bool Generated = false);
