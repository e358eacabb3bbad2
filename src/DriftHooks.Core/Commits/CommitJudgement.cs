using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;

namespace DriftHooks.Core.Commits;

/// <summary>
/// The one judgement loop of pre-commit and drifthooks check: every project paired with where the "before" side has
/// it, the unchanged ones skipped on their folder ids, the rest read and judged by <see cref="CommitRules"/>.
/// </summary>
internal static class CommitJudgement
{
    /// <param name="dataNotes">At pre-commit: a note per risky statement of a new migration, asked at push (DH513).</param>
    public static List<Finding> Judge(
        IReadOnlyList<PrismaProject> projects, ITreeSource before, ITreeSource after, string? workTree, CommitBase commitBase, IReadOnlySet<string> disabledRules, bool dataNotes = false)
    {
        var findings = new List<Finding>();
        foreach (var (project, previous) in ProjectPairing.Pair(projects, before, after))
        {
            if (ProjectChangesReader.IsUnchanged(project, before, after))
            {
                continue;
            }

            var changes = ProjectChangesReader.Read(project, before, after, workTree, previous) with { Base = commitBase };
            findings.AddRange(CommitRules.Evaluate(changes, disabledRules));
            if (dataNotes && !disabledRules.Contains(DataRiskCodes.AskedAtPush))
            {
                findings.AddRange(DataRisks.DataRiskNotes.AtCommit(changes));
            }
        }

        return findings;
    }
}
