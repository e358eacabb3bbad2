namespace DriftHooks.Core.Database;

/// <summary>
/// What a database says it has applied: either no <c>_prisma_migrations</c> table at all (never migrated by
/// Prisma, or another schema), or its rows ordered by <c>started_at</c> as Prisma reads them.
/// </summary>
internal sealed class MigrationHistory
{
    MigrationHistory(string schema, bool tableExists, IReadOnlyList<MigrationRecord> records)
    {
        Schema = schema;
        TableExists = tableExists;
        Records = records;
    }

    /// <summary>The schema that was searched for <c>_prisma_migrations</c>.</summary>
    public string Schema { get; }

    public bool TableExists { get; }

    /// <summary>The rows, oldest start first; empty when the table is missing.</summary>
    public IReadOnlyList<MigrationRecord> Records { get; }

    public static MigrationHistory TableMissing(string schema) => new(schema, false, []);

    public static MigrationHistory FromRecords(string schema, IReadOnlyList<MigrationRecord> records) => new(schema, true, records);
}
