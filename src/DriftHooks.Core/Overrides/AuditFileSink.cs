using System.Text;
using DriftHooks.Core.Files;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace DriftHooks.Core.Overrides;

/// <summary>
/// Serilog's audit sink for <c>audit.log</c>: each event formatted as one compact JSON line and written whole under an
/// exclusive lock, or a <see cref="AuditLogUnavailableException"/> saying why not. Serilog.Sinks.File is not used: it
/// follows a link in the log's place and appends without a lock that other processes honour, and an audit log must do
/// neither.
/// </summary>
internal sealed class AuditFileSink(string path, ITextFormatter formatter) : ILogEventSink
{
    // .NET appends at the length it saw when it opened the file (pwrite, not O_APPEND): two processes appending at
    // once would write at the same offset. An exclusive lock held from open to close makes each append one step.
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(10);

    public void Emit(LogEvent logEvent)
    {
        var text = new StringWriter();
        formatter.Format(logEvent, text);
        // Compact JSON escapes every control character, so the formatter's own line end is the only one.
        var line = Encoding.UTF8.GetBytes(text.ToString().TrimEnd('\r', '\n'));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var log = OpenExclusive(path);
            var start = log.Length;
            try
            {
                // A record cut short earlier (a full disk) must not swallow this one: start it on a line of its own.
                var separate = start > 0 && !EndsWithNewline(log, start);
                var record = new byte[(separate ? 1 : 0) + line.Length + 1];
                record[0] = (byte)'\n';
                line.CopyTo(record, separate ? 1 : 0);
                record[^1] = (byte)'\n';
                RandomAccess.Write(log.SafeFileHandle, record, start);
                log.Flush(flushToDisk: true);
            }
            catch (IOException)
            {
                // Leave no half record behind (best effort: the disk that refused the write may refuse this too).
                TryTruncate(log, start);
                throw;
            }
        }
        catch (UnsafeFileException e)
        {
            throw NotALog(path, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditLogUnavailableException(
                $"the audit record could not be written to {path} ({Describe(path, e)}). Make {path} a writable file (free disk space, fix its permissions, or move away whatever is in its place) and run the command again.",
                e);
        }
    }

    public static AuditLogUnavailableException NotALog(string path, string why) =>
        new($"the audit record could not be written to {path} ({why}; only a regular file is an audit log). Move {path} away (DriftHooks creates a new log) and run the command again.");

    private static FileStream OpenExclusive(string path)
    {
        var deadline = DateTime.UtcNow + LockPatience;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock on Unix and a sharing lock on Windows; the record is
                // written at the length read under it.
                if (OperatingSystem.IsWindows())
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
                }

                if (OpenRegularLocked(path) is { } log)
                {
                    return log;
                }

                if (DateTime.UtcNow >= deadline)
                {
                    throw new IOException($"another process has held the lock on {path} for {LockPatience.TotalSeconds:0} s");
                }

                Thread.Sleep(Random.Shared.Next(2, 12));
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(path))
            {
                Thread.Sleep(Random.Shared.Next(2, 12));
            }
        }
    }

    // The same exclusive flock .NET takes for FileShare.None, on a file opened with O_NOFOLLOW and checked to be regular
    // by the handle itself (a link or a FIFO put in its place after the check above is refused, not written). Null: locked.
    private static FileStream? OpenRegularLocked(string path)
    {
        try
        {
            // O_CREAT|O_EXCL, as .NET's CreateNew opens, never follows a link either.
            new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite).Dispose();
        }
        catch (IOException) when (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
        }

        var (kind, _, handle) = UnixFile.Open(path, writable: true, followLinks: false);
        if (handle is null)
        {
            throw new UnsafeFileException(RegularFile.Describe(kind));
        }

        if (!UnixFile.TryLockExclusive(handle))
        {
            handle.Dispose();
            return null;
        }

        return new FileStream(handle, FileAccess.ReadWrite, bufferSize: 0);
    }

    private static bool EndsWithNewline(FileStream log, long length)
    {
        Span<byte> last = stackalloc byte[1];
        return RandomAccess.Read(log.SafeFileHandle, last, length - 1) == 1 && last[0] == (byte)'\n';
    }

    private static void TryTruncate(FileStream log, long length)
    {
        try
        {
            log.SetLength(length);
        }
        catch (IOException)
        {
        }
    }

    private static string Describe(string path, Exception e) =>
        Directory.Exists(path) ? "it is a directory" : e is UnauthorizedAccessException ? $"permission denied: {e.Message}" : e.Message;
}
