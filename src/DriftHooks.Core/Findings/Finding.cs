namespace DriftHooks.Core.Findings;

/// <summary>
/// The one value every check returns: a stable code, a severity, what is wrong in one sentence,
/// where it is (a file, a migration or a database object) and the exact fix.
/// </summary>
internal sealed record Finding(string Code, Severity Severity, string Message, string? Location, string? Fix)
{
    /// <summary>
    /// The DriftHooks command <see cref="Fix"/> runs, by the name <c>drifthooks</c> takes (<c>sync</c>), when it runs one and
    /// a caller needs to know: carried as data, so nothing searches the fix's text for it.
    /// </summary>
    public string? FixCommand { get; init; }

    public static Finding Error(string code, string message, string? location = null, string? fix = null) =>
        new(code, Severity.Error, message, location, fix);

    public static Finding Warning(string code, string message, string? location = null, string? fix = null) =>
        new(code, Severity.Warning, message, location, fix);

    public static Finding Note(string code, string message, string? location = null, string? fix = null) =>
        new(code, Severity.Note, message, location, fix);
}
