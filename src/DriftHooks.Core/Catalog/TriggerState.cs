namespace DriftHooks.Core.Catalog;

/// <summary>
/// When a trigger fires (<c>pg_trigger.tgenabled</c>, set by <c>ALTER TABLE … ENABLE/DISABLE TRIGGER</c>):
/// <c>O</c> <see cref="Enabled"/> (the default), <c>D</c> <see cref="Disabled"/>, <c>R</c> <see cref="Replica"/>
/// (only in sessions with <c>session_replication_role = replica</c>), <c>A</c> <see cref="Always"/> (in every session).
/// </summary>
internal enum TriggerState
{
    Enabled,
    Disabled,
    Replica,
    Always,
}
