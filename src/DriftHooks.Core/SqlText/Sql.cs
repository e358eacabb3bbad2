namespace DriftHooks.Core.SqlText;

/// <summary>SQL text helpers: identifiers cannot be parameters, so they are quoted here and nowhere else.</summary>
internal static class Sql
{
    public const string MigrationsTable = "_prisma_migrations";

    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string MigrationsTableIn(string schema) => QuoteIdentifier(schema) + "." + QuoteIdentifier(MigrationsTable);

    /// <summary>Prisma's own DDL for the history table (PostgreSQL), in the given schema.</summary>
    public static string CreateMigrationsTable(string schema) =>
        $"""
        CREATE TABLE {MigrationsTableIn(schema)} (
            "id" VARCHAR(36) NOT NULL,
            "checksum" VARCHAR(64) NOT NULL,
            "finished_at" TIMESTAMPTZ,
            "migration_name" VARCHAR(255) NOT NULL,
            "logs" TEXT,
            "rolled_back_at" TIMESTAMPTZ,
            "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
            "applied_steps_count" INTEGER NOT NULL DEFAULT 0,

            CONSTRAINT "_prisma_migrations_pkey" PRIMARY KEY ("id")
        );
        """;
}
