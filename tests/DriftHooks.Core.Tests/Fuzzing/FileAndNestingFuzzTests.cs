using System.Diagnostics;
using System.Text;
using DriftHooks.Core.Files;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.Prisma.Schema;
using DriftHooks.Core.SqlText;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Fuzzing;

/// <summary>
/// The one reader every file goes through (<see cref="RegularFile"/>), fed every kind of thing a clone can put at a
/// path (regular files of any size, FIFOs, links to devices, dangling links, link loops, folders), and the two
/// parsers' nesting bounds, fed mutated deeply nested input: each read returns the file's bytes or refuses it with
/// <see cref="UnsafeFileException"/>, each parse ends in its typed refusal, all in bounded time.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class FileAndNestingFuzzTests
{
    private const int Limit = 4096;

    // What the first byte of an input puts at the path; the rest of the input is a regular file's content.
    private enum Shape
    {
        Regular,
        LinkToRegular,
        Fifo,
        LinkToFifo,
        LinkToDevZero,
        LinkToDevNull,
        DanglingLink,
        LinkLoop,
        Folder,
        Missing,
    }

    [Test]
    public void Regular_file_reader()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("FIFOs and /dev are Unix's");
        }

        var folder = Directory.CreateTempSubdirectory("drifthooks-fuzz-files-").FullName;
        try
        {
            var shapes = Enum.GetValues<Shape>();
            var seeds = shapes.Select(s => new[] { (byte)s }.Concat(Encoding.UTF8.GetBytes("DATABASE_URL=postgresql://localhost/app\n")).ToArray()).ToList();
            seeds.Add([(byte)Shape.Regular, .. new byte[Limit]]); // exactly at the limit: read
            seeds.Add([(byte)Shape.Regular, .. new byte[Limit + 1]]); // one past it: refused
            var next = 0;
            FuzzRun.Check("regular file reader", seeds, FuzzRun.Count(400), [], input =>
            {
                var shape = input.Length == 0 ? Shape.Missing : shapes[input[0] % shapes.Length];
                var content = input.Length == 0 ? [] : input[1..];
                var path = Path.Combine(folder, $"f{Interlocked.Increment(ref next)}");
                Make(path, shape, content);
                byte[]? read;
                try
                {
                    read = RegularFile.ReadIfPresent(path, Limit);
                }
                catch (UnsafeFileException) when (shape is not (Shape.Regular or Shape.LinkToRegular) || content.Length > Limit)
                {
                    return;
                }

                var expected = shape is Shape.Regular or Shape.LinkToRegular ? content : null;
                if (shape is Shape.Missing or Shape.DanglingLink ? read is not null : read is null || !read.AsSpan().SequenceEqual(expected))
                {
                    throw new AssertionException($"{shape} of {content.Length} bytes read as {(read is null ? "missing" : read.Length + " bytes")}");
                }
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Schema_nesting_bound()
    {
        string[] schemas =
        [
            "model A {\n  id Int @id @default(dbgenerated(\"x\"))\n  t String[] @default([\"a\", \"b\"])\n  @@index([id(sort: Desc), t], map: \"i\")\n}\n",
            "model B {\n  id Int @id\n  @@id([id])\n  v Int @default(f(g(h([1, [2, [3]]]))))\n}\n",
            "model C {\n  id Int @id @default(" + new string('[', 100_000) + ")\n}\n",
            "model D {\n  id Int @id @default(" + string.Concat(Enumerable.Repeat("f(", 50_000)) + ")\n}\n",
        ];
        FuzzRun.Check("schema nesting", [.. schemas.Select(Encoding.UTF8.GetBytes)], FuzzRun.Count(300), ["[", "(", "]", ")", "[[[[[[[[", "f(f(f(f(", ",", "\n"],
            input => PrismaSchemaParser.Parse(new SchemaSource("schema.prisma", Encoding.UTF8.GetString(input))), typeof(DriftHooksException));
    }

    [Test]
    public void Sql_nesting_bound_and_linear_time()
    {
        string[] scripts =
        [
            "ALTER TABLE \"T\" ADD COLUMN \"n\" INTEGER NOT NULL DEFAULT ((1));\nCREATE TABLE \"U\" (\"id\" INTEGER, CHECK ((\"id\" > (0))));\n",
            "ALTER TABLE \"T\" ADD COLUMN \"n\" INTEGER NOT NULL DEFAULT " + new string('(', 64_000) + "1" + new string(')', 64_000) + ";\n",
            "SELECT " + new string('[', 30_000) + new string('(', 30_000) + ";\n",
        ];
        FuzzRun.Check("sql nesting", [.. scripts.Select(Encoding.UTF8.GetBytes)], FuzzRun.Count(200), ["(", ")", "[", "]", "((((((((", "))))))))", "::text", ",", ";"],
            input => DdlInterpreter.Replay(Start(), [("1_m", Encoding.UTF8.GetString(input))]));
    }

    [Test]
    public void Sixty_four_thousand_nested_parentheses_are_a_note_read_in_linear_time()
    {
        string Script(int depth) => "ALTER TABLE \"T\" ADD COLUMN \"n\" INTEGER NOT NULL DEFAULT " + new string('(', depth) + "1" + new string(')', depth) + ";\n";
        var clock = Stopwatch.StartNew();
        var deep = DdlInterpreter.Replay(Start(), [("1_m", Script(64_000))]);
        var elapsed = clock.Elapsed;
        Assert.That(deep.Unfollowed.Select(u => u.Reason), Has.Some.Contains("nest more than 1000 levels deep"));
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "64 s before: a layer unwrapped and the rest rescanned per level");

        // Within the bound the default is followed, and unwrapped: ((…(1)…)) is 1.
        var within = DdlInterpreter.Replay(Start(), [("1_m", Script(SqlCursor.MaxNesting))]);
        Assert.That(within.Unfollowed, Is.Empty);
        var once = DdlInterpreter.Replay(Start(), [("1_m", Script(1))]);
        Assert.That(within.Model.Tables.Values.Single().Columns["n"].Default, Is.Not.Null.And.EqualTo(once.Model.Tables.Values.Single().Columns["n"].Default));
    }

    private static DatabaseModel Start() => DatabaseModelBuilder.Build(PrismaSchemaParser.Parse(new SchemaSource("schema.prisma", "model T {\n  id Int @id\n}\n")));

    private static void Make(string path, Shape shape, byte[] content)
    {
        switch (shape)
        {
            case Shape.Regular:
                File.WriteAllBytes(path, content);
                break;
            case Shape.LinkToRegular:
                File.WriteAllBytes(path + ".target", content);
                File.CreateSymbolicLink(path, path + ".target");
                break;
            case Shape.Fifo:
                MakeFifo(path);
                break;
            case Shape.LinkToFifo:
                MakeFifo(path + ".fifo");
                File.CreateSymbolicLink(path, path + ".fifo");
                break;
            case Shape.LinkToDevZero:
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
            case Shape.LinkToDevNull:
                File.CreateSymbolicLink(path, "/dev/null");
                break;
            case Shape.DanglingLink:
                File.CreateSymbolicLink(path, path + ".nowhere");
                break;
            case Shape.LinkLoop:
                File.CreateSymbolicLink(path, path + ".loop");
                File.CreateSymbolicLink(path + ".loop", path);
                break;
            case Shape.Folder:
                Directory.CreateDirectory(path);
                break;
            case Shape.Missing:
                break;
        }
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
    }
}
