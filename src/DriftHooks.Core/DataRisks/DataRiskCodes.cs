namespace DriftHooks.Core.DataRisks;

/// <summary>
/// Stable finding codes of the data check: a pending migration that <c>prisma migrate deploy</c> will stop on because of
/// the rows production holds (errors), what could not be told or will be lost (warnings),.
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
}
