namespace DriftHooks.Core.Rules;

/// <summary>
/// Where this clone has a migration a database applied and the compared tree lacks, as <c>git branch -a --contains</c>
/// and <c>git log --all -- &lt;folder&gt;</c> would find it: a branch whose tip holds its folder, else the newest commit
/// of any branch's history that held it (the folder was deleted since). Neither: no commit of this clone has it.
/// </summary>
/// <param name="Branch">A branch (local first, then remote-tracking) whose tip holds the folder.</param>
/// <param name="Commit">The newest commit (short id) that held it, when no branch tip does.</param>
internal sealed record MigrationHolder(string? Branch, string? Commit);
