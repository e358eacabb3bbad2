using System.Globalization;
using System.Text;
using DriftHooks.Core.Git;

namespace DriftHooks.Core.Tests.Git;

/// <summary>Builds repository histories that pack with deltas, and reads what git itself says about their objects.</summary>
internal static class GitHistory
{
    public const int LargeBlobSize = 1_500_000;

    public static RepositoryLocation Location(TempGitRepository repo) => RepositoryLocation.Find(repo.Root);

    /// <summary>HEAD's commit as the direct ref reader reads it; before the first commit (or refs it does not read) it throws.</summary>
    public static string HeadCommit(RepositoryLocation location) =>
        GitRefs.Open(location).Head().Commit ?? throw new ObjectStoreException("HEAD is unborn");

    public static void WriteBytes(TempGitRepository repo, string relativePath, byte[] content)
    {
        var full = Path.Combine(repo.Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    /// <summary>
    /// Several commits editing the same large text file, a binary file and a blob over 1 MB a little each time
    /// (so a repack stores them as deltas), with nested folders, odd names, an executable and a symlink.
    /// </summary>
    public static void Build(TempGitRepository repo, int commits = 6, int seed = 42)
    {
        var random = new Random(seed);
        var lines = Enumerable.Range(0, 4000).Select(i => $"line {i}: {random.Next()}").ToList();
        var large = new byte[LargeBlobSize];
        random.NextBytes(large);
        var binary = new byte[40_000];
        random.NextBytes(binary);
        Array.Clear(binary, 100, 500); // runs of NUL bytes

        repo.WriteFile("src/run.sh", "#!/bin/sh\necho hi\n");
        repo.WriteFile("empty.txt", "");
        var link = Path.Combine(repo.Root, "link");
        if (!File.Exists(link))
        {
            File.CreateSymbolicLink(link, "src/run.sh");
        }

        for (var commit = 0; commit < commits; commit++)
        {
            for (var i = 0; i < 5; i++)
            {
                lines[random.Next(lines.Count)] = $"edited in {commit}: {random.Next()}";
            }

            lines.Insert(random.Next(lines.Count), $"inserted in {commit}");
            repo.WriteFile("docs/big text.txt", string.Join('\n', lines) + "\n");

            for (var i = 0; i < 20; i++)
            {
                large[random.Next(large.Length)] = (byte)random.Next(256);
                binary[random.Next(binary.Length)] = (byte)random.Next(256);
            }

            WriteBytes(repo, "assets/large.bin", large);
            WriteBytes(repo, "assets/deep/er/binary.dat", binary);
            repo.WriteFile($"prisma/migrations/2024010{commit}000000_step{commit}/migration.sql", $"-- step {commit}\nSELECT {commit};\n");
            repo.WriteFile("prisma/schema.prisma", $"// revision {commit}\nmodel A {{ id Int @id }}\n");
            repo.WriteFile("ünïcode dir/naïve file.txt", $"revision {commit}\n");
            if (commit == 3)
            {
                File.Delete(Path.Combine(repo.Root, "empty.txt"));
            }

            repo.Git("add", "-A");
            if (commit == 0)
            {
                repo.Git("update-index", "--chmod=+x", "src/run.sh");
            }

            repo.Git("commit", "-q", "-m", $"commit {commit}");
        }
    }

    /// <summary>Every object in the repository, as <c>git cat-file --batch-all-objects --batch</c> gives it.</summary>
    public static List<(string Id, string Type, byte[] Content)> AllObjects(TempGitRepository repo)
    {
        var output = repo.GitBytes(null, "cat-file", "--batch-all-objects", "--batch");
        var objects = new List<(string, string, byte[])>();
        var pos = 0;
        while (pos < output.Length)
        {
            var newline = Array.IndexOf(output, (byte)'\n', pos);
            var header = Encoding.ASCII.GetString(output, pos, newline - pos).Split(' ');
            var size = int.Parse(header[2], CultureInfo.InvariantCulture);
            objects.Add((header[0], header[1], output.AsSpan(newline + 1, size).ToArray()));
            pos = newline + 1 + size + 1;
        }

        return objects;
    }

    /// <summary><c>git ls-tree -z</c> as (octal mode, id, name).</summary>
    public static List<(string Mode, string Id, string Name)> LsTree(TempGitRepository repo, string treeId)
    {
        var output = repo.GitBytes(null, "ls-tree", "-z", treeId);
        var entries = new List<(string, string, string)>();
        var start = 0;
        for (var i = 0; i < output.Length; i++)
        {
            if (output[i] != 0)
            {
                continue;
            }

            var line = Encoding.UTF8.GetString(output, start, i - start);
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var parts = line[..tab].Split(' ');
            entries.Add((parts[0], parts[2], line[(tab + 1)..]));
            start = i + 1;
        }

        return entries;
    }

    /// <summary>How many entries of each pack type (1-4 whole objects, 6 OFS_DELTA, 7 REF_DELTA) the repository's packs hold.</summary>
    public static Dictionary<int, int> PackEntryTypes(TempGitRepository repo)
    {
        var counts = new Dictionary<int, int>();
        var packDirectory = Path.Combine(repo.Root, ".git", "objects", "pack");
        if (!Directory.Exists(packDirectory))
        {
            return counts;
        }

        foreach (var idx in Directory.EnumerateFiles(packDirectory, "*.idx"))
        {
            var pack = File.ReadAllBytes(Path.ChangeExtension(idx, ".pack"));
            foreach (var line in repo.Git("verify-pack", "-v", idx).Split('\n'))
            {
                // "<id> <type> <size> <size-in-pack> <offset> [<depth> <base>]"
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 5 && parts[0].Length == 40 && long.TryParse(parts[4], CultureInfo.InvariantCulture, out var offset))
                {
                    var type = (pack[offset] >> 4) & 7;
                    counts[type] = counts.GetValueOrDefault(type) + 1;
                }
            }
        }

        return counts;
    }

    public static string ModeText(int mode) => Convert.ToString(mode, 8).PadLeft(6, '0');
}
