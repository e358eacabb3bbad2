using System.Buffers.Binary;

namespace DriftHooks.Core.Git;

/// <summary>
/// A SHA-1 object id as its 20 raw bytes: thousands of ids are read and compared per run, and hex strings for all of
/// them cost more than the comparisons. Hex only when printed or used as a key.
/// </summary>
internal readonly struct RawId : IEquatable<RawId>
{
    public const int Size = 20;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly uint _c;

    private RawId(ulong a, ulong b, uint c)
    {
        _a = a;
        _b = b;
        _c = c;
    }

    public static RawId FromBytes(ReadOnlySpan<byte> raw) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(raw), BinaryPrimitives.ReadUInt64BigEndian(raw[8..]), BinaryPrimitives.ReadUInt32BigEndian(raw[16..]));

    /// <summary>Parses 40 hex digits; false for anything else (a stand-in id, a SHA-256 id).</summary>
    public static bool TryParse(string hex, out RawId id)
    {
        Span<byte> raw = stackalloc byte[Size];
        if (hex.Length == 2 * Size && Convert.FromHexString(hex, raw, out _, out var written) == System.Buffers.OperationStatus.Done && written == Size)
        {
            id = FromBytes(raw);
            return true;
        }

        id = default;
        return false;
    }

    public bool Equals(RawId other) => _a == other._a && _b == other._b && _c == other._c;

    public override bool Equals(object? obj) => obj is RawId other && Equals(other);

    // The bytes of a SHA-1 are already uniformly spread.
    public override int GetHashCode() => (int)_a;

    public override string ToString()
    {
        Span<byte> raw = stackalloc byte[Size];
        BinaryPrimitives.WriteUInt64BigEndian(raw, _a);
        BinaryPrimitives.WriteUInt64BigEndian(raw[8..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(raw[16..], _c);
        return Convert.ToHexStringLower(raw);
    }
}
