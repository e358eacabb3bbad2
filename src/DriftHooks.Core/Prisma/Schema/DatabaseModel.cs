namespace DriftHooks.Core.Prisma.Schema;

/// <summary>
/// What a Prisma schema puts into a PostgreSQL database, keyed by database names: tables, enums and
/// extensions. Nothing client-only (generators, relation names, client-side defaults) is in it.
/// </summary>
internal sealed class DatabaseModel
{
    public Dictionary<string, DbTable> Tables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DbEnum> Enums { get; } = new(StringComparer.Ordinal);

    /// <summary>Extension name to a canonical rendering of its arguments (schema, version).</summary>
    public Dictionary<string, string> Extensions { get; } = new(StringComparer.Ordinal);

    /// <summary>Display form: <c>public</c> objects unqualified, others as <c>schema.name</c>.</summary>
    public static string Qualify(string schema, string name) => schema == "public" ? name : schema + "." + name;

    /// <summary>A deep copy, for replaying migrations on it without touching this one.</summary>
    public DatabaseModel Clone()
    {
        var copy = new DatabaseModel();
        foreach (var (key, table) in Tables)
        {
            copy.Tables[key] = table.CopyAs(table.Schema, table.Name);
        }

        foreach (var (key, value) in Enums)
        {
            copy.Enums[key] = value;
        }

        foreach (var (key, value) in Extensions)
        {
            copy.Extensions[key] = value;
        }

        return copy;
    }
}
