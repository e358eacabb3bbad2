namespace DriftHooks.Core.Git;

internal enum ChangeKind
{
    Added,
    Deleted,
    Modified,
}
