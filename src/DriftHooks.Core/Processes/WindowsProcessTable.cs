using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace DriftHooks.Core.Processes;

/// <summary>
/// Windows: the parent from <c>NtQueryInformationProcess(ProcessBasicInformation)</c>, the command line from
/// <c>NtQueryInformationProcess(ProcessCommandLineInformation)</c> (Windows 8.1 and later), split as the C runtime
/// splits it into argv. The process is opened for limited query only, which any user may do to their own processes.
/// </summary>
internal sealed partial class WindowsProcessTable : IProcessTable
{
    private const uint ProcessQueryLimitedInformation = 0x1000;
    private const int ProcessBasicInformation = 0;
    private const int ProcessCommandLineInformation = 60;

    [SupportedOSPlatform("windows")]
    public unsafe int? ParentOf(int pid) => WithProcess(pid, handle =>
    {
        // PROCESS_BASIC_INFORMATION: six pointer-sized fields; InheritedFromUniqueProcessId is the last.
        var information = stackalloc nint[6];
        return NtQueryInformationProcess(handle, ProcessBasicInformation, information, 6 * sizeof(nint), out _) == 0 ? (int)information[5] : null;
    });

    [SupportedOSPlatform("windows")]
    public unsafe IReadOnlyList<string>? CommandLineOf(int pid) => WithProcess<IReadOnlyList<string>>(pid, handle =>
    {
        NtQueryInformationProcess(handle, ProcessCommandLineInformation, null, 0, out var needed);
        if (needed <= 0 || needed > 1 << 20)
        {
            return null;
        }

        var buffer = new byte[needed];
        fixed (byte* start = buffer)
        {
            return NtQueryInformationProcess(handle, ProcessCommandLineInformation, start, buffer.Length, out _) == 0
                && CommandLineFromUnicodeString(buffer, (nint)start) is { } commandLine
                    ? SplitCommandLine(commandLine)
                    : null;
        }
    });

    /// <summary>
    /// The buffer holds a <c>UNICODE_STRING</c> (16-bit length in bytes, 16-bit maximum, then a pointer) whose pointer
    /// points into the same buffer, after it; <paramref name="address"/> is where the buffer was when the kernel wrote it.
    /// </summary>
    public static string? CommandLineFromUnicodeString(ReadOnlySpan<byte> buffer, nint address)
    {
        if (buffer.Length < 2 * nint.Size)
        {
            return null;
        }

        var length = ParentGit.Read<ushort>(buffer, 0);
        var offset = (long)ParentGit.Read<nint>(buffer, nint.Size) - address;
        return offset < 0 || offset + length > buffer.Length || length % 2 != 0
            ? null
            : Encoding.Unicode.GetString(buffer.Slice((int)offset, length));
    }

    /// <summary>
    /// A command line as the Microsoft C runtime splits it into argv: the program up to the first space (or within
    /// quotes, taken literally); then arguments split at spaces and tabs outside quotes, where 2n backslashes before a
    /// quote are n backslashes and the quote toggles quoting, 2n+1 are n and a literal quote, <c>""</c> inside quotes is
    /// a literal quote, and backslashes before anything else are themselves.
    /// </summary>
    public static IReadOnlyList<string> SplitCommandLine(string commandLine)
    {
        var i = 0;
        var arguments = new List<string> { Program(commandLine, ref i) };
        var argument = new StringBuilder();
        while (true)
        {
            while (i < commandLine.Length && commandLine[i] is ' ' or '\t')
            {
                i++;
            }

            if (i >= commandLine.Length)
            {
                return arguments;
            }

            argument.Clear();
            ReadArgument(commandLine, ref i, argument);
            arguments.Add(argument.ToString());
        }
    }

    /// <summary>The program: within quotes taken literally, else up to the first space or tab.</summary>
    private static string Program(string commandLine, ref int i)
    {
        if (i < commandLine.Length && commandLine[i] == '"')
        {
            var close = commandLine.IndexOf('"', i + 1);
            var program = close < 0 ? commandLine[(i + 1)..] : commandLine[(i + 1)..close];
            i = close < 0 ? commandLine.Length + 1 : close + 1;
            return program;
        }

        var start = i;
        while (i < commandLine.Length && commandLine[i] is not (' ' or '\t'))
        {
            i++;
        }

        return commandLine[start..i];
    }

    /// <summary>One argument from <paramref name="i"/> to the space or tab outside quotes that ends it (left at <paramref name="i"/>).</summary>
    private static void ReadArgument(string commandLine, ref int i, StringBuilder argument)
    {
        var quoted = false;
        for (; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            if (c == '\\')
            {
                i += Backslashes(commandLine, i, argument) - 1;
            }
            else if (c == '"')
            {
                if (quoted && i + 1 < commandLine.Length && commandLine[i + 1] == '"')
                {
                    argument.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (!quoted && c is ' ' or '\t')
            {
                return;
            }
            else
            {
                argument.Append(c);
            }
        }
    }

    /// <summary>
    /// A run of backslashes at <paramref name="at"/>: 2n before a quote are n (the quote is read next, as a quote), 2n+1
    /// are n and a literal quote, and before anything else they are themselves. Returns how many characters it took.
    /// </summary>
    private static int Backslashes(string commandLine, int at, StringBuilder argument)
    {
        var run = 1;
        while (at + run < commandLine.Length && commandLine[at + run] == '\\')
        {
            run++;
        }

        var beforeQuote = at + run < commandLine.Length && commandLine[at + run] == '"';
        argument.Append('\\', beforeQuote ? run / 2 : run);
        if (beforeQuote && run % 2 == 1)
        {
            argument.Append('"');
            return run + 1; // the escaped quote too
        }

        return run;
    }

    private static T? WithProcess<T>(int pid, Func<nint, T?> query)
    {
        var handle = OpenProcess(ProcessQueryLimitedInformation, inheritHandle: false, pid);
        if (handle == 0)
        {
            return default;
        }

        try
        {
            return query(handle);
        }
        finally
        {
            CloseHandle(handle);
        }
    }

    private static int? WithProcess(int pid, Func<nint, int?> query) => WithProcess<int?>(pid, query);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    private static partial nint OpenProcess(uint access, [MarshalAs(UnmanagedType.Bool)] bool inheritHandle, int processId);

    [LibraryImport("kernel32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CloseHandle(nint handle);

    [LibraryImport("ntdll.dll")]
    private static unsafe partial int NtQueryInformationProcess(nint process, int informationClass, void* information, int length, out int returnLength);
}
