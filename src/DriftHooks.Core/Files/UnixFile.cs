using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DriftHooks.Core.Files;

/// <summary>What a path or an open file is, as the kernel says (the type bits of <c>st_mode</c>).</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>
/// The few system calls .NET does not expose on Linux and macOS: <c>open</c> with <c>O_NONBLOCK</c> (a FIFO does not
/// block the open) and <c>O_NOFOLLOW</c> (a link is refused, not followed), <c>fstat</c>'s file type, <c>flock</c>.
/// Flag values and <c>struct stat</c> offsets differ per system and architecture; those of every target are here.
/// </summary>
internal static partial class UnixFile
{
    public const int NoSuchFile = 2;
    public const int NotADirectory = 20;

    static readonly bool Mac = OperatingSystem.IsMacOS();
    static readonly bool Arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    // "libc" alone sends the runtime probing about 160 paths (liblibc.so, libc.so's linker script, every hwcaps folder)
    // before it settles, at every start: half a millisecond of each commit. glibc's libc is already loaded by its soname,
    // so dlopen of that name only finds it; musl and macOS keep the runtime's own search.
    static UnixFile()
    {
        if (OperatingSystem.IsLinux())
        {
            NativeLibrary.SetDllImportResolver(typeof(UnixFile).Assembly, static (name, _, _) =>
                name == "libc" && NativeLibrary.TryLoad("libc.so.6", out var handle) ? handle : IntPtr.Zero);
        }
    }

    static int ReadOnly => 0;

    static int ReadWrite => 2;

    static int NonBlocking => Mac ? 0x4 : 0x800;

    static int NoFollow => Mac ? 0x100 : Arm64 ? 0x8000 : 0x20000;

    static int NoControllingTerminal => Mac ? 0x20000 : 0x100;

    static int CloseOnExec => Mac ? 0x1000000 : 0x80000;

    /// <summary>errno's "too many levels of symbolic links": what <c>O_NOFOLLOW</c> answers for a link.</summary>
    static int LinkRefused => Mac ? 62 : 40;

    /// <summary>
    /// Opens an existing file without blocking on a FIFO or a device, following links only when
    /// <paramref name="followLinks"/>; returns the kind of what was opened (the handle only for a regular file).
    /// </summary>
    public static (FileKind Kind, long Length, SafeFileHandle? Handle) Open(string path, bool writable, bool followLinks)
    {
        var flags = (writable ? ReadWrite : ReadOnly) | NonBlocking | NoControllingTerminal | CloseOnExec | (followLinks ? 0 : NoFollow);
        var fd = open(path, flags, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is NoSuchFile or NotADirectory)
            {
                return (FileKind.Missing, 0, null);
            }

            // O_NOFOLLOW refusing a link, or (following links) a loop of them.
            if (errno == LinkRefused)
            {
                return (FileKind.SymbolicLink, 0, null);
            }

            var message = $"{path}: {Marshal.GetPInvokeErrorMessage(errno)}";
            throw errno is 1 or 13 ? new UnauthorizedAccessException(message) : new IOException(message, errno);
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var (kind, length) = Stat(handle);
        if (kind != FileKind.Regular)
        {
            handle.Dispose();
            return (kind, length, null);
        }

        // Reads and writes block again, as .NET expects of a regular file (O_NONBLOCK does not affect them, but be exact).
        return (kind, length, handle);
    }

    /// <summary>Takes an exclusive <c>flock</c> without waiting; false when another process holds it.</summary>
    public static bool TryLockExclusive(SafeFileHandle handle)
    {
        const int Exclusive = 2, NoWait = 4;
        var held = false;
        handle.DangerousAddRef(ref held);
        try
        {
            if (flock((int)handle.DangerousGetHandle(), Exclusive | NoWait) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno is 11 or 35 ? false : throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
        }
        finally
        {
            if (held)
            {
                handle.DangerousRelease();
            }
        }
    }

    static unsafe (FileKind Kind, long Length) Stat(SafeFileHandle handle)
    {
        var held = false;
        handle.DangerousAddRef(ref held);
        try
        {
            var fd = (int)handle.DangerousGetHandle();
            var buffer = stackalloc byte[512];
            int result;
            try
            {
                result = Mac && !Arm64 ? fstat_inode64(fd, buffer) : fstat(fd, buffer);
            }
            catch (EntryPointNotFoundException)
            {
                // glibc before 2.33 exports only the versioned __fxstat (version 1 on x86-64, 0 on arm64).
                result = __fxstat(Arm64 ? 0 : 1, fd, buffer);
            }

            if (result != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
            }

            // st_mode and st_size: Linux x86-64 24 and 48, Linux arm64 16 and 48, macOS (64-bit inodes) 4 (16 bits) and 96.
            var mode = Mac ? *(ushort*)(buffer + 4) : *(uint*)(buffer + (Arm64 ? 16 : 24));
            var length = *(long*)(buffer + (Mac ? 96 : 48));
            return (KindOf(mode), length);
        }
        finally
        {
            if (held)
            {
                handle.DangerousRelease();
            }
        }
    }

    static FileKind KindOf(uint mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };

    // open is variadic; the mode argument is never used here (no O_CREAT), so passing it as a fixed one is harmless.
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int fstat(int fd, byte* buffer);

    [LibraryImport("libc", EntryPoint = "fstat$INODE64", SetLastError = true)]
    private static unsafe partial int fstat_inode64(int fd, byte* buffer);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int __fxstat(int version, int fd, byte* buffer);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(int fd, int operation);
}
