using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace DriftHooks.Core.Git;

/// <summary>
/// Reads objects (loose, or in packs through their version-2 .idx) straight from the files, without
/// libgit2: loading libgit2 and opening a repository costs the hook more than the few objects it needs.
/// It answers only what it is sure of: anything it does not handle (reftable, SHA-256, alternates, a missing
/// object, an unknown format) throws <see cref="ObjectStoreException"/>, and the caller falls back to libgit2.
/// </summary>
internal sealed class ObjectStore : IDisposable
{
    private const int HashSize = 20;

    // Deeper chains (git's default pack.depth is 50) are left to libgit2 rather than risk the stack.
    private const int MaxDeltaDepth = 64;
    private readonly string _objects;
    private readonly List<Pack> _packs = [];

    private ObjectStore(string objectsDirectory)
    {
        _objects = objectsDirectory;
    }

    public static ObjectStore Open(RepositoryLocation location)
    {
        var objects = Path.Combine(location.CommonDirectory, "objects");
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GIT_OBJECT_DIRECTORY"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GIT_ALTERNATE_OBJECT_DIRECTORIES"))
            || File.Exists(Path.Combine(objects, "info", "alternates")))
        {
            throw new ObjectStoreException("alternate object directories");
        }

        // Repository format extensions (objectformat, refstorage, …) change how objects or refs are stored.
        if (HasUnhandledExtension(location))
        {
            throw new ObjectStoreException("repository extensions");
        }

        var store = new ObjectStore(objects);
        try
        {
            var packDirectory = Path.Combine(objects, "pack");
            if (Directory.Exists(packDirectory))
            {
                foreach (var idx in Directory.EnumerateFiles(packDirectory, "*.idx"))
                {
                    store._packs.Add(Pack.Open(idx));
                }
            }
        }
        catch
        {
            store.Dispose();
            throw;
        }

        return store;
    }

    // Extensions that change neither how objects nor how refs are stored; any other one sends the caller to libgit2.
    private static readonly string[] HarmlessExtensions = ["worktreeconfig", "noop", "preciousobjects"];

    /// <summary>
    /// True when the repository's config names a format extension this reader (or <see cref="GitRefs"/>) does not read.
    /// The config is read as a regular file of bounded size; one that is not (a FIFO, a device) is left to libgit2.
    /// </summary>
    internal static bool HasUnhandledExtension(RepositoryLocation location)
    {
        try
        {
            return HasUnhandledExtension(Files.RegularFile.ReadTextIfPresent(Path.Combine(location.CommonDirectory, "config")) ?? "");
        }
        catch (Files.UnsafeFileException e)
        {
            throw new ObjectStoreException($"config: {e.Message}");
        }
    }

    /// <summary>
    /// True when the config's [extensions] section names anything but a harmless extension, or an extensions header
    /// takes an unusual form. Git reads these from this file alone (no includes). Doubt means true.
    /// </summary>
    internal static bool HasUnhandledExtension(string config)
    {
        var inExtensions = false;
        foreach (var rawLine in config.Split('\n'))
        {
            var line = rawLine.AsSpan().Trim();
            if (line.StartsWith("["))
            {
                var close = line.IndexOf(']');
                if (close < 0)
                {
                    return line.Contains("extensions", StringComparison.OrdinalIgnoreCase);
                }

                var header = line[1..close].Trim();
                inExtensions = header.StartsWith("extensions", StringComparison.OrdinalIgnoreCase);
                if (inExtensions && !header.Equals("extensions", StringComparison.OrdinalIgnoreCase))
                {
                    return true; // a subsection form ([extensions.x], [extensions "x"]): not worth reading
                }

                line = line[(close + 1)..].Trim(); // git allows a key on the header's line
            }

            if (!inExtensions || line.IsEmpty || line[0] is '#' or ';')
            {
                continue;
            }

            var end = line.IndexOfAny('=', ' ', '\t');
            var key = (end < 0 ? line : line[..end]).ToString().ToLowerInvariant();
            if (!HarmlessExtensions.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The tree id of a commit.</summary>
    public string CommitTree(string commitId)
    {
        var (type, data) = Read(commitId);
        if (type != ObjectType.Commit || data.Length < 5 + 2 * HashSize + 1 || !data.AsSpan().StartsWith("tree "u8) || data[5 + 2 * HashSize] != (byte)'\n')
        {
            throw new ObjectStoreException($"object {commitId} is not a commit");
        }

        return Encoding.ASCII.GetString(data, 5, 2 * HashSize);
    }

    /// <summary>The first parent of a commit, or null for a root commit.</summary>
    public string? FirstParent(string commitId) => Parents(commitId, firstOnly: true) is [var first, ..] ? first : null;

    /// <summary>The parents of a commit, in order (none for a root commit).</summary>
    public List<string> Parents(string commitId) => Parents(commitId, firstOnly: false);

    private List<string> Parents(string commitId, bool firstOnly)
    {
        var (type, data) = Read(commitId);
        const int treeLine = 5 + (2 * HashSize) + 1;
        const int parentLine = 7 + (2 * HashSize) + 1;
        if (type != ObjectType.Commit || data.Length < treeLine || !data.AsSpan().StartsWith("tree "u8))
        {
            throw new ObjectStoreException($"object {commitId} is not a commit");
        }

        var parents = new List<string>(1);
        var rest = data.AsSpan(treeLine);
        while (rest.StartsWith("parent "u8) && rest.Length >= parentLine && rest[parentLine - 1] == (byte)'\n')
        {
            parents.Add(Encoding.ASCII.GetString(rest.Slice(7, 2 * HashSize)));
            if (firstOnly)
            {
                break;
            }

            rest = rest[parentLine..];
        }

        return parents;
    }

    /// <summary>The entries of a tree object, in stored order.</summary>
    public List<TreeNode> ReadTree(string treeId)
    {
        var (type, data) = Read(treeId);
        if (type != ObjectType.Tree)
        {
            throw new ObjectStoreException($"object {treeId} is not a tree");
        }

        // Sized once from the data (a migration folder's entry is ~56 bytes; shorter names regrow it once at most):
        // a thousand migrations would otherwise regrow the list nine times.
        var nodes = new TreeNodeList();
        nodes.Capacity = data.Length / 40 + 1;
        var span = data.AsSpan();
        while (span.Length > 0)
        {
            var space = span.IndexOf((byte)' ');
            var nul = span.IndexOf((byte)0);
            if (space <= 0 || nul < space || span.Length < nul + 1 + HashSize)
            {
                throw new ObjectStoreException($"tree {treeId} is malformed");
            }

            var mode = 0;
            foreach (var digit in span[..space])
            {
                if (digit is < (byte)'0' or > (byte)'7')
                {
                    throw new ObjectStoreException($"tree {treeId} has a malformed mode");
                }

                mode = (mode << 3) | (digit - '0');
            }

            nodes.Add(new TreeNode(
                Encoding.UTF8.GetString(span[(space + 1)..nul]),
                mode,
                RawId.FromBytes(span.Slice(nul + 1, HashSize))));
            span = span[(nul + 1 + HashSize)..];
        }

        return nodes;
    }

    public byte[] ReadBlob(string blobId)
    {
        var (type, data) = Read(blobId);
        return type == ObjectType.Blob ? data : throw new ObjectStoreException($"object {blobId} is not a blob");
    }

    public (ObjectType Type, byte[] Data) Read(string id) => Read(id, 0);

    // depth counts the delta bases followed so far, across REF_DELTAs too, so that a cycle of bases ends in an exception.
    private (ObjectType Type, byte[] Data) Read(string id, int depth)
    {
        if (id.Length != 2 * HashSize || !IsHex(id))
        {
            throw new ObjectStoreException($"'{id}' is not a SHA-1 object id");
        }

        Span<byte> raw = stackalloc byte[HashSize];
        Convert.FromHexString(id, raw, out _, out _);
        foreach (var pack in _packs)
        {
            var offset = pack.Find(raw);
            if (offset >= 0)
            {
                return pack.Read(offset, this, depth);
            }
        }

        return ReadLoose(id);
    }

    private (ObjectType, byte[]) ReadLoose(string id)
    {
        var file = Path.Combine(_objects, id[..2], id[2..]);
        byte[] compressed;
        try
        {
            compressed = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectStoreException($"object {id} not found");
        }

        // The header says the size: inflate straight into an array of that size (Stream.CopyTo would rent an 80 KB
        // buffer, a fresh 128 KB array in a short-lived process).
        using var inflater = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        try
        {
            Span<byte> head = stackalloc byte[32];
            head = head[..inflater.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
            var nul = head.IndexOf((byte)0);
            var space = head.IndexOf((byte)' ');
            if (nul < 0 || space < 0 || space > nul
                || !int.TryParse(head[(space + 1)..nul], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
            {
                throw new ObjectStoreException($"loose object {id} is malformed");
            }

            var type = head[..space] switch
            {
                var t when t.SequenceEqual("commit"u8) => ObjectType.Commit,
                var t when t.SequenceEqual("tree"u8) => ObjectType.Tree,
                var t when t.SequenceEqual("blob"u8) => ObjectType.Blob,
                var t when t.SequenceEqual("tag"u8) => ObjectType.Tag,
                _ => throw new ObjectStoreException($"loose object {id} has an unknown type"),
            };

            var data = new byte[size];
            var start = head[(nul + 1)..];
            if (start.Length > size)
            {
                throw new ObjectStoreException($"loose object {id} is malformed");
            }

            start.CopyTo(data);
            inflater.ReadExactly(data.AsSpan(start.Length));
            Span<byte> beyond = stackalloc byte[1];
            if (inflater.Read(beyond) != 0)
            {
                throw new ObjectStoreException($"loose object {id} is malformed");
            }

            return (type, data);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new ObjectStoreException($"loose object {id} is not valid zlib data or is cut short");
        }
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        foreach (var pack in _packs)
        {
            pack.Dispose();
        }
    }

    internal enum ObjectType
    {
        Commit = 1,
        Tree = 2,
        Blob = 3,
        Tag = 4,
    }

    /// <summary>One pack and its version-2 index, read with positioned reads (no whole-file loads).</summary>
    private sealed class Pack : IDisposable
    {
        private const int OfsDelta = 6;
        private const int RefDelta = 7;
        private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _idx;
        private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _pack;
        private readonly uint[] _fanout = new uint[256];
        private readonly long _packLength;

        private Pack(Microsoft.Win32.SafeHandles.SafeFileHandle idx, Microsoft.Win32.SafeHandles.SafeFileHandle pack)
        {
            _idx = idx;
            _pack = pack;
            _packLength = RandomAccess.GetLength(pack);
        }

        private uint Count => _fanout[255];

        public static Pack Open(string idxPath)
        {
            var packPath = Path.ChangeExtension(idxPath, ".pack");
            var idx = File.OpenHandle(idxPath);
            Microsoft.Win32.SafeHandles.SafeFileHandle pack;
            try
            {
                pack = File.OpenHandle(packPath);
            }
            catch
            {
                idx.Dispose();
                throw new ObjectStoreException($"pack {packPath} cannot be opened");
            }

            var result = new Pack(idx, pack);
            Span<byte> header = stackalloc byte[8 + 1024];
            if (RandomAccess.Read(idx, header, 0) != header.Length
                || !header[..4].SequenceEqual((ReadOnlySpan<byte>)[0xFF, (byte)'t', (byte)'O', (byte)'c'])
                || BinaryPrimitives.ReadUInt32BigEndian(header[4..]) != 2)
            {
                result.Dispose();
                throw new ObjectStoreException($"pack index {idxPath} is not version 2");
            }

            for (var i = 0; i < 256; i++)
            {
                result._fanout[i] = BinaryPrimitives.ReadUInt32BigEndian(header[(8 + (i * 4))..]);
            }

            return result;
        }

        /// <summary>Offset of the object in the pack, or -1.</summary>
        public long Find(ReadOnlySpan<byte> id)
        {
            var low = id[0] == 0 ? 0 : (long)_fanout[id[0] - 1];
            var high = (long)_fanout[id[0]];
            Span<byte> probe = stackalloc byte[HashSize];
            while (low < high)
            {
                var mid = (low + high) / 2;
                ReadExactly(_idx, probe, 8 + 1024 + (mid * HashSize));
                var order = probe.SequenceCompareTo(id);
                if (order == 0)
                {
                    return OffsetOf(mid);
                }

                if (order < 0)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return -1;
        }

        private long OffsetOf(long position)
        {
            Span<byte> word = stackalloc byte[8];
            var offsets = 8 + 1024 + (Count * (HashSize + 4L));
            ReadExactly(_idx, word[..4], offsets + (position * 4));
            var offset = BinaryPrimitives.ReadUInt32BigEndian(word);
            if ((offset & 0x80000000) == 0)
            {
                return offset;
            }

            ReadExactly(_idx, word, offsets + (Count * 4L) + ((offset & 0x7FFFFFFF) * 8L));
            return BinaryPrimitives.ReadInt64BigEndian(word);
        }

        public (ObjectType, byte[]) Read(long offset, ObjectStore store, int depth)
        {
            if (depth > MaxDeltaDepth || offset < 12 || offset >= _packLength)
            {
                throw new ObjectStoreException("pack delta chain too deep or offset out of range");
            }

            Span<byte> header = stackalloc byte[32];
            var got = RandomAccess.Read(_pack, header, offset);
            header = header[..got];
            var pos = 0;
            int Next(ReadOnlySpan<byte> h, ref int p) => p < h.Length ? h[p++] : throw new ObjectStoreException("pack entry header truncated");
            var c = Next(header, ref pos);
            var type = (c >> 4) & 7;
            long size = c & 15;
            var shift = 4;
            while ((c & 0x80) != 0)
            {
                c = Next(header, ref pos);
                size |= (long)(c & 0x7F) << shift;
                shift += 7;
            }

            switch (type)
            {
                case 1 or 2 or 3 or 4:
                    return ((ObjectType)type, Inflate(offset + pos, size));
                case OfsDelta:
                    {
                        c = Next(header, ref pos);
                        long back = c & 0x7F;
                        while ((c & 0x80) != 0)
                        {
                            c = Next(header, ref pos);
                            back = ((back + 1) << 7) | (long)(c & 0x7F);
                        }

                        var (baseType, baseData) = Read(offset - back, store, depth + 1);
                        return (baseType, ApplyDelta(baseData, Inflate(offset + pos, size)));
                    }

                case RefDelta:
                    {
                        if (header.Length < pos + HashSize)
                        {
                            throw new ObjectStoreException("pack entry header truncated");
                        }

                        var baseId = Convert.ToHexStringLower(header.Slice(pos, HashSize));
                        var (baseType, baseData) = store.Read(baseId, depth + 1);
                        return (baseType, ApplyDelta(baseData, Inflate(offset + pos + HashSize, size)));
                    }

                default:
                    throw new ObjectStoreException($"pack entry of type {type}");
            }
        }

        private byte[] Inflate(long offset, long size)
        {
            if (size > int.MaxValue / 2)
            {
                throw new ObjectStoreException("object too large");
            }

            var result = new byte[size];
            // Compressed data is rarely much larger than the object: read about that much per call.
            var chunk = (int)Math.Clamp(size + 64, 512, 64 * 1024);
            using var inflater = new ZLibStream(new PackReadStream(_pack, offset, chunk), CompressionMode.Decompress);
            try
            {
                inflater.ReadExactly(result);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                throw new ObjectStoreException($"pack entry at {offset} is damaged: {e.Message}");
            }

            return result;
        }

        private static byte[] ApplyDelta(byte[] source, byte[] delta)
        {
            var pos = 0;
            var sourceSize = ReadSize(delta, ref pos);
            var targetSize = ReadSize(delta, ref pos);
            if (sourceSize != source.Length || targetSize > int.MaxValue / 2)
            {
                throw new ObjectStoreException("delta does not fit its base");
            }

            var target = new byte[targetSize];
            var written = 0;
            while (pos < delta.Length)
            {
                var op = delta[pos++];
                if ((op & 0x80) != 0)
                {
                    long copyOffset = 0;
                    long copySize = 0;
                    for (var i = 0; i < 4; i++)
                    {
                        if ((op & (1 << i)) != 0)
                        {
                            copyOffset |= (long)At(delta, pos++) << (8 * i);
                        }
                    }

                    for (var i = 0; i < 3; i++)
                    {
                        if ((op & (0x10 << i)) != 0)
                        {
                            copySize |= (long)At(delta, pos++) << (8 * i);
                        }
                    }

                    if (copySize == 0)
                    {
                        copySize = 0x10000;
                    }

                    if (copyOffset + copySize > source.Length || written + copySize > target.Length)
                    {
                        throw new ObjectStoreException("delta copies out of range");
                    }

                    source.AsSpan((int)copyOffset, (int)copySize).CopyTo(target.AsSpan(written));
                    written += (int)copySize;
                }
                else if (op != 0)
                {
                    if (pos + op > delta.Length || written + op > target.Length)
                    {
                        throw new ObjectStoreException("delta inserts out of range");
                    }

                    delta.AsSpan(pos, op).CopyTo(target.AsSpan(written));
                    pos += op;
                    written += op;
                }
                else
                {
                    throw new ObjectStoreException("delta has a reserved opcode");
                }
            }

            return written == target.Length ? target : throw new ObjectStoreException("delta result has the wrong size");
        }

        private static byte At(byte[] data, int pos) => pos < data.Length ? data[pos] : throw new ObjectStoreException("delta truncated");

        private static long ReadSize(byte[] delta, ref int pos)
        {
            long size = 0;
            var shift = 0;
            byte c;
            do
            {
                c = At(delta, pos++);
                size |= (long)(c & 0x7F) << shift;
                shift += 7;
            }
            while ((c & 0x80) != 0 && shift < 63);
            return size;
        }

        private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
        {
            if (RandomAccess.Read(handle, buffer, offset) != buffer.Length)
            {
                throw new ObjectStoreException("pack index truncated");
            }
        }

        public void Dispose()
        {
            _idx.Dispose();
            _pack.Dispose();
        }
    }
}

/// <summary>The object store reader met something it does not handle; the caller reads through libgit2 instead.</summary>
internal sealed class ObjectStoreException(string message) : Exception(message);

/// <summary>Reads forward from an offset of a file handle it does not own (a FileStream would close the handle).</summary>
internal sealed class PackReadStream(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, int chunk) : Stream
{
    private long _position = offset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = RandomAccess.Read(handle, buffer[..Math.Min(buffer.Length, chunk)], _position);
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
