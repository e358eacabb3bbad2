using System.Globalization;
using System.Text;

namespace DriftHooks.Core.Rendering;

/// <summary>
/// Text from outside (a folder name, an override reason, a database's log) made safe to print: every control
/// character (ESC, CR, LF, tab and the rest of C0, DEL, C1), every bidirectional override or isolate and every line
/// or paragraph separator is shown as a visible escape (<c>\x1b</c>, <c>\n</c>, <c>\u202e</c>), so that no name can
/// move the cursor, recolour or hide text, reorder what is shown, or start a line that looks like DriftHooks's own.
/// Every renderer passes what it did not write itself through <see cref="Safe"/>.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string text)
    {
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0)
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 16).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!Unsafe.Contains(c))
            {
                safe.Append(c);
                continue;
            }

            safe.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < '\u0100' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
            });
        }

        return safe.ToString();
    }

    /// <summary>The same, for text that may be absent.</summary>
    public static string? SafeOrNull(string? text) => text is null ? null : Safe(text);

    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(UnsafeCharacters());

    private static string UnsafeCharacters()
    {
        var characters = new StringBuilder();
        for (var c = '\u0000'; c < '\u0020'; c++)
        {
            characters.Append(c);
        }

        for (var c = '\u007f'; c <= '\u009f'; c++)
        {
            characters.Append(c);
        }

        // Bidirectional marks, embeddings, overrides and isolates; line and paragraph separators.
        characters.Append("\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069");
        return characters.ToString();
    }
}
