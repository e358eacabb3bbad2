namespace DriftHooks.Core.Findings;

/// <summary>
/// Stable finding codes of schema drift: production's catalog against the catalog its applied migrations produce
/// on a shadow database. "Extra" means production has it and no migration creates it; "missing" the reverse.
/// </summary>
internal static class SchemaDriftCodes
{
    public const string ExtraTable = "DH301";
    public const string MissingTable = "DH302";
    public const string ExtraColumn = "DH303";
    public const string MissingColumn = "DH304";
    public const string ColumnType = "DH305";
    public const string ColumnNullability = "DH306";
    public const string ColumnDefault = "DH307";
    public const string ColumnIdentity = "DH308";
    public const string ExtraConstraint = "DH309";
    public const string MissingConstraint = "DH310";
    public const string ConstraintDiffers = "DH311";
    public const string ExtraIndex = "DH312";
    public const string MissingIndex = "DH313";
    public const string IndexDiffers = "DH314";
    public const string ExtraEnum = "DH315";
    public const string MissingEnum = "DH316";
    public const string ExtraEnumValue = "DH317";
    public const string MissingEnumValue = "DH318";
    public const string EnumOrder = "DH319";
    public const string ExtraView = "DH320";
    public const string MissingView = "DH321";
    public const string ViewDiffers = "DH322";
    public const string ExtraSequence = "DH323";
    public const string MissingSequence = "DH324";
    public const string SequenceDiffers = "DH325";

    // The replay itself.
    public const string AppliedMigrationMissing = "DH330";
    public const string ChecksumDiffers = "DH331";
    public const string ReplayFailed = "DH332";
    public const string NoHistoryTable = "DH333";

    /// <summary>Warning: production's schema was not compared (no shadow server at hand, or one that cannot hold the check).</summary>
    public const string NotCompared = "DH334";

    /// <summary>Warning: the schema check is switched off on this machine only; recorded like a rule switched off locally.</summary>
    public const string SwitchedOff = "DH335";

    // Functions and procedures, triggers, extensions.
    public const string ExtraFunction = "DH340";
    public const string MissingFunction = "DH341";
    public const string FunctionDiffers = "DH342";
    public const string ExtraTrigger = "DH343";
    public const string MissingTrigger = "DH344";
    public const string TriggerDiffers = "DH345";
    public const string ExtraExtension = "DH346";
    public const string MissingExtension = "DH347";
}
