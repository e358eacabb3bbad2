namespace DriftHooks.Core.Git;

public enum ChangeKind
{
    Added,
    Deleted,
    Modified,
}
