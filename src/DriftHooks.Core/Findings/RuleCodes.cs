namespace DriftHooks.Core.Findings;

/// <summary>Stable finding codes of the commit rules; configuration can switch each off.</summary>
internal static class RuleCodes
{
    public const string SchemaUnreadable = "DH100";
    public const string SchemaWithoutMigration = "DH101";
    public const string MigrationEdited = "DH102";
    public const string MigrationDeleted = "DH103";
    public const string MigrationRenamed = "DH104";
    public const string MigrationNotStaged = "DH105";
    public const string LockFileDeleted = "DH106";
    public const string LockProviderChanged = "DH107";
    public const string MigrationWithoutScript = "DH108";
    public const string MigrationOutOfOrder = "DH109";
    public const string MigrationWithoutSchema = "DH110";
    public const string MigrationNotUtf8 = "DH111";
    public const string MigrationConflictMarkers = "DH112";
    public const string MigrationMissesSchemaChange = "DH113";
    public const string MigrationScriptIsLink = "DH114";
    public const string MigrationsMissSchema = "DH115";
}
