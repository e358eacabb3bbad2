using DriftHooks.Core.Database;

namespace DriftHooks.Core.Rules;

/// <summary>
/// One database as the three-way comparison sees it: not configured, unreachable (with the reason), or its history.
/// <paramref name="Url"/> is redacted; <paramref name="Source"/> names where the URL came from.
/// </summary>
public sealed record DatabaseSide(string Label, DatabaseSideKind Kind, MigrationHistory? History, string? Url, string? Source, string? Problem)
{
    public static DatabaseSide NotConfigured(string label) => new(label, DatabaseSideKind.NotConfigured, null, null, null, null);

    public static DatabaseSide Unreachable(string label, string url, string source, string problem) => new(label, DatabaseSideKind.Unreachable, null, url, source, problem);

    public static DatabaseSide Read(string label, string url, string source, MigrationHistory history) => new(label, DatabaseSideKind.Read, history, url, source, null);

    public bool HasHistory => Kind == DatabaseSideKind.Read && History is { TableExists: true };
}
