using DriftHooks.Core.Prisma.Schema;

namespace DriftHooks.Core.Prisma.Ddl;

/// <summary>A statement the interpreter could not follow and that might change what the model holds.</summary>
internal sealed record UnfollowedStatement(string Migration, int Line, string Text, string Reason)
{
    /// <summary>The statement's first line, shortened, for messages.</summary>
    public string Excerpt
    {
        get
        {
            var first = Text.Split('\n')[0].Trim();
            return first.Length > 60 ? first[..60] + "…" : first;
        }
    }
}

/// <summary>
/// The model a set of migration scripts leaves, and what the model cannot say precisely: statements not followed,
/// and indexes or column defaults whose PostgreSQL form Prisma's schema cannot express one-to-one (an expression or
/// partial index, a default after a type change), which a comparison must not refuse on.
/// </summary>
internal sealed class DdlReplay(DatabaseModel model)
{
    public DatabaseModel Model { get; } = model;

    public List<UnfollowedStatement> Unfollowed { get; } = [];

    /// <summary>Keys <c>table|index</c> (table qualified).</summary>
    public HashSet<string> ImpreciseIndexes { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys <c>table|column</c> (table qualified).</summary>
    public HashSet<string> ImpreciseDefaults { get; } = new(StringComparer.Ordinal);

    /// <summary>Named check constraints the scripts created (keys <c>table|name</c>): not modelled, but known to exist.</summary>
    public HashSet<string> CheckConstraints { get; } = new(StringComparer.Ordinal);

    /// <summary>Temporary tables the scripts created and have not dropped (names): never part of the model.</summary>
    public HashSet<string> TemporaryTables { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether every statement was followed, so that the model is what the scripts produce.</summary>
    public bool Complete => Unfollowed.Count == 0;

    public static string Key(string table, string name) => table + "|" + name;
}
