namespace DriftHooks.Core.Findings;

/// <summary>Stable finding codes of the push comparison (repository history against a database's history).</summary>
internal static class PushRuleCodes
{
    public const string ProductionUnreachable = "DH200";
    public const string MissingLocally = "DH201";
    public const string ModifiedAfterApply = "DH202";
    public const string FailedInDatabase = "DH203";
    public const string Pending = "DH204";
    public const string PendingOutOfOrder = "DH205";
    public const string NoHistoryTable = "DH206";
    public const string MigrationWithoutScript = "DH207";
    public const string ProductionNotConfigured = "DH208";
    public const string MigrationScriptIsLink = "DH209";
}
