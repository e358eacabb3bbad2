namespace DriftHooks.Core.Git;

/// <summary>
/// The repository's default branch as a CI checkout or a developer clone knows it: <c>origin/HEAD</c>, else
/// <c>origin/main</c>, <c>main</c>, <c>origin/master</c>, <c>master</c> (the remote first: it is fresher than a local branch).
/// </summary>
internal static class DefaultBranch
{
    private static readonly string[] Candidates = ["refs/remotes/origin/main", "refs/heads/main", "refs/remotes/origin/master", "refs/heads/master"];

    /// <returns>The reference's full name and its commit, or null when none exists.</returns>
    public static (string Name, string Commit)? Find(RepositoryReader reader)
    {
        if (reader.References("refs/remotes/origin/").FirstOrDefault(r => r.Name == "refs/remotes/origin/HEAD") is { } originHead)
        {
            return (originHead.SymbolicTarget ?? originHead.Name, originHead.Commit);
        }

        foreach (var candidate in Candidates)
        {
            if (reader.Resolve(candidate) is { } commit)
            {
                return (candidate, commit);
            }
        }

        return null;
    }

    /// <summary>The branch name without <c>refs/heads/</c> or <c>refs/remotes/&lt;remote&gt;/</c>: "main".</summary>
    public static string ShortName(string referenceName)
    {
        if (referenceName.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            return referenceName["refs/heads/".Length..];
        }

        if (referenceName.StartsWith("refs/remotes/", StringComparison.Ordinal))
        {
            var rest = referenceName["refs/remotes/".Length..];
            var slash = rest.IndexOf('/');
            return slash < 0 ? rest : rest[(slash + 1)..];
        }

        return referenceName;
    }

    /// <summary>"origin/main" for a remote-tracking reference, "main" for a local one.</summary>
    public static string DisplayName(string referenceName) =>
        referenceName.StartsWith("refs/remotes/", StringComparison.Ordinal) ? referenceName["refs/remotes/".Length..]
        : referenceName.StartsWith("refs/heads/", StringComparison.Ordinal) ? referenceName["refs/heads/".Length..]
        : referenceName;
}
