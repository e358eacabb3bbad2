using System.Text;

namespace DriftHooks.Core.Files;

/// <summary>
/// The one way DriftHooks writes a file (hook scripts, husky scripts, backups and their folder's .gitignore, its
/// state under <c>.git/drifthooks</c>): never through a link, never into a FIFO or a device. The new content goes
/// to a temporary file created beside the target (<c>O_CREAT|O_EXCL</c>, which refuses a link there too), is
/// flushed to disk, then renamed over the target: a rename replaces a name, never what a link points to, and a
/// crash or a full disk leaves the old file or the new one, never half of one.
/// </summary>
internal static class FileWriter
{
    /// <summary>Why <paramref name="path"/> may not be written, or null when nothing is there or a regular file is.</summary>
    public static string? Refusal(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            return $"it is a symbolic link (to {target})";
        }

        if (Directory.Exists(path))
        {
            return RegularFile.Describe(FileKind.Directory);
        }

        if (!info.Exists || OperatingSystem.IsWindows())
        {
            return null;
        }

        var (kind, _, handle) = UnixFile.Open(path, writable: false, followLinks: false);
        handle?.Dispose();
        return kind is FileKind.Regular or FileKind.Missing ? null : RegularFile.Describe(kind);
    }

    /// <summary>Throws when <paramref name="path"/> may not be written (see <see cref="Refusal"/>).</summary>
    /// <exception cref="UnsafeFileException">A link, FIFO, device or directory is in the file's place.</exception>
    public static void EnsureWritable(string path)
    {
        if (Refusal(path) is { } why)
        {
            throw new UnsafeFileException(
                $"{path} was not written: {why}. DriftHooks never writes through a link or into anything but a regular file; move it away (or replace it with a regular file) and run the command again.");
        }
    }

    /// <summary>Replaces the file with these lines, each ended by a newline.</summary>
    public static void ReplaceLines(string path, IEnumerable<string> lines) => Replace(path, string.Concat(lines.Select(l => l + "\n")));

    public static void Replace(string path, string text, UnixFileMode? newFileMode = null) => Replace(path, Encoding.UTF8.GetBytes(text), newFileMode);

    /// <summary>
    /// Replaces (or creates) the file with <paramref name="content"/>, atomically and durably. An existing file keeps its
    /// permissions; a new one gets <paramref name="newFileMode"/> (less the umask), or the default.
    /// </summary>
    /// <exception cref="UnsafeFileException">A link, FIFO, device or directory is in the file's place.</exception>
    public static void Replace(string path, ReadOnlySpan<byte> content, UnixFileMode? newFileMode = null)
    {
        EnsureWritable(path);
        UnixFileMode? keep = !OperatingSystem.IsWindows() && File.Exists(path) ? File.GetUnixFileMode(path) : null;
        var temporary = WriteTemporary(path, content, keep, newFileMode);
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> with <paramref name="content"/>, atomically and durably, only if nothing has that
    /// name; false (nothing written) when something does.
    /// </summary>
    public static bool TryCreate(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (Exists(path))
        {
            return false;
        }

        var temporary = WriteTemporary(path, write, null, null);
        try
        {
            // Without overwrite the move fails when the name exists: a backup written meanwhile is never replaced.
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (Exists(path))
        {
            TryDelete(temporary);
            return false;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Copies a file over <paramref name="destination"/> the same way: a running executable there keeps running (a rename, not an overwrite).</summary>
    public static void CopyReplacing(string source, string destination, UnixFileMode? mode)
    {
        EnsureWritable(destination);
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read);
        var temporary = WriteTemporary(destination, input.CopyTo, mode, null);
        try
        {
            File.Move(temporary, destination, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    static string WriteTemporary(string path, ReadOnlySpan<byte> content, UnixFileMode? mode, UnixFileMode? newFileMode)
    {
        var bytes = content.ToArray();
        return WriteTemporary(path, stream => stream.Write(bytes), mode, newFileMode);
    }

    static string WriteTemporary(string path, Action<Stream> write, UnixFileMode? mode, UnixFileMode? newFileMode)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (newFileMode is { } create && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = create;
        }

        try
        {
            using var stream = new FileStream(temporary, options);
            if (mode is { } exact && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, exact);
            }

            write(stream);
            stream.Flush(flushToDisk: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        return temporary;
    }

    static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
