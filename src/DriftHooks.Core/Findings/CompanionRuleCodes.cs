namespace DriftHooks.Core.Findings;

/// <summary>Stable finding codes of the companion commands (status, sync, restore): DH4xx, beside the commit rules (DH1xx), push comparison (DH2xx) and schema drift (DH3xx).</summary>
internal static class CompanionRuleCodes
{
    public const string DatabaseUnreachable = "DH400";
    public const string ProductionNotConfigured = "DH401";
    public const string LocalNotConfigured = "DH402";
    public const string LocalNoHistoryTable = "DH403";
    public const string LocalPending = "DH410";
    public const string LocalOnly = "DH411";
    public const string LocalModified = "DH412";
    public const string LocalFailed = "DH413";
    public const string LocalOutOfOrder = "DH414";
    public const string MigrationWithoutScript = "DH415";
    public const string LocalHistoryLost = "DH416";
    public const string ScriptWithNulByte = "DH417";
    public const string Uncommitted = "DH420";
    public const string DeletedFromWorkingTree = "DH421";
    public const string SyncPullFirst = "DH430";
    public const string SyncProductionModified = "DH431";
    public const string RestoreUnverifiable = "DH432";
    public const string RestoreTablesMissing = "DH433";
    public const string RestoreEmptyDatabase = "DH434";
    public const string RestoreEmptyBackup = "DH435";
    public const string SyncDone = "DH440";
    public const string RestoreDone = "DH441";
    public const string BackupDone = "DH442";
}
