using System.Text;
using DriftHooks.Core.Tests.Support;

namespace DriftHooks.Core.Tests.Git;

/// <summary>A real git repository in a temporary folder, driven through the git CLI; deleted on dispose.</summary>
internal sealed class TempGitRepository : IDisposable
{
    public TempGitRepository(bool init = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "drifthooks-gitindex-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        if (init)
        {
            Git("init", "-q", "-b", "main");
        }
    }

    public string Root { get; }

    public string IndexPath => Path.Combine(Root, ".git", "index");

    /// <summary>Extra environment for every git call (e.g. GIT_INDEX_FILE).</summary>
    public Dictionary<string, string?> Environment { get; } = [];

    public void WriteFile(string relativePath, string content)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public string Git(params string[] args) => Encoding.UTF8.GetString(GitBytes(null, args));

    public byte[] GitBytes(byte[]? stdin, params string[] args)
    {
        var (code, stdout, stderr) = Run(stdin, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({code}): {stderr}");
        }

        return stdout;
    }

    public (int Code, byte[] Stdout, string Stderr) Run(byte[]? stdin, params string[] args) =>
        IsolatedProcess.Run("git", args, Root, Environment, stdin);

    /// <summary>Writes a blob and returns its id.</summary>
    public string HashObject(string content) =>
        Encoding.UTF8.GetString(GitBytes(Encoding.UTF8.GetBytes(content), "hash-object", "-w", "--stdin")).Trim();

    /// <summary>
    /// Feeds <c>git update-index -z --index-info</c> lines "mode SP sha TAB path NUL"; paths are raw bytes
    /// so tests can use names no file system call would accept.
    /// </summary>
    public void IndexInfo(IEnumerable<(string Mode, string Sha, byte[] Path)> entries)
    {
        var input = new MemoryStream();
        foreach (var (mode, sha, path) in entries)
        {
            input.Write(Encoding.ASCII.GetBytes($"{mode} {sha}\t"));
            input.Write(path);
            input.WriteByte(0);
        }

        GitBytes(input.ToArray(), "update-index", "-z", "--index-info");
    }

    /// <summary>
    /// <c>git ls-files --stage -z</c> lines as "mode sha stage\tpath", paths decoded the way the reader does.
    /// </summary>
    public List<string> LsFilesStage(string? prefix)
    {
        var args = new List<string> { "ls-files", "--stage", "-z" };
        if (!string.IsNullOrEmpty(prefix))
        {
            // ":(literal)" so prefixes with glob characters mean themselves.
            args.AddRange(["--", ":(literal)" + prefix]);
        }

        var output = GitBytes(null, [.. args]);
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < output.Length; i++)
        {
            if (output[i] == 0)
            {
                lines.Add(Encoding.UTF8.GetString(output, start, i - start));
                start = i + 1;
            }
        }

        return lines;
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
            {
                // git makes objects read-only.
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test run.
        }
    }
}
