using DriftHooks.Core.Findings;
using LibGit2Sharp;

namespace DriftHooks.Core.Git;

/// <summary>Opens repositories through libgit2 by path (under native AOT <c>Repository.Discover</c> returns null).</summary>
internal static class GitRepository
{
    public static Repository Open(RepositoryLocation location)
    {
        try
        {
            return new Repository(location.GitDirectory);
        }
        catch (LibGit2SharpException e)
        {
            throw new ResourceUnavailableException($"The git repository at '{location.GitDirectory}' cannot be opened: {e.Message}", e);
        }
    }

    /// <summary>The commit HEAD points at, or null before the first commit.</summary>
    public static Commit? HeadCommit(Repository repository) => repository.Info.IsHeadUnborn ? null : repository.Head.Tip;

    /// <summary>The current branch's short name, or "(detached at abc1234)".</summary>
    public static string CurrentBranch(RepositoryLocation location)
    {
        var headFile = Path.Combine(location.GitDirectory, "HEAD");
        var head = File.Exists(headFile) ? File.ReadAllText(headFile).Trim() : "";
        const string prefix = "ref: refs/heads/";
        return head.StartsWith(prefix, StringComparison.Ordinal)
            ? head[prefix.Length..]
            : head.Length >= 7 ? $"(detached at {head[..7]})" : "(unknown)";
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
                using var repository = Open(location);
                name = repository.Config.Get<string>("user.name")?.Value;
                email ??= repository.Config.Get<string>("user.email")?.Value;
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
