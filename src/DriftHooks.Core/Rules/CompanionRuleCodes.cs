namespace DriftHooks.Core.Rules;

/// <summary>Stable finding codes of the companion commands (status, sync, restore).</summary>
public static class CompanionRuleCodes
{
    public const string DatabaseUnreachable = "DH300";
    public const string ProductionNotConfigured = "DH301";
    public const string LocalNotConfigured = "DH302";
    public const string LocalNoHistoryTable = "DH303";
    public const string LocalPending = "DH310";
    public const string LocalOnly = "DH311";
    public const string LocalModified = "DH312";
    public const string LocalFailed = "DH313";
    public const string LocalOutOfOrder = "DH314";
    public const string MigrationWithoutScript = "DH315";
    public const string Uncommitted = "DH320";
    public const string DeletedFromWorkingTree = "DH321";
    public const string SyncPullFirst = "DH330";
    public const string SyncProductionModified = "DH331";
    public const string RestoreUnverifiable = "DH332";
    public const string RestoreTablesMissing = "DH333";
    public const string RestoreEmptyDatabase = "DH334";
    public const string SyncDone = "DH340";
    public const string RestoreDone = "DH341";
    public const string BackupDone = "DH342";
}
