using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Rules;

/// <summary>What <see cref="HistoryComparison.Findings"/> judges: one comparison, and what its messages and fixes name.</summary>
/// <param name="Statuses">From <see cref="HistoryComparison.Compare"/>.</param>
/// <param name="Database">How to name the database in messages ("production").</param>
/// <param name="Context">What was compared, e.g. "the push of main (abc1234)".</param>
/// <param name="Project">The Prisma project, for paths and commands.</param>
/// <param name="PrismaAt">
/// What points Prisma's own commands at <paramref name="Database"/>, put before <c>npx prisma</c> in a fix
/// (<see cref="Configuration.ProductionUrlResolver.PrismaEnvironment"/>); empty only where the project's own URL is
/// that database. Required: left out, a fix for production would print a bare <c>npx prisma</c>.
/// </param>
internal sealed record ComparedHistory(IReadOnlyList<MigrationStatus> Statuses, string Database, string Context, PrismaProject Project, string? PrismaAt)
{
    /// <summary>
    /// For a modified migration, a commit (short id) whose migration.sql is the version the database applied, when git
    /// has one: the fix then restores it from there.
    /// </summary>
    public Func<MigrationStatus, string?>? AppliedVersionAt { get; init; }

    /// <summary>The compared migrations with their scripts: an applied migration whose script is there under another name is named as a rename.</summary>
    public IReadOnlyList<RepositoryMigration>? Repository { get; init; }

    /// <summary>For migrations the comparison lacks, the branch or commit of this clone that holds each (<c>MigrationHolders</c>).</summary>
    public IReadOnlyDictionary<string, MigrationHolder>? Holders { get; init; }

    /// <summary>
    /// Where git has a pending migration's folder besides the compared branch (<c>MigrationPlaces</c>), by
    /// folder: an out-of-order one is renamed only where pre-commit lets the rename through
    /// (<see cref="PublishedMigration.MayBeRenamed"/>). Unset: nowhere.
    /// </summary>
    public Func<string, PublishedMigration?>? Published { get; init; }

    /// <summary>How the user runs DriftHooks, in the fixes that name a DriftHooks command (<c>drifthooks drift</c>).</summary>
    public Installation.Invocation Invocation { get; init; } = Installation.Invocation.Plain;

    public byte[]? ScriptOf(string name) => Repository?.FirstOrDefault(m => m.Name == name)?.Script;
}
