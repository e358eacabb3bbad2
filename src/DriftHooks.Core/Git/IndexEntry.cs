namespace DriftHooks.Core.Git;

/// <summary>
/// One entry of the git index as <c>git ls-files --stage</c> shows it.
/// </summary>
/// <param name="Path">Repository-relative, '/'-separated path (UTF-8 decoded; invalid bytes become U+FFFD).</param>
/// <param name="Mode">The raw mode bits, e.g. 0x81A4 (octal 100644); 0xA000 symlink, 0xE000 gitlink.</param>
/// <param name="ObjectId">40 lowercase hex digits.</param>
/// <param name="Stage">0 for a normal entry, 1-3 for the base/ours/theirs sides of a conflict.</param>
/// <param name="IntentToAdd">Added with <c>git add -N</c>: the path is known but its content is not staged.</param>
/// <param name="SkipWorktree">The skip-worktree bit (sparse checkout, <c>update-index --skip-worktree</c>).</param>
public sealed record IndexEntry(string Path, int Mode, string ObjectId, int Stage, bool IntentToAdd, bool SkipWorktree);
