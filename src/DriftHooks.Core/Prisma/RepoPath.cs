namespace DriftHooks.Core.Prisma;

/// <summary>Helpers for repository-relative paths ('/'-separated, no leading or trailing slash).</summary>
internal static class RepoPath
{
    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies inside it.</summary>
    public static bool IsUnder(string path, string folder) =>
        folder.Length == 0 ||
        (path.StartsWith(folder, StringComparison.Ordinal) && (path.Length == folder.Length || path[folder.Length] == '/'));

    public static string Directory(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>Joins and normalises a path relative to a folder ("./", "..", backslashes); null when it leaves the repository.</summary>
    public static string? Combine(string folder, string relative)
    {
        var parts = new List<string>();
        foreach (var part in (folder + "/" + relative.Replace('\\', '/')).Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }
}
