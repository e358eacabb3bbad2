namespace DriftHooks.Core.Findings;

/// <summary>Exit codes shared by every executable.</summary>
internal static class ExitCodes
{
    public const int Passed = 0;
    public const int Refused = 1;
    public const int UsageOrConfiguration = 2;
    public const int ResourceUnavailable = 3;

    /// <summary>A command that writes refused its target: the server reports it is production's cluster (or cannot be told from it and has part of its identity).</summary>
    public const int TargetIsProduction = 4;

    /// <summary>A command that writes refused its target: DriftHooks cannot tell it from production (see <c>--target-is-not-production</c>).</summary>
    public const int TargetNotVerified = 5;

    /// <summary>A hook was started from within itself (a chained hook that runs DriftHooks's hook again): stopped, not forked.</summary>
    public const int HookReentered = 6;

    /// <summary>A file DriftHooks reads or writes is not a regular file of bounded size (a FIFO, a device, a link where a file is written, too large).</summary>
    public const int UnsafeFile = 7;
}
