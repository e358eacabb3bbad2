namespace DriftHooks.Core.Rules;

/// <summary>What is known about one database of the three-way picture.</summary>
public enum DatabaseSideKind
{
    NotConfigured,
    Unreachable,
    Read,
}
