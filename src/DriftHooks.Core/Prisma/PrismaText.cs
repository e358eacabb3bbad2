using System.Text;

namespace DriftHooks.Core.Prisma;

/// <summary>Text as Prisma reads its files: UTF-8, strictly (an invalid byte is an error, never replaced).</summary>
internal static class PrismaText
{
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>, dropping a leading byte-order mark; false with the first bad byte's offset otherwise.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out int badByteOffset)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            text = "";
            badByteOffset = e.Index;
            return false;
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        badByteOffset = -1;
        return true;
    }

    /// <summary>True when <paramref name="bytes"/> start with a UTF-16 byte-order mark, as PowerShell's <c>&gt;</c> writes.</summary>
    public static bool IsUtf16(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF));
}
