using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Rules;

/// <summary>
/// The one next command that brings migrations a database applied, and this branch lacks, into the working tree:
/// merging the branch that holds them, restoring them from the commit that last held them, or, when no commit of
/// this clone has them, fetching (and, should that bring nothing, asking who applied them, with the row). Written once
/// for pre-push and check (DH201), status (DH411) and sync (DH430), from the data <see cref="MigrationHolder"/> gives.
/// </summary>
internal static class MissingMigrationFix
{
    /// <param name="project">The Prisma project.</param>
    /// <param name="missing">The applied migrations the compared tree lacks, in name order.</param>
    /// <param name="holders">Where this clone has each of them (<c>MigrationHolders</c>).</param>
    /// <param name="newestHere">The newest migration the compared tree has: one restored before it is out of order for pre-commit.</param>
    /// <param name="database">How messages name the database ("production").</param>
    /// <param name="row">The first missing migration's row, as a person who applied it would recognise it.</param>
    /// <param name="then">What runs after a merge or restore, for a command that works on the working tree (<c>" &amp;&amp; drifthooks sync"</c>).</param>
    public static string For(
        PrismaProject project, IReadOnlyList<string> missing, IReadOnlyDictionary<string, MigrationHolder>? holders, string? newestHere, string database, string row, string then = "")
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(missing);
        var held = missing.Select(n => (Name: n, Holder: holders?.GetValueOrDefault(n))).ToList();
        var branches = held.Where(h => h.Holder?.Branch is not null).Select(h => h.Holder!.Branch!).Distinct(StringComparer.Ordinal).ToList();
        if (branches.Count > 0)
        {
            return string.Join(" && ", branches.Select(b => "git merge " + FixText.Quote(b))) + then;
        }

        var restorable = held.Where(h => h.Holder?.Commit is not null).ToList();
        if (restorable.Count > 0)
        {
            // Deleted since: put back what the database applied. One that sorts before the newest is out of order for
            // pre-commit (DH109), so that commit says why it is let through.
            var restores = string.Join(" && ", restorable.Select(h => $"git restore --source={h.Holder!.Commit} --staged --worktree -- {FixText.Quote(project.MigrationFolder(h.Name))}"));
            var early = newestHere is not null && restorable.Any(h => string.CompareOrdinal(h.Name, newestHere) < 0);
            var names = string.Join(" ", restorable.Select(h => h.Name));
            var commit = (early ? $"DRIFTHOOKS_OVERRIDE={FixText.Quote($"restoring {names}, which {database} applied")} " : "")
                + $"git commit -m {FixText.Quote($"Restore {names}, applied in {database}")}";
            return $"{restores} && {commit}{then}";
        }

        return $"git fetch --all (then run this again: a branch fetched that holds {(missing.Count == 1 ? "it" : "them")} is named; if none is, no one pushed {(missing.Count == 1 ? "it" : "them")}: ask who applied {row} to {database} to push the branch that holds it)";
    }

    /// <summary>A row as its author would recognise it: name, id, when it finished.</summary>
    public static string Row(Database.MigrationRecord? record, string name) =>
        record is null ? $"'{name}'" : $"'{name}' [row id {record.Id}, finished {record.FinishedAt:u}]";
}
