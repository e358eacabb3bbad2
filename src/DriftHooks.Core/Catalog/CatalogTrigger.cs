namespace DriftHooks.Core.Catalog;

/// <summary>
/// A trigger a user created on a table (<c>NOT tgisinternal</c>: not the ones behind foreign keys).
/// <paramref name="Definition"/> is <c>pg_get_triggerdef</c>'s <c>CREATE TRIGGER …</c> text; it does not carry whether
/// the trigger fires, so <paramref name="State"/> (<c>pg_trigger.tgenabled</c>) is read and compared beside it.
/// </summary>
internal sealed record CatalogTrigger(string Schema, string Table, string Name, string Definition, TriggerState State);
