using System.Text;

namespace DriftHooks.Core.Tests.Fuzzing;

/// <summary>
/// Mutations of real inputs, reproducible from a seed: byte flips, boundary bytes, insertions, deletions,
/// duplications, truncations, splices from another seed, and (for text) tokens of the format being read.
/// </summary>
internal sealed class Mutator(int seed, IReadOnlyList<string> tokens)
{
    private readonly Random _random = new(seed);

    public static readonly string[] SchemaTokens =
    [
        "{", "}", "(", ")", "[", "]", "@", "@@", "@id", "@unique", "@default(", "@relation(", "@map(\"", "@@map(\"", "@@index([",
        "@@id([", "@db.VarChar(", "\"", "\n", " ", "?", "[]", "=", ",", ":", ".", "model ", "enum ", "view ", "type ", "datasource ",
        "generator ", "//", "///", "/*", "env(\"", "String", "Int", "BigInt", "DateTime", "Json", "Unsupported(\"", "fields: [",
        "references: [", "onDelete: Cascade", "autoincrement()", "now()", "dbgenerated(\"", "\\", "\uFFFD", "\u202E", "\u0000",
        "\r", "\t", "9999999999999999999999", "-1", "provider", "schemas", "relationMode", "extensions", "@@schema(\"",
    ];

    public static readonly string[] ConfigTokens =
    [
        "schema", "migrations", "path", "datasource", "url", "env(", ":", "\"", "'", "`", "${", "}", "{", ",", "//", "/*", "*/",
        "\n", "\\", "defineConfig(", "export default", "=", "#", "export ", "DATABASE_URL", "DRIFTHOOKS_PRODUCTION_URL", "\uFFFD", "\0",
    ];

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> others)
    {
        var data = new List<byte>(input);
        var rounds = 1 + _random.Next(3);
        for (var round = 0; round < rounds; round++)
        {
            var at = data.Count == 0 ? 0 : _random.Next(data.Count);
            // Text formats also get line-level edits, which keep most of the syntax valid and so reach the later stages.
            switch (_random.Next(tokens.Count > 0 ? 12 : 8))
            {
                case 9 when LineStarts(data) is { Count: > 1 } lines:
                    var line = _random.Next(lines.Count - 1);
                    data.InsertRange(lines[_random.Next(lines.Count)], data.GetRange(lines[line], lines[line + 1] - lines[line]));
                    break;
                case 10 when LineStarts(data) is { Count: > 1 } lines:
                    var gone = _random.Next(lines.Count - 1);
                    data.RemoveRange(lines[gone], lines[gone + 1] - lines[gone]);
                    break;
                case 11 when others.Count > 0 && Word(data, at) is { } replaced:
                    var donor = others[_random.Next(others.Count)].ToList();
                    if (donor.Count > 0 && Word(donor, _random.Next(donor.Count)) is { } replacement)
                    {
                        data.RemoveRange(replaced.Start, replaced.Length);
                        data.InsertRange(replaced.Start, donor.GetRange(replacement.Start, replacement.Length));
                    }

                    break;
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = Boundary[_random.Next(Boundary.Length)];
                    break;
                case 2:
                    var insert = new byte[1 + _random.Next(8)];
                    _random.NextBytes(insert);
                    data.InsertRange(at, insert);
                    break;
                case 3 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(32)));
                    break;
                case 4 when data.Count > 0:
                    var length = Math.Min(data.Count - at, 1 + _random.Next(64));
                    data.InsertRange(_random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 5 when data.Count > 0:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 6 when others.Count > 0:
                    var other = others[_random.Next(others.Count)];
                    if (other.Length > 0)
                    {
                        var from = _random.Next(other.Length);
                        data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + _random.Next(256))).ToArray());
                    }

                    break;
                case 7 when data.Count >= 4:
                    // A length or count field pushed to an extreme: little- and big-endian readers both meet it.
                    var word = BitConverter.GetBytes(Extremes[_random.Next(Extremes.Length)]);
                    for (var i = 0; i < 4 && at + i < data.Count; i++)
                    {
                        data[at + i] = word[i];
                    }

                    break;
                case 8:
                    data.InsertRange(at, Encoding.UTF8.GetBytes(tokens[_random.Next(tokens.Count)]));
                    break;
            }
        }

        return [.. data];
    }

    // Offsets where lines start, and the end of the data.
    private static List<int> LineStarts(List<byte> data)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        if (starts[^1] != data.Count)
        {
            starts.Add(data.Count);
        }

        return starts;
    }

    // The identifier-like word around an offset, if any.
    private static (int Start, int Length)? Word(List<byte> data, int at)
    {
        static bool IsWordByte(byte b) => char.IsAsciiLetterOrDigit((char)b) || b == (byte)'_';
        if (at >= data.Count || !IsWordByte(data[at]))
        {
            return null;
        }

        var start = at;
        while (start > 0 && IsWordByte(data[start - 1]))
        {
            start--;
        }

        var end = at;
        while (end < data.Count && IsWordByte(data[end]))
        {
            end++;
        }

        return (start, end - start);
    }

    private static readonly byte[] Boundary = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0xFE, 0x0A, 0x0D, 0x22, 0x5C, 0xC3, 0xE9, 0xEF];

    private static readonly int[] Extremes = [0, 1, -1, int.MaxValue, int.MinValue, 0x7FFF, 0xFFFF, 0x10000, 0x01000000];
}
