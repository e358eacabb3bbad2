namespace DriftHooks.Core.Rules;

/// <summary>What is known about one database of the three-way picture.</summary>
internal enum DatabaseSideKind
{
    NotConfigured,
    Unreachable,
    Read,
}
