namespace DriftHooks.Core.Findings;

/// <summary>
/// Stable finding codes of the data check: a pending migration that <c>prisma migrate deploy</c> will stop on because of
/// the rows production holds (errors), what could not be told, will be lost or what production's statistics
/// suggest when its rows may not be read (warnings), and the offline note at commit.
/// </summary>
internal static class DataRiskCodes
{
    public const string RequiredColumnOnFilledTable = "DH500";
    public const string NotNullOverNulls = "DH501";
    public const string UniqueOverDuplicates = "DH502";
    public const string EnumValueInUse = "DH503";
    public const string TypeChangeFails = "DH504";
    public const string ForeignKeyOverOrphans = "DH505";
    public const string CheckViolated = "DH506";
    public const string CannotTell = "DH510";
    public const string DataLoss = "DH511";
    public const string StatisticsOnly = "DH512";
    public const string AskedAtPush = "DH513";

    /// <summary>The warnings a team may raise to errors with <c>"Rules": { "DH511": "error" }</c>.</summary>
    public static readonly IReadOnlySet<string> Raisable = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { CannotTell, DataLoss, StatisticsOnly };
}
