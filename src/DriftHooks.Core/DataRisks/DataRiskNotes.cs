using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.DataRisks;

/// <summary>
/// At commit, offline: production's rows are not there, so nothing is refused; each statement of a new migration that
/// production's rows could make fail (on a table the migration does not create) gets one note saying it is asked at
/// push. Kept apart from <see cref="CommitRules"/>: a note is no part of the commit's judgement.
/// </summary>
internal static class DataRiskNotes
{
    public static IEnumerable<Finding> AtCommit(ProjectChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var name in MigrationFolderMap.OnlyIn(changes.After, changes.Before).Order(StringComparer.Ordinal))
        {
            // A script that is a link or not UTF-8 is refused by the commit rules already.
            var folder = changes.After[name];
            if (folder.ScriptId is not { } id || folder.ScriptIsLink || changes.Scripts.Read(id) is not { } script)
            {
                continue;
            }

            foreach (var (line, what) in DataRiskWalk.RiskyStatements(name, script))
            {
                yield return Finding.Note(
                    DataRiskCodes.AskedAtPush,
                    $"{name} line {line} {what}: whether production's rows let it deploy is asked at push (read-only).",
                    $"{changes.Project.MigrationFolder(name)}/migration.sql:{line}");
            }
        }
    }
}
