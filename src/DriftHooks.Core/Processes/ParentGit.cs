using System.Runtime.InteropServices;

namespace DriftHooks.Core.Processes;

/// <summary>
/// The git process that runs a hook, found by walking up from the hook: git itself, or git behind the shells between
/// them (the hook script, a chained or husky script; on Windows Git's sh stays between git and a program it execs).
/// Anything else (a benchmark, a terminal) ends the search: git tells a hook nothing of <c>--amend</c>, so not knowing
/// means a plain commit.
/// </summary>
internal static class ParentGit
{
    private static readonly HashSet<string> Shells = ["sh", "bash", "dash", "zsh", "ash", "ksh", "busybox"];

    /// <summary>The process table of this OS: /proc on Linux, sysctl on macOS, the kernel's process information on Windows.</summary>
    public static IProcessTable? ForThisOs() =>
        OperatingSystem.IsLinux() ? new LinuxProcessTable()
        : OperatingSystem.IsMacOS() ? new MacProcessTable()
        : OperatingSystem.IsWindows() ? new WindowsProcessTable()
        : null;

    /// <summary>The command line of the nearest git above <paramref name="self"/>, at most three processes up; null when none.</summary>
    public static IReadOnlyList<string>? Find(IProcessTable table, int self)
    {
        try
        {
            return Walk(table, self);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A system library without the call (an older or unusual OS build): not knowing, as above.
            return null;
        }
    }

    private static IReadOnlyList<string>? Walk(IProcessTable table, int self)
    {
        var pid = table.ParentOf(self);
        for (var depth = 0; depth < 3 && pid is > 1; depth++)
        {
            var arguments = table.CommandLineOf(pid.Value);
            if (arguments is not { Count: > 0 })
            {
                return null;
            }

            var program = ProgramName(arguments[0]);
            if (program == "git")
            {
                return arguments;
            }

            if (!Shells.Contains(program))
            {
                return null;
            }

            pid = table.ParentOf(pid.Value);
        }

        return null;
    }

    /// <summary>
    /// A program's name as its argv[0] gives it, on any OS: the last part of a <c>/</c> or <c>\</c> path, without
    /// <c>.exe</c> (Git for Windows starts <c>C:\Program Files\Git\mingw64\bin\git.exe</c>).
    /// </summary>
    public static string ProgramName(string argument0)
    {
        var name = argument0[(argument0.LastIndexOfAny(['/', '\\']) + 1)..];
        return name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
    }

    /// <summary>Reads a native structure's field from bytes the kernel wrote (host byte order).</summary>
    internal static T Read<T>(ReadOnlySpan<byte> bytes, int offset)
        where T : unmanaged => MemoryMarshal.Read<T>(bytes[offset..]);
}
