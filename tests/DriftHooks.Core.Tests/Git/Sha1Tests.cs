using System.Security.Cryptography;
using System.Text;
using DriftHooks.Core.Git;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Git;

/// <summary>The managed SHA-1 against System.Security.Cryptography.SHA1 (OpenSSL).</summary>
public class Sha1Tests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(20)]
    [TestCase(55)]
    [TestCase(56)]
    [TestCase(57)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(65)]
    [TestCase(119)]
    [TestCase(120)]
    [TestCase(121)]
    [TestCase(127)]
    [TestCase(128)]
    [TestCase(129)]
    [TestCase(1000)]
    public void Equals_the_system_SHA1_around_padding_boundaries(int length)
    {
        var data = RandomBytes(length, seed: length);
        Assert.That(Hash(data), Is.EqualTo(SHA1.HashData(data)));
    }

    [Test]
    public void Known_vectors()
    {
        Assert.That(Convert.ToHexStringLower(Hash([])), Is.EqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709"));
        Assert.That(Convert.ToHexStringLower(Hash("abc"u8.ToArray())), Is.EqualTo("a9993e364706816aba3e25717850c26c9cd0d89d"));
        // git's id of the empty blob: SHA-1 of "blob 0\0".
        Assert.That(Convert.ToHexStringLower(Hash("blob 0\0"u8.ToArray())), Is.EqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"));
    }

    [Test]
    public void Equals_the_system_SHA1_on_megabytes_of_random_data()
    {
        var data = RandomBytes((5 * 1024 * 1024) + 37, seed: 1);
        Assert.That(Hash(data), Is.EqualTo(SHA1.HashData(data)));
    }

    [Test]
    public void Many_lengths_in_one_sweep()
    {
        var data = RandomBytes(300, seed: 2);
        for (var length = 0; length <= data.Length; length++)
        {
            var slice = data.AsSpan(0, length);
            Assert.That(Hash(slice.ToArray()), Is.EqualTo(SHA1.HashData(slice)), $"length {length}");
        }
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(55)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(65)]
    [TestCase(1000)]
    public void Incremental_appends_in_chunks_equal_one_append(int chunk)
    {
        var data = RandomBytes((3 * 4096) + 11, seed: chunk);
        var sha = new Sha1();
        for (var at = 0; at < data.Length; at += chunk)
        {
            sha.Append(data.AsSpan(at, Math.Min(chunk, data.Length - at)));
        }

        Assert.That(sha.Finish(), Is.EqualTo(SHA1.HashData(data)));
    }

    [Test]
    public void Incremental_appends_of_irregular_and_empty_pieces()
    {
        var data = RandomBytes(2000, seed: 3);
        var random = new Random(4);
        var sha = new Sha1();
        var at = 0;
        while (at < data.Length)
        {
            var take = Math.Min(random.Next(0, 150), data.Length - at);
            sha.Append(data.AsSpan(at, take));
            sha.Append([]);
            at += take;
        }

        Assert.That(sha.Finish(), Is.EqualTo(SHA1.HashData(data)));
    }

    [Test]
    public void A_git_object_header_then_body_gives_the_id_git_computes()
    {
        using var repo = new TempGitRepository();
        var content = string.Concat(Enumerable.Range(0, 500).Select(i => $"line {i}\n"));
        var id = repo.HashObject(content);
        var body = Encoding.UTF8.GetBytes(content);
        var sha = new Sha1();
        sha.Append(Encoding.ASCII.GetBytes($"blob {body.Length}\0"));
        sha.Append(body);
        Assert.That(Convert.ToHexStringLower(sha.Finish()), Is.EqualTo(id));
    }

    private static byte[] Hash(byte[] data)
    {
        var sha = new Sha1();
        sha.Append(data);
        return sha.Finish();
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
