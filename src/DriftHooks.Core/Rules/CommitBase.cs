namespace DriftHooks.Core.Rules;

/// <summary>
/// What a judged commit is compared with, and where its committed migrations live elsewhere, as plain data: each rule
/// then writes a fix that works where it is read, once. The index against HEAD (pre-commit), against HEAD's parent
/// (an amend), a range's end state against its base (drifthooks check).
/// </summary>
internal sealed record CommitBase
{
    /// <summary>The index against HEAD, knowing nothing of remotes: every committed migration counts as shared.</summary>
    public static CommitBase Head { get; } = new();

    /// <summary>How git commands name the compared commit: <c>HEAD</c>, <c>HEAD~1</c> on amend, a range's base id.</summary>
    public string Revision { get; init; } = "HEAD";

    /// <summary>
    /// What follows a fix before the same check runs again: nothing for a hook (the commit is simply retried), a commit
    /// and a push for a range (<c>", then commit and push"</c>).
    /// </summary>
    public string ThenCommit { get; init; } = "";

    /// <summary>
    /// Where a committed migration folder (by path) is published, or null when only this branch holds it; unset, every
    /// migration counts as published at <see cref="Revision"/> (the safe side).
    /// </summary>
    public Func<string, PublishedMigration?>? Published { get; init; }

    /// <summary>The commit of this branch that added a migration folder (by path), asked only of unpublished ones.</summary>
    public Func<string, AddingCommit?> AddedBy { get; init; } = _ => null;

    /// <summary>
    /// Where a printed <c>prisma migrate diff</c> replays a project's migrations (DH115's fix), asked only when that
    /// fix is printed; unset, the fix has a placeholder.
    /// </summary>
    public Func<Prisma.PrismaProject, ThrowawayShadow>? Shadow { get; init; }

    /// <summary>How the user runs DriftHooks, for a message naming a DriftHooks command (the install record is read only if one does).</summary>
    public Installation.Invocation Invocation { get; init; } = Installation.Invocation.Plain;

    public PublishedMigration? FindPublished(string folder) =>
        Published is null ? new PublishedMigration(Revision, null, OnMainline: false) : Published(folder);
}

/// <summary>A migration folder as a published place holds it.</summary>
/// <param name="Place">How git names the place: <c>origin/main</c>, a commit id.</param>
/// <param name="ScriptId">Its migration.sql's blob id there, when known.</param>
/// <param name="OnMainline">Whether the place is the mainline (the default branch), whose migrations deploy.</param>
/// <param name="OnlyThisBranch">
/// Whether the only place is this branch's own pushed copy (<c>origin/feature</c> when on <c>feature</c>): no mainline,
/// no other branch, so no deploy and nobody else's work has it under this name.
/// </param>
internal sealed record PublishedMigration(string Place, string? ScriptId, bool OnMainline, bool OnlyThisBranch = false)
{
    /// <summary>
    /// Whether a migration held where <paramref name="published"/> says (null: nowhere but this clone) may change its
    /// name: the one decision behind pre-commit's DH104 and the rename fixes of DH109 and DH205. Renaming a migration
    /// only this branch carries, pushed or not, is how its order is fixed after a rebase (the branch is then pushed
    /// again, as any rebased branch is); one the mainline or another branch holds keeps its name, since databases
    /// deployed from there record it by name.
    /// </summary>
    public static bool MayBeRenamed(PublishedMigration? published) => published is null || published.OnlyThisBranch;
}

/// <summary>The commit that added a migration on this branch.</summary>
/// <param name="Sha">Its id.</param>
/// <param name="IsReplaceable">Whether <c>git commit --amend</c> would replace it (it is HEAD, in a plain commit).</param>
internal sealed record AddingCommit(string Sha, bool IsReplaceable)
{
    public string ShortSha => Sha[..Math.Min(7, Sha.Length)];
}
