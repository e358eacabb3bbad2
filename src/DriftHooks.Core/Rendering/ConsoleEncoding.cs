using System.Text;

namespace DriftHooks.Core.Rendering;

/// <summary>
/// The encoding DriftHooks writes its output in. On Windows .NET writes in the console's code page (437, 850, 1252…),
/// where ✓ ✗ … become "?" or stray bytes, while Git for Windows' terminal and Windows Terminal read UTF-8: there it is
/// UTF-8 (without a byte order mark, which a hook's first line would show). Elsewhere .NET already follows the locale.
/// </summary>
internal static class ConsoleEncoding
{
    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The encoding to set, or null to leave the current one.</summary>
    public static Encoding? Choose(bool isWindows, Encoding current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return isWindows && current.CodePage != Utf8.CodePage ? Utf8 : null;
    }

    /// <summary>Sets the console's output encoding as <see cref="Choose"/> says; called before the first write.</summary>
    public static void Apply()
    {
        if (Choose(OperatingSystem.IsWindows(), Console.OutputEncoding) is { } encoding)
        {
            Console.OutputEncoding = encoding;
        }
    }
}
