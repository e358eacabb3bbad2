using System.Globalization;
using System.Text;

namespace DriftHooks.Core.Files;

/// <summary>
/// The one way DriftHooks reads a file of the work tree or its own state: only a regular file (a link to one is
/// followed; a FIFO, a device, a socket or a link to one is refused without opening it for long), and at most a
/// size limit, so that a committed link to <c>/dev/zero</c> cannot fill memory and a FIFO cannot hang a commit.
/// A refusal is an <see cref="UnsafeFileException"/> naming the file and why.
/// </summary>
internal static class RegularFile
{
    /// <summary>Settings and project files: drifthooks.json, .env, package.json, prisma.config.ts, migration_lock.toml, DriftHooks's state.</summary>
    public const long SmallLimit = 4L << 20;

    /// <summary>Schemas, migration scripts and backups: a generous bound for the largest real ones (a data migration of many MB).</summary>
    public const long SourceLimit = 256L << 20;

    /// <summary>The file's bytes, or null when nothing is at <paramref name="path"/>.</summary>
    /// <exception cref="UnsafeFileException">Not a regular file, or larger than <paramref name="limit"/>.</exception>
    public static byte[]? ReadIfPresent(string path, long limit = SmallLimit)
    {
        ArgumentNullException.ThrowIfNull(path);
        var content = OperatingSystem.IsWindows() ? ReadWindows(path, limit) : ReadUnix(path, limit);
        if (content is not null)
        {
            Logging.DiagnosticLog.Current?.Debug("read {Path} ({Bytes} bytes)", path, content.Length);
        }

        return content;
    }

    /// <summary>The file's bytes; a missing file is a <see cref="FileNotFoundException"/> as File.ReadAllBytes throws.</summary>
    public static byte[] Read(string path, long limit = SmallLimit) =>
        ReadIfPresent(path, limit) ?? throw new FileNotFoundException($"Could not find file '{path}'.", path);

    /// <summary>The file's text (UTF-8 unless a byte order mark says otherwise, as File.ReadAllText reads), or null when missing.</summary>
    public static string? ReadTextIfPresent(string path, long limit = SmallLimit) => ReadIfPresent(path, limit) is { } bytes ? Decode(bytes) : null;

    public static string ReadText(string path, long limit = SmallLimit) => Decode(Read(path, limit));

    /// <summary>The lines of the file's text (none when it is missing).</summary>
    public static IReadOnlyList<string> ReadLines(string path, long limit = SmallLimit)
    {
        if (ReadTextIfPresent(path, limit) is not { } text)
        {
            return [];
        }

        var lines = new List<string>();
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>
    /// Up to the first <paramref name="count"/> bytes of a regular file (through links), or null when it is missing or not a
    /// regular file: for judging what a file is (a hook's marker, a shebang, an executable's magic number) without ever
    /// blocking on a FIFO or reading a device.
    /// </summary>
    public static byte[]? TryReadStart(string path, int count)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsWindows())
        {
            var file = new FileInfo(path);
            if (!file.Exists || (file.Attributes & FileAttributes.Device) != 0)
            {
                return null;
            }

            using var stream = File.OpenRead(path);
            var start = new byte[count];
            return start[..stream.ReadAtLeast(start, count, throwOnEndOfStream: false)];
        }

        var (_, length, handle) = UnixFile.Open(path, writable: false, followLinks: true);
        if (handle is null)
        {
            return null;
        }

        using (handle)
        {
            var buffer = new byte[(int)Math.Min(count, Math.Max(length, 0))];
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = RandomAccess.Read(handle, buffer.AsSpan(filled), filled)) > 0)
            {
                filled += read;
            }

            return buffer[..filled];
        }
    }

    static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    static byte[]? ReadUnix(string path, long limit)
    {
        var (kind, length, handle) = UnixFile.Open(path, writable: false, followLinks: true);
        if (kind == FileKind.Missing)
        {
            return null;
        }

        if (handle is null)
        {
            throw Refusal(path, kind == FileKind.SymbolicLink ? "it is a loop of symbolic links" : Describe(kind));
        }

        using (handle)
        {
            if (length > limit)
            {
                throw Refusal(path, TooLarge(length, limit));
            }

            // Read up to one byte past the limit: a file that grows while it is read is bounded all the same.
            var buffer = new byte[(int)Math.Min(length + 1, limit + 1)];
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length > limit)
                    {
                        throw Refusal(path, TooLarge(filled, limit));
                    }

                    Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, 4096), limit + 1));
                }

                var read = RandomAccess.Read(handle, buffer.AsSpan(filled), filled);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            return filled == buffer.Length ? buffer : buffer[..filled];
        }
    }

    static byte[]? ReadWindows(string path, long limit)
    {
        FileSystemInfo info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
        }

        if (!info.Exists)
        {
            return Directory.Exists(info.FullName) ? throw Refusal(path, Describe(FileKind.Directory)) : null;
        }

        if (info is not FileInfo file || (file.Attributes & FileAttributes.Device) != 0)
        {
            throw Refusal(path, Describe(FileKind.CharacterDevice));
        }

        if (file.Length > limit)
        {
            throw Refusal(path, TooLarge(file.Length, limit));
        }

        var bytes = File.ReadAllBytes(file.FullName);
        return bytes.Length > limit ? throw Refusal(path, TooLarge(bytes.Length, limit)) : bytes;
    }

    /// <summary>What a kind of file is, in words for a message.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "it is a directory",
        FileKind.SymbolicLink => "it is a symbolic link",
        FileKind.Fifo => "it is a FIFO (named pipe)",
        FileKind.CharacterDevice or FileKind.BlockDevice => "it is a device",
        FileKind.Socket => "it is a socket",
        _ => "it is not a regular file",
    };

    static string TooLarge(long length, long limit) =>
        string.Create(CultureInfo.InvariantCulture, $"it is larger than the {limit >> 20} MiB DriftHooks reads of such a file ({length} bytes or more)");

    static UnsafeFileException Refusal(string path, string why)
    {
        var link = Link(path);
        return new UnsafeFileException(
            $"{path}{(link is null ? "" : $" (a symbolic link to {link})")} cannot be read: {why}. DriftHooks reads only regular files of bounded size; replace it with the file it should be, or remove it, and run the command again.");
    }

    static string? Link(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
