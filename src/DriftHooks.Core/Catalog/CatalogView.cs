namespace DriftHooks.Core.Catalog;

/// <summary>A view or materialized view; <paramref name="Definition"/> is <c>pg_get_viewdef</c>'s text.</summary>
internal sealed record CatalogView(string Schema, string Name, bool Materialized, string Definition);
