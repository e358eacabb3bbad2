// Interim implementation through LibGit2Sharp; replaced by the byte-level reader.
using LibGit2Sharp;

namespace DriftHooks.Core.Git;

public static class GitIndexReader
{
    public static IReadOnlyList<IndexEntry> ReadEntries(string indexPath, IReadOnlyList<string> prefixes) =>
        ReadAll(indexPath).Where(e => prefixes.Any(p => p.Length == 0 || e.Path == p || e.Path.StartsWith(p + "/", StringComparison.Ordinal))).ToList();

    public static IReadOnlyList<IndexEntry> ReadEntries(string indexPath, PathFilter filter) =>
        ReadAll(indexPath).Where(e => filter(System.Text.Encoding.UTF8.GetBytes(e.Path))).ToList();

    private static List<IndexEntry> ReadAll(string indexPath)
    {
        if (!File.Exists(indexPath))
        {
            return [];
        }

        var gitDir = Path.GetDirectoryName(indexPath)!;
        using var repo = new Repository(gitDir);
        return [.. repo.Index.Select(e => new IndexEntry(e.Path.Replace('\\', '/'), (int)e.Mode, e.Id.Sha, (int)e.StageLevel, false, false))];
    }
}
