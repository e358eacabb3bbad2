using DriftHooks.Core.Database;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Rules;

/// <summary>
/// One database as the three-way comparison sees it: not configured, unreachable (with the reason), or its history.
/// <paramref name="Url"/> is redacted; <paramref name="Source"/> names where the URL came from. For the local database
/// the read also carries <see cref="Objects"/> (its tables and enum types, to tell a lost history from an empty
/// database) and whether the database does not exist yet (<c>drifthooks sync</c> creates it).
/// </summary>
internal sealed record DatabaseSide(string Label, DatabaseSideKind Kind, MigrationHistory? History, string? Url, string? Source, string? Problem)
{
    public static DatabaseSide NotConfigured(string label) => new(label, DatabaseSideKind.NotConfigured, null, null, null, null);

    public static DatabaseSide Unreachable(string label, string url, string problem, UnreachableServer server) =>
        new(label, DatabaseSideKind.Unreachable, null, url, server.Source, problem) { Server = server };

    /// <param name="prismaAt">What goes before <c>npx prisma</c> in a printed fix so that Prisma acts on this database (see <see cref="PrismaAt"/>).</param>
    public static DatabaseSide Read(string label, string url, string source, MigrationHistory history, string? prismaAt) =>
        new(label, DatabaseSideKind.Read, history, url, source, null) { PrismaAt = prismaAt };

    /// <summary>The server answers but the database itself does not exist: nothing is applied there.</summary>
    public static DatabaseSide Missing(string label, string url, string source, string schema, string? prismaAt) =>
        new(label, DatabaseSideKind.Read, MigrationHistory.TableMissing(schema), url, source, null) { DatabaseMissing = true, Objects = new HashSet<string>(), PrismaAt = prismaAt };

    public bool HasHistory => Kind == DatabaseSideKind.Read && History is { TableExists: true };

    public bool DatabaseMissing { get; init; }

    /// <summary>For a database that could not be reached: where its server is and what the attempt told, for the fix.</summary>
    public UnreachableServer? Server { get; init; }

    /// <summary>Tables and enum types (see <see cref="CreatedObjects"/>); null when not read.</summary>
    public IReadOnlySet<string>? Objects { get; init; }

    /// <summary>For a database not configured: the setting its URL is read from, named in the finding that asks for it.</summary>
    public Configuration.LocalUrlSetting? Setting { get; init; }

    /// <summary>
    /// What goes before <c>npx prisma</c> in a printed fix so that Prisma acts on this database: for production, its URL
    /// in the datasource's variable (<see cref="Configuration.ProductionUrlResolver.PrismaEnvironment"/>); for the local
    /// database, nothing (the project's own datasource). Given with every read side; a side that was not read prints no Prisma fix.
    /// Null when nothing can (the datasource's variable is refused): fixes that need it are not printed.
    /// </summary>
    public string? PrismaAt { get; private init; } = "";

    /// <summary>The newest backup of this database's history that holds rows (relative path), when there is one.</summary>
    public string? RestorableBackup { get; init; }
}
