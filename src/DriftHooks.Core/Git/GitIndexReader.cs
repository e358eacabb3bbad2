using System.Buffers.Binary;
using System.Text;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Git;

/// <summary>
/// Reads the entries of a git index file (gitformat-index, versions 2-4) under given path prefixes,
/// without loading the whole index into objects: the pre-commit hook must cost about as much as
/// <c>git diff --cached</c>, and a full parse of a large index does not fit that budget.
/// </summary>
public static class GitIndexReader
{
    // Fixed part of an entry: ctime, mtime (8 each), dev, ino, mode, uid, gid, size (4 each), SHA-1 (20), flags (2).
    private const int FixedEntrySize = 62;
    private const int ModeOffset = 24;
    private const int ObjectIdOffset = 40;
    private const int FlagsOffset = 60;
    private const int HashSize = 20;
    private const int HeaderSize = 12;

    private const int FlagExtended = 0x4000;
    private const int NameLengthMask = 0x0FFF;
    private const int ExtendedSkipWorktree = 0x4000;
    private const int ExtendedIntentToAdd = 0x2000;
    private const int ModeTypeMask = 0xF000;
    private const int ModeTypeDirectory = 0x4000;

    /// <summary>
    /// Reads the index file at <paramref name="indexPath"/> (GIT_INDEX_FILE, else &lt;gitdir&gt;/index) and
    /// returns, in index order, the entries whose path equals a prefix or starts with prefix + "/".
    /// Prefixes are repository-relative and '/'-separated; an empty prefix means every entry.
    /// A missing index file (a fresh repository) gives an empty list.
    /// </summary>
    /// <exception cref="ResourceUnavailableException">The file cannot be read, or is corrupt or truncated.</exception>
    /// <exception cref="UnsupportedIndexException">The index uses a feature this reader cannot decode for these prefixes.</exception>
    public static IReadOnlyList<IndexEntry> ReadEntries(string indexPath, IReadOnlyList<string> prefixes)
    {
        ArgumentException.ThrowIfNullOrEmpty(indexPath);
        var matcher = new PrefixMatcher(prefixes);
        var data = ReadFile(indexPath);
        if (data is null)
        {
            return [];
        }

        return Parse(indexPath, data, matcher);
    }

    private static byte[]? ReadFile(string indexPath)
    {
        try
        {
            // One read: git replaces the index by rename, so a single read never sees a torn file.
            return File.ReadAllBytes(indexPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResourceUnavailableException(
                $"Cannot read the git index '{indexPath}': {e.Message}. Check the file's permissions and that no other process holds it.",
                e);
        }
    }

    internal static List<IndexEntry> Parse(string indexPath, ReadOnlySpan<byte> data, PrefixMatcher matcher)
    {
        if (data.Length < HeaderSize + HashSize)
        {
            throw Corrupt(indexPath, $"the file is {data.Length} bytes, shorter than a header and checksum");
        }

        if (!data[..4].SequenceEqual("DIRC"u8))
        {
            throw Corrupt(indexPath, "it does not start with the 'DIRC' signature");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (version is < 2 or > 4)
        {
            throw new UnsupportedIndexException(
                $"The git index '{indexPath}' has version {version}; only versions 2, 3 and 4 are supported. Run 'git update-index --index-version 2' to rewrite it.");
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        var end = data.Length - HashSize;
        var result = new List<IndexEntry>();
        var pos = HeaderSize;

        // Version 4 stores each path as "strip N bytes from the previous path, append this suffix".
        var pathBuffer = version == 4 ? new byte[256] : [];
        var previousLength = 0;

        for (uint i = 0; i < count; i++)
        {
            if (pos > end - FixedEntrySize)
            {
                throw Corrupt(indexPath, $"entry {i} of {count} runs past the end of the file");
            }

            var flags = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + FlagsOffset)..]);
            var extended = (flags & FlagExtended) != 0;
            if (extended && version < 3)
            {
                throw Corrupt(indexPath, $"entry {i} has extended flags in a version {version} index");
            }

            var nameStart = pos + FixedEntrySize + (extended ? 2 : 0);
            ReadOnlySpan<byte> path;
            int next;
            if (version < 4)
            {
                var nameLength = flags & NameLengthMask;
                if (nameLength == NameLengthMask)
                {
                    // 0xFFF means "this long or longer": the NUL terminator tells the real length.
                    var nul = nameStart + NameLengthMask > end ? -1 : data[(nameStart + NameLengthMask)..end].IndexOf((byte)0);
                    if (nul < 0)
                    {
                        throw Corrupt(indexPath, $"entry {i} has an unterminated path");
                    }

                    nameLength = NameLengthMask + nul;
                }

                // Entries are NUL-padded to a multiple of 8 bytes, with at least one NUL.
                next = pos + ((nameStart - pos + nameLength + 8) & ~7);
                if (next > end || data[nameStart + nameLength] != 0)
                {
                    throw Corrupt(indexPath, $"entry {i} has a path that runs past the end of the file or is not NUL-terminated");
                }

                path = data.Slice(nameStart, nameLength);
            }
            else
            {
                var strip = ReadVarint(data, ref nameStart, end);
                if (strip < 0 || strip > previousLength)
                {
                    throw Corrupt(indexPath, $"entry {i} strips more of the previous path than it has");
                }

                var nul = data[nameStart..end].IndexOf((byte)0);
                if (nul < 0)
                {
                    throw Corrupt(indexPath, $"entry {i} has an unterminated path");
                }

                var kept = previousLength - (int)strip;
                var length = kept + nul;
                if (length > pathBuffer.Length)
                {
                    Array.Resize(ref pathBuffer, Math.Max(length, pathBuffer.Length * 2));
                }

                data.Slice(nameStart, nul).CopyTo(pathBuffer.AsSpan(kept));
                previousLength = length;
                path = pathBuffer.AsSpan(0, length);
                next = nameStart + nul + 1;
            }

            var mode = (int)BinaryPrimitives.ReadUInt32BigEndian(data[(pos + ModeOffset)..]);
            var isSparseDirectory = (mode & ModeTypeMask) == ModeTypeDirectory;
            if (isSparseDirectory && matcher.OverlapsDirectory(path))
            {
                throw new UnsupportedIndexException(
                    $"The git index '{indexPath}' is a sparse index and the directory '{Decode(path)}' is collapsed into one entry, hiding paths this check needs. Run 'git sparse-checkout set --no-sparse-index' (or 'git sparse-checkout disable').");
            }

            if (matcher.Matches(path))
            {
                var extendedFlags = extended ? BinaryPrimitives.ReadUInt16BigEndian(data[(pos + FixedEntrySize)..]) : 0;
                result.Add(new IndexEntry(
                    Decode(path),
                    mode,
                    Convert.ToHexStringLower(data.Slice(pos + ObjectIdOffset, HashSize)),
                    (flags >> 12) & 3,
                    (extendedFlags & ExtendedIntentToAdd) != 0,
                    (extendedFlags & ExtendedSkipWorktree) != 0));
            }

            pos = next;
        }

        CheckExtensions(indexPath, data, pos, end);
        return result;
    }

    private static void CheckExtensions(string indexPath, ReadOnlySpan<byte> data, int pos, int end)
    {
        // Extensions follow the entries: 4-byte signature, 4-byte size, data. A signature starting with
        // 'A'-'Z' is optional (caches); any other is required to read the index correctly.
        while (pos < end)
        {
            if (end - pos < 8)
            {
                throw Corrupt(indexPath, "there are stray bytes between the last extension and the checksum");
            }

            var signature = data.Slice(pos, 4);
            var size = BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 4)..]);
            if (size > (uint)(end - pos - 8))
            {
                throw Corrupt(indexPath, $"extension '{Decode(signature)}' runs past the end of the file");
            }

            if (signature.SequenceEqual("link"u8))
            {
                throw new UnsupportedIndexException(
                    $"The git index '{indexPath}' is a split index (most entries live in a shared index file), which is not supported. Run 'git update-index --no-split-index' (and 'git config core.splitIndex false').");
            }

            // 'sdir' only marks the index as sparse; its directory entries were checked while reading them.
            if (signature[0] is < (byte)'A' or > (byte)'Z' && !signature.SequenceEqual("sdir"u8))
            {
                throw new UnsupportedIndexException(
                    $"The git index '{indexPath}' uses the required extension '{Decode(signature)}', which this reader does not understand. Upgrade DriftHooks or rewrite the index with 'git update-index --index-version 2'.");
            }

            pos += 8 + (int)size;
        }
    }

    // git's varint (varint.c): 7 bits a byte, most significant first, each continuation adding one.
    private static long ReadVarint(ReadOnlySpan<byte> data, ref int pos, int end)
    {
        if (pos >= end)
        {
            return -1;
        }

        var c = data[pos++];
        long value = c & 0x7F;
        while ((c & 0x80) != 0)
        {
            if (pos >= end || value > int.MaxValue)
            {
                return -1;
            }

            c = data[pos++];
            value = ((value + 1) << 7) | (uint)(c & 0x7F);
        }

        return value;
    }

    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static ResourceUnavailableException Corrupt(string indexPath, string what) =>
        new($"The git index '{indexPath}' is corrupt or truncated: {what}. Run 'git status' to see whether git can read it; if not, delete it and run 'git reset' to rebuild it from HEAD.");
}
