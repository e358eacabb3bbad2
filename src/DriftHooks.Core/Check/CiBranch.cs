namespace DriftHooks.Core.Check;

/// <summary>
/// Which branch a CI run checks, decided once: CI checks out a pull request detached (GitHub's merge commit), so HEAD
/// names no branch, and the branch's own pushed copy (<c>origin/feature</c>) would count as another branch holding
/// its migrations. Then a rename that only that branch's migration needs (after a rebase) would be refused.
/// </summary>
internal static class CiBranch
{
    /// <summary>The variables CI services set to the checked branch, first set wins: GitHub Actions (a pull request's head branch, a push's branch), GitLab (a merge request's source branch, a branch pipeline's branch).</summary>
    public static IReadOnlyList<string> Variables { get; } = ["GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_BRANCH"];

    /// <summary>The branch's short name: <paramref name="option"/> (<c>--branch</c>), else the first of <see cref="Variables"/> set; null: none named (HEAD's own branch, if any, is used).</summary>
    public static string? Find(string? option, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Short(option.Trim());
        }

        foreach (var variable in Variables)
        {
            // GITHUB_REF_NAME is a tag's name on a tag push: only a branch is one.
            if (variable == "GITHUB_REF_NAME" && environment.GetValueOrDefault("GITHUB_REF_TYPE") is { } type && type != "branch")
            {
                continue;
            }

            if (environment.GetValueOrDefault(variable) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return Short(value.Trim());
            }
        }

        return null;
    }

    static string Short(string name) => name.StartsWith("refs/heads/", StringComparison.Ordinal) ? name["refs/heads/".Length..] : name;
}
