using System.Security.Cryptography;
using System.Text;
using DriftHooks.Core.Prisma;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Prisma;

public sealed class MigrationChecksumTests
{
    static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Test]
    public void Compute_is_lowercase_hex_sha256() =>
        // The value prisma-engines' own test expects for "hello".
        Assert.That(MigrationChecksum.Compute(Bytes("hello")), Is.EqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"));

    [TestCase("ab\ncd\nef\ngh\rab", "ab\r\ncd\r\nef\r\ngh\rab")]
    [TestCase("ab\ncd\nef\ngh\rab\n", "ab\r\ncd\r\nef\r\ngh\rab\r\n")]
    public void Matches_across_line_endings(string unix, string windows)
    {
        foreach (var script in new[] { unix, windows })
        {
            foreach (var other in new[] { unix, windows })
            {
                Assert.That(MigrationChecksum.Matches(MigrationChecksum.Compute(Bytes(other)), Bytes(script)), Is.True, $"{script} vs {other}");
            }
        }
    }

    [Test]
    public void Does_not_match_other_scripts()
    {
        Assert.That(MigrationChecksum.Matches(MigrationChecksum.Compute(Bytes("abcd")), Bytes("abc")), Is.False);
        Assert.That(MigrationChecksum.Matches(MigrationChecksum.Compute(Bytes("abc")), Bytes("abc\n")), Is.False);
        Assert.That(MigrationChecksum.Matches("", Bytes("abc")), Is.False);
    }

    [Test]
    public void Lf_to_crlf_turns_an_existing_crlf_into_cr_cr_lf_like_rust()
    {
        // Rust's replace('\n', "\r\n") also rewrites the LF of an existing CRLF; the stored value came from that form.
        var stored = MigrationChecksum.Compute(Bytes("a\r\r\nb"));
        Assert.That(MigrationChecksum.Matches(stored, Bytes("a\r\nb")), Is.True);
    }

    [Test]
    public void Old_unpadded_checksums_are_compared_in_their_own_form()
    {
        // Find a script whose hash has a byte below 0x10, so the old format is shorter than 64 characters.
        var script = Enumerable.Range(0, 1000).Select(i => Bytes($"-- {i}\nSELECT 1;\n")).First(s => SHA256.HashData(s).Any(b => b < 0x10));
        var unpadded = string.Concat(SHA256.HashData(script).Select(b => b.ToString("x", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(unpadded, Has.Length.LessThan(64));
        Assert.That(MigrationChecksum.Matches(unpadded, script), Is.True);
        Assert.That(MigrationChecksum.Matches(unpadded, Bytes("SELECT 2;")), Is.False);

        // And through the CRLF variant too.
        var crlf = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(script).Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.That(MigrationChecksum.Matches(unpadded, crlf), Is.True);
    }

    [Test]
    public void Corpus_checksums_match_their_own_files()
    {
        var folder = Directory.GetDirectories(Path.Combine(DriftHooks.Core.Tests.Support.TestData.Umami, "migrations")).Order(StringComparer.Ordinal).First();
        var script = File.ReadAllBytes(Path.Combine(folder, "migration.sql"));
        Assert.That(MigrationChecksum.Compute(script), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(script))));
        Assert.That(MigrationChecksum.Matches(MigrationChecksum.Compute(script), script), Is.True);
    }
}
