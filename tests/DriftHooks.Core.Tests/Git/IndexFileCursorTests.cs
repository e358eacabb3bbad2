using DriftHooks.Core.Git;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Git;

[TestFixture]
public class IndexFileCursorTests
{
    [Test]
    public void Peeks_across_buffer_refills_grows_for_large_requests_and_seeks_on_skips()
    {
        var path = Path.Combine(Path.GetTempPath(), "drifthooks-cursor-" + Guid.NewGuid().ToString("N"));
        var bytes = new byte[300_000];
        new Random(42).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        try
        {
            using var cursor = IndexFileCursor.Open(path)!;
            Assert.That(cursor.Length, Is.EqualTo(bytes.Length));

            // Many small steps that straddle the 64 KiB buffer boundary.
            for (var offset = 0; offset < 140_000; offset += 97)
            {
                Assert.That(cursor.Position, Is.EqualTo(offset));
                Assert.That(cursor.Peek(13)[..13].SequenceEqual(bytes.AsSpan(offset, 13)), Is.True, $"offset {offset}");
                cursor.Advance(97);
            }

            // A request larger than the buffer.
            var position = (int)cursor.Position;
            Assert.That(cursor.Peek(100_000)[..100_000].SequenceEqual(bytes.AsSpan(position, 100_000)), Is.True);

            // A skip past everything buffered, then a short read at the end of the file.
            cursor.Advance(bytes.Length - 10 - position);
            var tail = cursor.Peek(50);
            Assert.That(tail.Length, Is.EqualTo(10));
            Assert.That(tail.SequenceEqual(bytes.AsSpan(bytes.Length - 10)), Is.True);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Missing_file_gives_null() =>
        Assert.That(IndexFileCursor.Open(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "index")), Is.Null);
}
