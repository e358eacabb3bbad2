namespace DriftHooks.Core.Catalog;

/// <summary>An identity column's kind (<c>pg_attribute.attidentity</c>); serial columns are plain defaults.</summary>
internal enum ColumnIdentity
{
    None,
    Always,
    ByDefault,
}
