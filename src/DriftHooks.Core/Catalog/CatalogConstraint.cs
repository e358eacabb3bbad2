namespace DriftHooks.Core.Catalog;

/// <summary>
/// A table constraint. <paramref name="Definition"/> is <c>pg_get_constraintdef</c>'s text (columns, referenced
/// table and columns, actions, check expression) and is what is compared; the other fields make messages precise.
/// </summary>
internal sealed record CatalogConstraint(
    string Name,
    ConstraintKind Kind,
    IReadOnlyList<string> Columns,
    string Definition,
    string? ReferencedTable = null,
    IReadOnlyList<string>? ReferencedColumns = null,
    string? OnDelete = null,
    string? OnUpdate = null);
