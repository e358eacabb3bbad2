using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Git;

/// <summary>
/// Where a repository's pieces live: the work tree, its git directory (per worktree), the common directory
/// (objects, config, hooks; shared by linked worktrees) and the index the hook must read.
/// Found from the environment git hands a hook, without libgit2, because the hook's fast path avoids it.
/// </summary>
internal sealed record RepositoryLocation(string WorkTree, string GitDirectory, string CommonDirectory, string IndexFile)
{
    /// <summary>
    /// Finds the repository that contains <paramref name="startDirectory"/>. <paramref name="gitDirOverride"/> and
    /// <paramref name="indexFileOverride"/> are what git exports to hooks (GIT_DIR, GIT_INDEX_FILE), relative to the start.
    /// </summary>
    public static RepositoryLocation Find(string startDirectory, string? gitDirOverride = null, string? indexFileOverride = null)
    {
        var start = Path.GetFullPath(startDirectory);
        string workTree;
        string gitDir;
        if (!string.IsNullOrEmpty(gitDirOverride))
        {
            gitDir = Path.GetFullPath(gitDirOverride, start);
            workTree = start;
            // A hook runs at the work tree's top; from elsewhere, climb to the folder whose .git leads to gitDir.
            var probe = FindDotGit(start);
            if (probe is not null && SamePath(ResolveDotGit(probe), gitDir))
            {
                workTree = Path.GetDirectoryName(probe)!;
            }
        }
        else
        {
            var dotGit = FindDotGit(start) ?? throw new ResourceUnavailableException(
                $"No git repository was found at or above '{start}'. Run DriftHooks inside a git work tree.");
            workTree = Path.GetDirectoryName(dotGit)!;
            gitDir = ResolveDotGit(dotGit);
        }

        if (!Directory.Exists(gitDir))
        {
            throw new ResourceUnavailableException($"The git directory '{gitDir}' does not exist or cannot be read.");
        }

        var commonDir = gitDir;
        var commonFile = Path.Combine(gitDir, "commondir");
        if (File.Exists(commonFile))
        {
            commonDir = Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDir);
        }

        var index = string.IsNullOrEmpty(indexFileOverride)
            ? Path.Combine(gitDir, "index")
            : Path.GetFullPath(indexFileOverride, start);
        return new RepositoryLocation(workTree, gitDir, commonDir, index);
    }

    /// <summary>The folder where DriftHooks keeps its own state: binaries, audit log, install record.</summary>
    public string StateDirectory => Path.Combine(CommonDirectory, "drifthooks");

    /// <summary>A small file of the work tree by repository path (package.json, prisma.config.ts), or null when absent.</summary>
    public string? ReadWorkTreeFile(string repositoryPath)
    {
        var full = Path.Combine(WorkTree, repositoryPath);
        return Files.RegularFile.ReadTextIfPresent(full);
    }

    /// <summary>True when <see cref="Find"/> has a repository to find: GIT_DIR is set, or a .git is at or above <paramref name="start"/>.</summary>
    public static bool Exists(string start, string? gitDirOverride) => !string.IsNullOrEmpty(gitDirOverride) || FindDotGit(start) is not null;

    private static string? FindDotGit(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    // A linked worktree's .git is a file: "gitdir: <path>".
    private static string ResolveDotGit(string dotGit)
    {
        if (Directory.Exists(dotGit))
        {
            return Path.GetFullPath(dotGit);
        }

        var text = File.ReadAllText(dotGit).Trim();
        const string prefix = "gitdir:";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new ResourceUnavailableException($"'{dotGit}' is neither a git directory nor a 'gitdir:' file.");
        }

        return Path.GetFullPath(text[prefix.Length..].Trim(), Path.GetDirectoryName(dotGit)!);
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}
