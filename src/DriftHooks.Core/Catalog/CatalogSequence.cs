namespace DriftHooks.Core.Catalog;

/// <summary>
/// A sequence's settings (not its current value, which differs by use). <paramref name="OwnedByTable"/> and
/// <paramref name="OwnedByColumn"/> name the serial or identity column owning it, if any.
/// </summary>
internal sealed record CatalogSequence(
    string Schema,
    string Name,
    string DataType,
    long Start,
    long Increment,
    long Min,
    long Max,
    bool Cycle,
    string? OwnedByTable = null,
    string? OwnedByColumn = null);
