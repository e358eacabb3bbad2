using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace DriftHooks.Core.Processes;

/// <summary>
/// macOS, where there is no /proc: the parent from <c>proc_pidinfo(PROC_PIDTBSDINFO)</c>, the command line from
/// <c>sysctl(KERN_PROCARGS2)</c>. Two system calls, no process started (<c>ps -o args= -p</c> would start one).
/// </summary>
internal sealed partial class MacProcessTable : IProcessTable
{
    private const int ProcPidTbsdInfo = 3;
    private const int BsdInfoSize = 136; // sizeof(struct proc_bsdinfo)
    private const int CtlKern = 1;
    private const int KernArgMax = 8;
    private const int KernProcArgs2 = 49;

    [SupportedOSPlatform("macos")]
    public unsafe int? ParentOf(int pid)
    {
        var info = new byte[BsdInfoSize];
        fixed (byte* buffer = info)
        {
            return proc_pidinfo(pid, ProcPidTbsdInfo, 0, buffer, info.Length) == info.Length ? ParentFromBsdInfo(info) : null;
        }
    }

    [SupportedOSPlatform("macos")]
    public unsafe IReadOnlyList<string>? CommandLineOf(int pid)
    {
        int argMax;
        var size = (nuint)sizeof(int);
        int* argMaxName = stackalloc int[] { CtlKern, KernArgMax };
        if (sysctl(argMaxName, 2, &argMax, &size, null, 0) != 0 || argMax <= 0)
        {
            return null;
        }

        var arguments = new byte[argMax];
        size = (nuint)arguments.Length;
        int* name = stackalloc int[] { CtlKern, KernProcArgs2, pid };
        fixed (byte* buffer = arguments)
        {
            return sysctl(name, 3, buffer, &size, null, 0) == 0 ? SplitProcArgs2(arguments.AsSpan(0, (int)size)) : null;
        }
    }

    /// <summary><c>struct proc_bsdinfo</c> starts pbi_flags, pbi_status, pbi_xstatus, pbi_pid, pbi_ppid (32 bits each).</summary>
    public static int? ParentFromBsdInfo(ReadOnlySpan<byte> info) => info.Length >= 20 ? (int)ParentGit.Read<uint>(info, 16) : null;

    /// <summary>
    /// <c>KERN_PROCARGS2</c>: argc (32 bits), the executable's path, NUL padding, then argc NUL-ended arguments (the
    /// environment follows and is not read). Null when the bytes end before argc arguments.
    /// </summary>
    public static IReadOnlyList<string>? SplitProcArgs2(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
        {
            return null;
        }

        var count = ParentGit.Read<int>(bytes, 0);
        var rest = bytes[4..];
        var pathEnd = rest.IndexOf((byte)0);
        if (count <= 0 || pathEnd < 0)
        {
            return null;
        }

        rest = rest[pathEnd..];
        rest = rest[(rest.IndexOfAnyExcept((byte)0) is var start and >= 0 ? start : rest.Length)..];
        var arguments = new List<string>(count);
        while (arguments.Count < count)
        {
            var end = rest.IndexOf((byte)0);
            if (end < 0)
            {
                return null;
            }

            arguments.Add(Encoding.UTF8.GetString(rest[..end]));
            rest = rest[(end + 1)..];
        }

        return arguments;
    }

    [LibraryImport("libproc")]
    private static unsafe partial int proc_pidinfo(int pid, int flavor, ulong arg, byte* buffer, int bufferSize);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int sysctl(int* name, uint nameLength, void* oldValue, nuint* oldLength, void* newValue, nuint newLength);
}
