namespace DriftHooks.Core.Check;

/// <summary>A commit as findings name it: full id, short id and the first line of its message.</summary>
internal sealed record CommitInfo(string Sha, string Subject)
{
    public string ShortSha => Sha[..7];

    public override string ToString() => $"{ShortSha} \"{Subject}\"";

    public static CommitInfo Of(Git.RepositoryReader reader, string commit) => new(commit, reader.Subject(commit));
}
