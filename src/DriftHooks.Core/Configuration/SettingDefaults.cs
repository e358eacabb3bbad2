namespace DriftHooks.Core.Configuration;

/// <summary>Every setting's default, stated once: what applies when no source (environment, local file, committed file) gives the key.</summary>
internal static class SettingDefaults
{
    /// <summary><c>Backups:Folder</c>, relative to the work tree.</summary>
    public const string BackupsFolder = ".drifthooks/backups";

    /// <summary><c>Production:OnUnreachable</c>: fail closed.</summary>
    public const string OnUnreachable = "block";

    /// <summary><c>Production:ConnectTimeoutSeconds</c>.</summary>
    public const double ConnectTimeoutSeconds = 5;

    /// <summary><c>Production:StatementTimeoutSeconds</c>.</summary>
    public const double StatementTimeoutSeconds = 10;

    /// <summary><c>Production:Branches</c>: every branch.</summary>
    public static IReadOnlyList<string> Branches { get; } = ["*"];
}
