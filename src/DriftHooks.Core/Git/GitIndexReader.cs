using System.Buffers.Binary;
using System.Text;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Git;

/// <summary>
/// Reads the entries of a git index file (gitformat-index, versions 2-4) under given path prefixes,
/// without loading the whole index into objects: the pre-commit hook must cost about as much as
/// <c>git diff --cached</c>, and a full parse of a large index does not fit that budget.
/// </summary>
internal static class GitIndexReader
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
    public static IReadOnlyList<IndexEntry> ReadEntries(string indexPath, IReadOnlyList<string> prefixes) =>
        ReadEntries(indexPath, new PrefixMatcher(prefixes));

    /// <summary>
    /// Returns the entries whose raw path bytes pass <paramref name="filter"/> (used to find the files that locate
    /// Prisma projects anywhere in the repository). A sparse-index directory entry is refused, since it may hide matches.
    /// </summary>
    public static IReadOnlyList<IndexEntry> ReadEntries(string indexPath, PathFilter filter) =>
        ReadEntries(indexPath, new FilterSelector(filter));

    /// <summary>
    /// One read of the index for the pre-commit hook: the entries passing <paramref name="first"/>, those passing
    /// <paramref name="second"/>, and the valid folder ids of the index's cache-tree ("TREE" extension), by folder path.
    /// </summary>
    public static IndexScan Scan(string indexPath, PathFilter first, PathFilter second)
    {
        var scan = new IndexScan();
        Read<IEntrySelector, IEntrySelector>(indexPath, new FilterSelector(first), new FilterSelector(second), hasSecond: true, scan);
        return scan;
    }

    /// <summary>
    /// <see cref="Scan"/> with <see cref="Prisma.PrismaProjectLocator.IsCandidate"/> and
    /// <see cref="Prisma.PrismaProjectLocator.IsLikelyProjectPath"/>, called directly: they run on every index entry.
    /// </summary>
    internal static IndexScan ScanForProjects(string indexPath)
    {
        var scan = new IndexScan { Collapsed = [] };
        Read(indexPath, default(CandidateSelector), default(LikelyProjectSelector), hasSecond: true, scan);
        return scan;
    }

    /// <summary>
    /// The entries that can locate a Prisma project (<see cref="Prisma.PrismaProjectLocator.IsCandidate"/>), with a
    /// sparse index's collapsed directories listed rather than refused.
    /// </summary>
    internal static IndexScan ScanForCandidates(string indexPath)
    {
        var scan = new IndexScan { Collapsed = [] };
        Read(indexPath, default(CandidateSelector), default(CandidateSelector), hasSecond: false, scan);
        return scan;
    }

    private static IReadOnlyList<IndexEntry> ReadEntries(string indexPath, IEntrySelector matcher)
    {
        var scan = new IndexScan();
        Read<IEntrySelector, IEntrySelector>(indexPath, matcher, matcher, hasSecond: false, scan);
        return scan.First;
    }

    // Generic so that struct selectors get their own code, with the per-entry checks called directly.
    private static void Read<TFirst, TSecond>(string indexPath, TFirst first, TSecond second, bool hasSecond, IndexScan scan)
        where TFirst : IEntrySelector
        where TSecond : IEntrySelector
    {
        ArgumentException.ThrowIfNullOrEmpty(indexPath);
        try
        {
            byte[]? link;
            using (var cursor = IndexFileCursor.Open(indexPath))
            {
                link = cursor is null ? null : Parse(indexPath, cursor, first, second, hasSecond, scan);
            }

            if (link is not null)
            {
                ReadSplit(indexPath, link, first, second, hasSecond, scan);
            }

            Logging.DiagnosticLog.Current?.Debug("read the git index {Path}", indexPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResourceUnavailableException(
                $"Cannot read the git index '{indexPath}': {e.Message}. Check the file's permissions and that no other process holds it.",
                e);
        }
    }

    /// <summary>Reads the entries into <paramref name="scan"/>; returns the "link" extension's data when this is a split index.</summary>
    private static byte[]? Parse<TFirst, TSecond>(string indexPath, IndexFileCursor cursor, TFirst first, TSecond second, bool hasSecond, IndexScan scan)
        where TFirst : IEntrySelector
        where TSecond : IEntrySelector
    {
        var (version, count) = ReadHeader(indexPath, cursor);

        // Entries and extensions end where the trailing checksum starts.
        var end = cursor.Length - HashSize;

        // Version 4 stores each path as "strip N bytes from the previous path, append this suffix".
        var paths = new PathState(version == 4 ? new byte[256] : []);
        for (uint i = 0; i < count; i++)
        {
            var left = end - cursor.Position;
            if (left < FixedEntrySize + 2)
            {
                throw Corrupt(indexPath, $"entry {i} of {count} runs past the end of the file");
            }

            var data = cursor.Peek(FixedEntrySize + 2);
            var flags = BinaryPrimitives.ReadUInt16BigEndian(data[FlagsOffset..]);
            var extended = (flags & FlagExtended) != 0;
            if (extended && version < 3)
            {
                throw Corrupt(indexPath, $"entry {i} has extended flags in a version {version} index");
            }

            var nameStart = FixedEntrySize + (extended ? 2 : 0);
            var entryLength = version < 4
                ? ReadPath(indexPath, cursor, flags, nameStart, left, i, out data, out var path)
                : ReadPrefixCompressedPath(indexPath, cursor, nameStart, left, i, paths, out data, out path);
            Select(indexPath, data, path, flags, extended, first, second, hasSecond, scan);
            cursor.Advance(entryLength);
        }

        return CheckExtensions(indexPath, cursor, end, hasSecond ? scan : null);
    }

    private static (uint Version, uint Count) ReadHeader(string indexPath, IndexFileCursor cursor)
    {
        if (cursor.Length < HeaderSize + HashSize)
        {
            throw Corrupt(indexPath, $"the file is {cursor.Length} bytes, shorter than a header and checksum");
        }

        var header = cursor.Peek(HeaderSize);
        if (!header[..4].SequenceEqual("DIRC"u8))
        {
            throw Corrupt(indexPath, "it does not start with the 'DIRC' signature");
        }

        var version = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (version is < 2 or > 4)
        {
            throw new UnsupportedIndexException(
                $"The git index '{indexPath}' has version {version}; only versions 2, 3 and 4 are supported. Run 'git update-index --index-version 2' to rewrite it.");
        }

        var count = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        cursor.Advance(HeaderSize);
        return (version, count);
    }

    /// <summary>A version 2 or 3 entry's path, stored whole; returns the entry's length.</summary>
    private static int ReadPath(string indexPath, IndexFileCursor cursor, int flags, int nameStart, long left, uint i, out ReadOnlySpan<byte> data, out ReadOnlySpan<byte> path)
    {
        var nameLength = flags & NameLengthMask;
        if (nameLength == NameLengthMask)
        {
            // 0xFFF means "this long or longer": the NUL terminator tells the real length.
            nameLength = FindNul(indexPath, cursor, nameStart + NameLengthMask, left, i, out _) - nameStart;
        }

        // Entries are NUL-padded to a multiple of 8 bytes, with at least one NUL.
        var entryLength = (nameStart + nameLength + 8) & ~7;
        if (entryLength > left)
        {
            throw Corrupt(indexPath, $"entry {i} has a path that runs past the end of the file");
        }

        data = cursor.Peek(entryLength);
        if (data[nameStart + nameLength] != 0)
        {
            throw Corrupt(indexPath, $"entry {i} has a path that is not NUL-terminated");
        }

        path = data.Slice(nameStart, nameLength);
        return entryLength;
    }

    /// <summary>The path a version 4 entry keeps of the previous one, and the suffix it adds.</summary>
    private sealed class PathState(byte[] buffer)
    {
        public byte[] Buffer = buffer;
        public int PreviousLength;
    }

    /// <summary>A version 4 entry's path: part of the previous path, then its own NUL-terminated suffix; returns the entry's length.</summary>
    private static int ReadPrefixCompressedPath(
        string indexPath, IndexFileCursor cursor, int nameStart, long left, uint i, PathState paths, out ReadOnlySpan<byte> data, out ReadOnlySpan<byte> path)
    {
        // The strip count is a varint of at most a few bytes; then the NUL-terminated suffix.
        data = cursor.Peek(nameStart + 16);
        var suffixStart = nameStart;
        var strip = ReadVarint(data[..(int)Math.Min(data.Length, left)], ref suffixStart);
        if (strip < 0 || strip > paths.PreviousLength)
        {
            throw Corrupt(indexPath, $"entry {i} strips more of the previous path than it has");
        }

        var nul = FindNul(indexPath, cursor, suffixStart, left, i, out data);
        var kept = paths.PreviousLength - (int)strip;
        var length = kept + nul - suffixStart;
        if (length > paths.Buffer.Length)
        {
            Array.Resize(ref paths.Buffer, Math.Max(length, paths.Buffer.Length * 2));
        }

        data[suffixStart..nul].CopyTo(paths.Buffer.AsSpan(kept));
        paths.PreviousLength = length;
        path = paths.Buffer.AsSpan(0, length);
        return nul + 1;
    }

    /// <summary>Adds the entry to the lists whose selector takes its path; a sparse directory that may hide one is collapsed.</summary>
    private static void Select<TFirst, TSecond>(
        string indexPath, ReadOnlySpan<byte> data, ReadOnlySpan<byte> path, int flags, bool extended, TFirst first, TSecond second, bool hasSecond, IndexScan scan)
        where TFirst : IEntrySelector
        where TSecond : IEntrySelector
    {
        var mode = (int)BinaryPrimitives.ReadUInt32BigEndian(data[ModeOffset..]);
        var isSparseDirectory = (mode & ModeTypeMask) == ModeTypeDirectory;
        if (isSparseDirectory && (first.OverlapsDirectory(path) || (hasSecond && second.OverlapsDirectory(path))))
        {
            Collapse(indexPath, scan, new IndexEntry(Decode(path).TrimEnd('/'), mode, RawId.FromBytes(data.Slice(ObjectIdOffset, HashSize)), 0, false, true));
            return;
        }

        var inFirst = first.Matches(path);
        var inSecond = hasSecond && second.Matches(path);
        if (!inFirst && !inSecond)
        {
            return;
        }

        var extendedFlags = extended ? BinaryPrimitives.ReadUInt16BigEndian(data[FixedEntrySize..]) : 0;
        var entry = new IndexEntry(
            Decode(path),
            mode,
            RawId.FromBytes(data.Slice(ObjectIdOffset, HashSize)),
            (flags >> 12) & 3,
            (extendedFlags & ExtendedIntentToAdd) != 0,
            (extendedFlags & ExtendedSkipWorktree) != 0);
        if (inFirst)
        {
            scan.First.Add(entry);
        }

        if (inSecond)
        {
            scan.Second.Add(entry);
        }
    }

    /// <summary>
    /// Offset (from the cursor) of the first NUL at or after <paramref name="from"/>, within the
    /// <paramref name="left"/> bytes before the checksum; <paramref name="data"/> then holds it.
    /// </summary>
    private static int FindNul(string indexPath, IndexFileCursor cursor, int from, long left, uint entry, out ReadOnlySpan<byte> data)
    {
        var want = from + 256;
        while (true)
        {
            data = cursor.Peek(want);
            var available = (int)Math.Min(data.Length, left);
            if (from < available)
            {
                var nul = data[from..available].IndexOf((byte)0);
                if (nul >= 0)
                {
                    return from + nul;
                }
            }

            if (available >= left || want >= int.MaxValue / 2)
            {
                throw Corrupt(indexPath, $"entry {entry} has a path that is not NUL-terminated before the end of the file");
            }

            want = available * 2;
        }
    }

    private static byte[]? CheckExtensions(string indexPath, IndexFileCursor cursor, long end, IndexScan? scan)
    {
        byte[]? link = null;
        // Extensions follow the entries: 4-byte signature, 4-byte size, data. A signature starting with
        // 'A'-'Z' is optional (caches); any other is required to read the index correctly.
        while (cursor.Position < end)
        {
            if (end - cursor.Position < 8)
            {
                throw Corrupt(indexPath, "there are stray bytes between the last extension and the checksum");
            }

            var header = cursor.Peek(8);
            var signature = header[..4];
            var size = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
            if (size > end - cursor.Position - 8)
            {
                throw Corrupt(indexPath, $"extension '{Decode(signature)}' runs past the end of the file");
            }

            if (signature.SequenceEqual("link"u8))
            {
                link = cursor.Peek(8 + (int)size).Slice(8, (int)size).ToArray();
            }

            // 'sdir' only marks the index as sparse; its directory entries were checked while reading them.
            else if (signature[0] is < (byte)'A' or > (byte)'Z' && !signature.SequenceEqual("sdir"u8))
            {
                throw new UnsupportedIndexException(
                    $"The git index '{indexPath}' uses the required extension '{Decode(signature)}', which this reader does not understand. Upgrade DriftHooks or rewrite the index with 'git update-index --index-version 2'.");
            }

            if (scan is not null && signature.SequenceEqual("TREE"u8))
            {
                // Kept raw: most of it is folders no project lives in, and only the caller knows which ones matter.
                scan.RawCacheTree = cursor.Peek(8 + (int)size).Slice(8, (int)size).ToArray();
            }

            cursor.Advance(8 + size);
        }

        return link;
    }

    /// <summary>
    /// A split index (core.splitIndex): most entries live in the shared index <c>sharedindex.&lt;id&gt;</c> beside the
    /// index file; this file holds the entries that replace shared ones (nameless, in the order of the replace bitmap's
    /// set bits), then entries it adds, and a bitmap of shared entries deleted. Merged as git's merge_base_index does,
    /// then selected. Only repositories that turned the feature on pay for reading both files whole.
    /// </summary>
    private static void ReadSplit<TFirst, TSecond>(string indexPath, byte[] link, TFirst first, TSecond second, bool hasSecond, IndexScan scan)
        where TFirst : IEntrySelector
        where TSecond : IEntrySelector
    {
        scan.First.Clear();
        scan.Second.Clear();
        scan.Collapsed?.Clear();
        var own = ReadAll(indexPath, out _);
        if (link.Length < HashSize)
        {
            throw Corrupt(indexPath, "its split-index link is shorter than an object id");
        }

        var shared = ReadShared(indexPath, link);
        var (deleted, replaced) = ReadLinkBitmaps(indexPath, link, shared.Count);
        if (replaced.Count > own.Count)
        {
            throw Corrupt(indexPath, $"its split-index link replaces {replaced.Count} entries but the file holds {own.Count}");
        }

        foreach (var (bytes, entry) in Merge(shared, own, deleted, replaced)
            .Select(e => (Bytes: Encoding.UTF8.GetBytes(e.Path), Entry: e))
            .OrderBy(e => e.Bytes, ByteOrder.Instance)
            .ThenBy(e => e.Entry.Stage))
        {
            if ((entry.Mode & ModeTypeMask) == ModeTypeDirectory && (first.OverlapsDirectory(bytes) || (hasSecond && second.OverlapsDirectory(bytes))))
            {
                Collapse(indexPath, scan, new IndexEntry(entry.Path.TrimEnd('/'), entry.Mode, entry.ObjectId, 0, false, true));
                continue;
            }

            if (first.Matches(bytes))
            {
                scan.First.Add(entry);
            }

            if (hasSecond && second.Matches(bytes))
            {
                scan.Second.Add(entry);
            }
        }
    }

    /// <summary>The entries of the shared index a split index's link names (none when the link's id is all zeros).</summary>
    private static List<IndexEntry> ReadShared(string indexPath, byte[] link)
    {
        if (!link.AsSpan(0, HashSize).ContainsAnyExcept((byte)0))
        {
            return [];
        }

        var sharedId = Convert.ToHexStringLower(link, 0, HashSize);
        var sharedPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(indexPath))!, "sharedindex." + sharedId);
        if (!File.Exists(sharedPath))
        {
            throw new ResourceUnavailableException(
                $"The git index '{indexPath}' is a split index whose shared part '{sharedPath}' is missing. Run 'git status' to see whether git can read it; 'git update-index --no-split-index' writes a whole index again.");
        }

        var shared = ReadAll(sharedPath, out var sharedIsSplit);
        return sharedIsSplit ? throw Corrupt(sharedPath, "a shared index links to another shared index") : shared;
    }

    /// <summary>The link's two bitmaps over the shared entries: those deleted, and those replaced.</summary>
    private static (List<int> Deleted, List<int> Replaced) ReadLinkBitmaps(string indexPath, byte[] link, int sharedCount)
    {
        try
        {
            var offset = HashSize;
            if (offset >= link.Length)
            {
                return ([], []);
            }

            var deleted = EwahBitmap.ReadSetBits(link, ref offset, sharedCount);
            var replaced = EwahBitmap.ReadSetBits(link, ref offset, sharedCount);
            return (deleted, replaced);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(indexPath, "its split-index link is damaged: " + e.Message);
        }
    }

    /// <summary>The shared and own entries merged as git's merge_base_index does.</summary>
    private static IEnumerable<IndexEntry> Merge(List<IndexEntry> shared, List<IndexEntry> own, List<int> deleted, List<int> replaced)
    {
        // Replacements keep the shared entry's path and take everything else; deletions apply after them.
        var merged = new Dictionary<(string Path, int Stage), IndexEntry>(shared.Count + own.Count);
        var replacement = 0;
        var deletedSet = deleted.ToHashSet();
        for (var position = 0; position < shared.Count; position++)
        {
            var entry = shared[position];
            if (replacement < replaced.Count && replaced[replacement] == position)
            {
                var by = own[replacement++];
                entry = new IndexEntry(entry.Path, by.Mode, by.ObjectId, by.Stage, by.IntentToAdd, by.SkipWorktree);
            }

            if (!deletedSet.Contains(position))
            {
                merged[(entry.Path, entry.Stage)] = entry;
            }
        }

        // Added entries replace an entry of the same path and stage; a merged (stage 0) one ends that path's conflict.
        foreach (var entry in own.Skip(replaced.Count))
        {
            if (entry.Stage == 0)
            {
                merged.Remove((entry.Path, 1));
                merged.Remove((entry.Path, 2));
                merged.Remove((entry.Path, 3));
            }

            merged[(entry.Path, entry.Stage)] = entry;
        }

        return merged.Values;
    }

    /// <summary>Every entry of one index file, in its order, as written (a split index's replacements nameless).</summary>
    private static List<IndexEntry> ReadAll(string path, out bool isSplit)
    {
        var all = new IndexScan();
        using var cursor = IndexFileCursor.Open(path) ?? throw Corrupt(path, "the file disappeared while it was read");
        isSplit = Parse(path, cursor, default(EveryEntry), default(EveryEntry), hasSecond: false, all) is not null;
        return all.First;
    }

    /// <summary>Selects every entry; collapsed sparse directories are checked after a split index is merged.</summary>
    private readonly struct EveryEntry : IEntrySelector
    {
        public bool Matches(ReadOnlySpan<byte> path) => true;

        public bool OverlapsDirectory(ReadOnlySpan<byte> directoryWithSlash) => false;
    }

    /// <summary>git's path order: bytes, unsigned.</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }

    // git's varint (varint.c): 7 bits a byte, most significant first, each continuation adding one.
    // Returns -1 when it does not end within data or overflows.
    private static long ReadVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        if (pos >= data.Length)
        {
            return -1;
        }

        var c = data[pos++];
        long value = c & 0x7F;
        while ((c & 0x80) != 0)
        {
            if (pos >= data.Length || value > int.MaxValue)
            {
                return -1;
            }

            c = data[pos++];
            value = ((value + 1) << 7) | (uint)(c & 0x7F);
        }

        return value;
    }

    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    // A collapsed sparse directory may hide entries a selection wants: listed where the caller can judge it, else refused.
    private static void Collapse(string indexPath, IndexScan scan, IndexEntry directory)
    {
        if (scan.Collapsed is null)
        {
            throw SparseDirectory(indexPath, directory.Path);
        }

        scan.Collapsed.Add(directory);
    }

    /// <summary>The refusal of a sparse index whose collapsed <paramref name="directory"/> hides what a check needs.</summary>
    internal static UnsupportedIndexException SparseDirectory(string indexPath, string directory, string why = "is collapsed into one entry, hiding paths this check needs") =>
        new($"The git index '{indexPath}' is a sparse index and the directory '{directory}/' {why}. Run 'git sparse-checkout set --no-sparse-index' (or 'git sparse-checkout disable').");

    private static ResourceUnavailableException Corrupt(string indexPath, string what) =>
        new($"The git index '{indexPath}' is corrupt or truncated: {what}. Run 'git status' to see whether git can read it; if not, delete it and run 'git reset' to rebuild it from HEAD.");
}
