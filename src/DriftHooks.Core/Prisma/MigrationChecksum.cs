using System.Security.Cryptography;

namespace DriftHooks.Core.Prisma;

/// <summary>
/// Prisma's migration checksum, as prisma-engines' <c>checksum.rs</c> computes and compares it: the lowercase hex
/// SHA-256 of <c>migration.sql</c>, matched against the script as is, with CRLF→LF and with LF→CRLF, so that git's
/// line-ending conversions do not count as edits.
/// </summary>
internal static class MigrationChecksum
{
    /// <summary>Length of a checksum written by current Prisma versions (32 bytes, two hex digits each).</summary>
    public const int Length = 64;

    /// <summary>The checksum Prisma writes for a script today.</summary>
    public static string Compute(ReadOnlySpan<byte> script) => Format(SHA256.HashData(script), padded: true);

    /// <summary>
    /// Whether <paramref name="stored"/> (a <c>_prisma_migrations.checksum</c> value) matches the script the way
    /// Prisma decides it. Values of another length than 64 come from old engines that formatted each byte without
    /// zero padding (prisma-engines issue 1887) and are compared in that form.
    /// </summary>
    public static bool Matches(string? stored, ReadOnlySpan<byte> script)
    {
        // A row without a checksum (only a hand-made table allows one) matches nothing.
        if (stored is null)
        {
            return false;
        }

        // Prisma uses the old format for any non-empty value whose length is not 64.
        var padded = stored.Length == 0 || stored.Length == Length;
        if (Equal(stored, SHA256.HashData(script), padded))
        {
            return true;
        }

        return Equal(stored, SHA256.HashData(CrlfToLf(script)), padded)
            || Equal(stored, SHA256.HashData(LfToCrlf(script)), padded);
    }

    static bool Equal(string stored, byte[] hash, bool padded) =>
        string.Equals(stored, Format(hash, padded), StringComparison.Ordinal);

    static string Format(byte[] hash, bool padded)
    {
        if (padded)
        {
            return Convert.ToHexStringLower(hash);
        }

        // Rust's "{:x}" per byte: no leading zero, so 0x0a renders as "a".
        var text = new System.Text.StringBuilder(Length);
        foreach (var b in hash)
        {
            text.Append(b.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    // Rust's script.replace("\r\n", "\n").
    static byte[] CrlfToLf(ReadOnlySpan<byte> script)
    {
        var result = new List<byte>(script.Length);
        for (var i = 0; i < script.Length; i++)
        {
            if (script[i] == (byte)'\r' && i + 1 < script.Length && script[i + 1] == (byte)'\n')
            {
                continue;
            }

            result.Add(script[i]);
        }

        return [.. result];
    }

    // Rust's script.replace('\n', "\r\n"): every LF, even one already preceded by CR, gains a CR.
    static byte[] LfToCrlf(ReadOnlySpan<byte> script)
    {
        var result = new List<byte>(script.Length + (script.Length / 16));
        foreach (var b in script)
        {
            if (b == (byte)'\n')
            {
                result.Add((byte)'\r');
            }

            result.Add(b);
        }

        return [.. result];
    }
}
