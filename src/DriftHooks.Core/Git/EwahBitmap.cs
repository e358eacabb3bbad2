using System.Buffers.Binary;

namespace DriftHooks.Core.Git;

/// <summary>
/// Reads git's EWAH-compressed bitmaps (ewah/ewah_io.c), as the split index's "link" extension stores them:
/// bit count (u32), word count (u32), that many 64-bit words, then the last run-length word's position (u32),
/// all big-endian. A run-length word holds the run bit (bit 0), the run length in words (bits 1-32) and the
/// number of literal words after it (bits 33-63); bits count from each word's least significant bit.
/// </summary>
internal static class EwahBitmap
{
    /// <summary>
    /// The set bits' positions, ascending, each below <paramref name="limit"/>; <paramref name="offset"/> moves past the bitmap.
    /// </summary>
    /// <exception cref="InvalidDataException">The bitmap runs past <paramref name="data"/>, or sets a bit at or beyond the limit.</exception>
    public static List<int> ReadSetBits(ReadOnlySpan<byte> data, ref int offset, int limit)
    {
        if (data.Length - offset < 8)
        {
            throw new InvalidDataException("an EWAH bitmap header runs past the end of the extension");
        }

        // The stored bit count (data[offset..]) is not needed: every set bit is checked against the limit.
        var wordCount = BinaryPrimitives.ReadUInt32BigEndian(data[(offset + 4)..]);
        if (wordCount > (uint)(data.Length - offset - 12) / 8)
        {
            throw new InvalidDataException("an EWAH bitmap runs past the end of the extension");
        }

        var words = data.Slice(offset + 8, (int)wordCount * 8);
        offset += 8 + ((int)wordCount * 8) + 4;

        var bits = new List<int>();
        long position = 0;
        for (var i = 0; i < wordCount;)
        {
            var marker = BinaryPrimitives.ReadUInt64BigEndian(words[(i * 8)..]);
            var runLength = (long)((marker >> 1) & 0xFFFF_FFFF) * 64;
            var literals = (int)(marker >> 33);
            if ((marker & 1) != 0)
            {
                for (long k = 0; k < runLength; k++)
                {
                    Add(bits, position + k, limit);
                }
            }

            position += runLength;
            i++;
            if (literals > wordCount - i)
            {
                throw new InvalidDataException("an EWAH bitmap announces more literal words than it holds");
            }

            for (var end = i + literals; i < end; i++, position += 64)
            {
                var word = BinaryPrimitives.ReadUInt64BigEndian(words[(i * 8)..]);
                for (var bit = 0; word != 0; bit++, word >>= 1)
                {
                    if ((word & 1) != 0)
                    {
                        Add(bits, position + bit, limit);
                    }
                }
            }
        }

        return bits;
    }

    private static void Add(List<int> bits, long position, int limit)
    {
        if (position >= limit)
        {
            throw new InvalidDataException($"an EWAH bitmap sets bit {position}, beyond the {limit} entries it describes");
        }

        bits.Add((int)position);
    }
}
