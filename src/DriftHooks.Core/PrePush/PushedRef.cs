using DriftHooks.Core.Findings;
using DriftHooks.Core.Processes;

namespace DriftHooks.Core.PrePush;

/// <summary>One line git writes to a pre-push hook: <c>&lt;local ref&gt; &lt;local sha&gt; &lt;remote ref&gt; &lt;remote sha&gt;</c>.</summary>
internal sealed record PushedRef(string LocalRef, string LocalSha, string RemoteRef, string RemoteSha)
{
    public bool IsDeletion => LocalSha.All(c => c == '0');

    /// <summary>The branch name on the remote, or null for tags and other refs.</summary>
    public string? RemoteBranch => RemoteRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? RemoteRef["refs/heads/".Length..] : null;

    public static IReadOnlyList<PushedRef> Parse(string input)
    {
        var refs = new List<PushedRef>();
        foreach (var raw in input.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(' ');
            if (parts.Length != 4)
            {
                throw new ConfigurationException($"pre-push received a line it cannot read: '{line}'. git writes '<local ref> <local sha> <remote ref> <remote sha>'; run the hook through git push.");
            }

            refs.Add(new PushedRef(parts[0], parts[1], parts[2], parts[3]));
        }

        return refs;
    }

    /// <summary>
    /// The <c>git push</c> that pushes <paramref name="refs"/> to <paramref name="remote"/> again (what git told the
    /// hook, whatever the user typed): <c>git push origin main</c>, <c>git push origin HEAD:refs/heads/x</c>,
    /// <c>git push origin :old</c> for a deletion.
    /// </summary>
    public static string Command(string remote, IEnumerable<PushedRef> refs) =>
        $"git push {FixText.Quote(remote)} {string.Join(" ", refs.Select(r => FixText.Quote(r.Refspec)))}".TrimEnd();

    /// <summary>
    /// The push to repeat in a fix: the <c>git push</c> that runs the hook as git ran it (<paramref name="gitArguments"/>,
    /// its command line: <c>-u</c>, <c>--force-with-lease</c> and the rest kept, an alias arriving expanded), each word
    /// quoted for the shell; where that is not known, <see cref="Command"/>.
    /// </summary>
    public static string Repeat(IReadOnlyList<string>? gitArguments, string remote, IEnumerable<PushedRef> refs) =>
        gitArguments is not null && GitArguments.Runs(gitArguments, "push")
            ? "git " + string.Join(" ", gitArguments.Skip(1).Select(FixText.Quote))
            : Command(remote, refs);

    /// <summary>This ref as a refspec: the branch's name where local and remote names agree, else <c>local:remote</c>.</summary>
    public string Refspec
    {
        get
        {
            var remote = RemoteBranch ?? RemoteRef;
            if (IsDeletion)
            {
                return ":" + remote;
            }

            var local = LocalRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? LocalRef["refs/heads/".Length..] : LocalRef;
            return local == remote ? local : $"{local}:{RemoteRef}";
        }
    }

    /// <summary>Matches a branch name against a pattern with <c>*</c> wildcards (e.g. <c>release/*</c>).</summary>
    public static bool BranchMatches(string branch, string pattern)
    {
        var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(branch, regex);
    }
}
