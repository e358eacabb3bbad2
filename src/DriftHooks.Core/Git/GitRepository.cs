using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Git;

/// <summary>What the audit log and doctor say of the repository: the branch and the committer, through <see cref="RepositoryReader"/>.</summary>
internal static class GitRepository
{
    /// <summary>The current branch's short name, or "(detached at abc1234)".</summary>
    public static string CurrentBranch(RepositoryLocation location)
    {
        try
        {
            using var reader = new RepositoryReader(location);
            return CurrentBranch(reader.Head());
        }
        catch (DriftHooksException)
        {
            return "(unknown)";
        }
    }

    /// <inheritdoc cref="CurrentBranch(RepositoryLocation)"/>
    public static string CurrentBranch(HeadRef head)
    {
        const string prefix = "refs/heads/";
        return head.Branch is { } branch && branch.StartsWith(prefix, StringComparison.Ordinal) ? branch[prefix.Length..]
            : head is { Branch: null, Commit: { } commit } ? $"(detached at {commit[..7]})"
            : "(unknown)";
    }

    /// <summary>Who is committing, for the audit log: git's author variables, else user.name/user.email.</summary>
    public static string CurrentUser(RepositoryLocation location, IReadOnlyDictionary<string, string?> environment)
    {
        var name = environment.GetValueOrDefault("GIT_AUTHOR_NAME");
        var email = environment.GetValueOrDefault("GIT_AUTHOR_EMAIL");
        if (string.IsNullOrEmpty(name))
        {
            try
            {
                using var reader = new RepositoryReader(location);
                name = reader.Config("user.name");
                email ??= reader.Config("user.email");
            }
            catch (DriftHooksException)
            {
                // The audit still records the OS user below.
            }
        }

        name ??= environment.GetValueOrDefault("USER") ?? Environment.UserName;
        return string.IsNullOrEmpty(email) ? name : $"{name} <{email}>";
    }
}
