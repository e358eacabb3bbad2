namespace DriftHooks.Core.Findings;

/// <summary>Exit codes shared by every executable.</summary>
public static class ExitCodes
{
    public const int Passed = 0;
    public const int Refused = 1;
    public const int UsageOrConfiguration = 2;
    public const int ResourceUnavailable = 3;
}
