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

    /// <summary>The longest <c>Production:ConnectTimeoutSeconds</c>: Npgsql's own limit.</summary>
    public const double MaxConnectTimeoutSeconds = 1024;

    /// <summary>The longest <c>Production:StatementTimeoutSeconds</c>: a day (PostgreSQL's own limit is about 24 days).</summary>
    public const double MaxStatementTimeoutSeconds = 86400;

    /// <summary>The shortest timeout: a millisecond, PostgreSQL's unit (0 would mean none).</summary>
    public const double MinTimeoutSeconds = 0.001;

    /// <summary><c>Production:DataCheckTimeoutSeconds</c>: each question about production's rows.</summary>
    public const double DataCheckTimeoutSeconds = 2;

    /// <summary><c>Production:Branches</c>: every branch.</summary>
    public static IReadOnlyList<string> Branches { get; } = ["*"];

    /// <summary>
    /// Every setting with a default, as <c>Section:Key</c> (<c>Rules</c> and <c>Projects</c> stand for their entries). The
    /// database URLs are not here: each is looked up in several places, and the diagnostic log says which one gave it.
    /// </summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "Projects", "Rules", "Production:Branches", "Production:OnUnreachable", "Production:ConnectTimeoutSeconds",
        "Production:StatementTimeoutSeconds", "Production:Project", "Production:SchemaCheck", "Production:DataChecks",
        "Production:DataCheckTimeoutSeconds", "Backups:Folder",
    ];
}
