using System.Buffers.Binary;
using System.Numerics;

namespace DriftHooks.Core.Git;

/// <summary>
/// SHA-1 for git object ids, in managed code: System.Security.Cryptography loads OpenSSL (libssl, libcrypto and
/// its configuration) on first use, which costs the hook more than hashing its few small tree objects.
/// Object ids only; not for anything that needs collision resistance.
/// </summary>
internal sealed class Sha1
{
    private readonly uint[] _w = new uint[80];
    private readonly byte[] _block = new byte[64];
    private uint _h0 = 0x67452301, _h1 = 0xEFCDAB89, _h2 = 0x98BADCFE, _h3 = 0x10325476, _h4 = 0xC3D2E1F0;
    private int _blockCount;
    private long _length;

    public void Append(ReadOnlySpan<byte> data)
    {
        _length += data.Length;
        if (_blockCount > 0)
        {
            var take = Math.Min(64 - _blockCount, data.Length);
            data[..take].CopyTo(_block.AsSpan(_blockCount));
            _blockCount += take;
            data = data[take..];
            if (_blockCount < 64)
            {
                return;
            }

            Compress(_block);
            _blockCount = 0;
        }

        while (data.Length >= 64)
        {
            Compress(data[..64]);
            data = data[64..];
        }

        data.CopyTo(_block);
        _blockCount = data.Length;
    }

    public byte[] Finish()
    {
        var bits = _length * 8;
        Span<byte> pad = stackalloc byte[72];
        pad.Clear();
        pad[0] = 0x80;
        var padLength = (_blockCount < 56 ? 56 : 120) - _blockCount;
        BinaryPrimitives.WriteInt64BigEndian(pad[padLength..], bits);
        Append(pad[..(padLength + 8)]);
        var hash = new byte[20];
        BinaryPrimitives.WriteUInt32BigEndian(hash, _h0);
        BinaryPrimitives.WriteUInt32BigEndian(hash.AsSpan(4), _h1);
        BinaryPrimitives.WriteUInt32BigEndian(hash.AsSpan(8), _h2);
        BinaryPrimitives.WriteUInt32BigEndian(hash.AsSpan(12), _h3);
        BinaryPrimitives.WriteUInt32BigEndian(hash.AsSpan(16), _h4);
        return hash;
    }

    private void Compress(ReadOnlySpan<byte> block)
    {
        var w = _w;
        for (var i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        }

        for (var i = 16; i < 80; i++)
        {
            w[i] = BitOperations.RotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        }

        uint a = _h0, b = _h1, c = _h2, d = _h3, e = _h4;
        for (var i = 0; i < 80; i++)
        {
            uint f, k;
            if (i < 20)
            {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            }
            else if (i < 40)
            {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            }
            else if (i < 60)
            {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            }
            else
            {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }

            var t = BitOperations.RotateLeft(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = BitOperations.RotateLeft(b, 30);
            b = a;
            a = t;
        }

        _h0 += a;
        _h1 += b;
        _h2 += c;
        _h3 += d;
        _h4 += e;
    }
}
