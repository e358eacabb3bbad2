namespace DriftHooks.Core.Findings;

/// <summary>Pieces of the commands that findings suggest as fixes, written once for every rule: how a value is put into a shell.</summary>
internal static class FixText
{
    /// <summary>
    /// The one way a fix embeds a value for a POSIX shell (a path, a migration, branch or variable name, a SQL text):
    /// as is when it holds only characters no shell gives a meaning, else single-quoted, so that nothing in it (read
    /// from a file anyone may commit) is ever run: <c>$(...)</c>, backquotes, <c>;</c>, quotes and newlines stay text.
    /// </summary>
    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ':' or '@')
            ? value
            : "'" + value.Replace("'", "'\\''") + "'";

    /// <summary>
    /// Whether a shell can set <paramref name="name"/> as an environment variable (<c>NAME=value command</c>, <c>export
    /// NAME</c>): letters, digits and <c>_</c>, not starting with a digit. A fix never embeds any other variable name.
    /// </summary>
    public static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>
    /// A name read from git or the file system that was not UTF-8 arrives with U+FFFD in place of its bad bytes, so it
    /// names no real path: this is a shell glob that matches the real one (<c>*</c> for each run of bad bytes).
    /// </summary>
    public static string Glob(string decodedPath) =>
        string.Join("*", decodedPath.Split(NotUtf8, StringSplitOptions.None).Select(part => part.Length == 0 ? "" : Quote(part)));

    /// <summary>The same name with each run of bad bytes replaced by '_': a UTF-8 name to rename it to.</summary>
    public static string Utf8Name(string decodedName) =>
        System.Text.RegularExpressions.Regex.Replace(decodedName, NotUtf8 + "+", "_");

    /// <summary>Whether a decoded name stood for bytes that are not UTF-8 (see <see cref="Glob"/>).</summary>
    public static bool IsNotUtf8(string decodedName) => decodedName.Contains(NotUtf8, StringComparison.Ordinal);

    private const string NotUtf8 = "\uFFFD";

    /// <summary>Replaces a migration.sql committed as a symbolic link by a copy of the file it points to, and stages it.</summary>
    public static string ReplaceLinkByFile(string script) =>
        $"t=\"$(realpath {Quote(script)})\" && rm {Quote(script)} && cp \"$t\" {Quote(script)} && git add {Quote(script)}";

    /// <summary>"1 migration", "3 migrations".</summary>
    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>How many names a list in a message shows before it only counts the rest.</summary>
    public const int ShownNames = 5;

    /// <summary>
    /// A list of names for a message: all of them when few, else the first few and how many more ("a, b, c, d, e
    /// and 161 more"), so that a history of 166 migrations, or 100,000, is one readable line. Every rendering of
    /// a name list goes through here.
    /// </summary>
    public static string Names(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = names as IReadOnlyList<string> ?? [.. names];
        return list.Count <= ShownNames + 1
            ? string.Join(", ", list)
            : $"{string.Join(", ", list.Take(ShownNames))} and {list.Count - ShownNames} more";
    }
}
