using System.Globalization;
using System.Text;

namespace DriftHooks.Core.Processes;

/// <summary>Linux: <c>/proc/&lt;pid&gt;/stat</c> and <c>/proc/&lt;pid&gt;/cmdline</c>.</summary>
internal sealed class LinuxProcessTable : IProcessTable
{
    public int? ParentOf(int pid) => Try(() => ParentFromStat(File.ReadAllText($"/proc/{pid}/stat")));

    public IReadOnlyList<string>? CommandLineOf(int pid) => Try(() => SplitCmdline(File.ReadAllBytes($"/proc/{pid}/cmdline")));

    /// <summary>
    /// <c>/proc/&lt;pid&gt;/stat</c> is <c>pid (name) state ppid …</c>; the name may hold spaces and parentheses, so
    /// the fields are read after the last <c>)</c>.
    /// </summary>
    public static int? ParentFromStat(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 > stat.Length)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;
    }

    /// <summary><c>/proc/&lt;pid&gt;/cmdline</c>: the arguments, each ended by a NUL.</summary>
    public static IReadOnlyList<string>? SplitCmdline(byte[] cmdline) =>
        cmdline.Length == 0 ? null : Encoding.UTF8.GetString(cmdline).TrimEnd('\0').Split('\0');

    private static T? Try<T>(Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended, or is hidden (hidepid): not knowing.
            return default;
        }
    }
}
