namespace DriftHooks.Core.Git;

public sealed record IndexEntry(string Path, int Mode, string ObjectId, int Stage, bool IntentToAdd, bool SkipWorktree);
