using System.Text;
using DriftHooks.Core.Files;

namespace DriftHooks.Core.Git;

/// <summary>HEAD as a work tree has it: the branch it names (<c>refs/heads/…</c>; null when detached) and its commit (null before the branch's first commit).</summary>
internal sealed record HeadRef(string? Branch, string? Commit);

/// <summary>A ref: its full name, the commit it leads to, and the ref it names when it is symbolic (<c>refs/remotes/origin/HEAD</c>).</summary>
internal sealed record GitRef(string Name, string Commit, string? SymbolicTarget);

/// <summary>
/// Reads refs straight from the files, as <see cref="ObjectStore"/> reads objects: HEAD and the other per-worktree refs
/// from the worktree's git directory, branches from the common one, a loose ref over its packed copy, symbolic refs
/// followed. It answers only what it is sure of: refs stored otherwise (reftable, SHA-256), a ref file of an unknown form
/// or one that is no regular file throw <see cref="ObjectStoreException"/>, and <see cref="RepositoryReader"/> asks libgit2.
/// </summary>
internal sealed class GitRefs
{
    private const int HexLength = 40;

    // git itself stops at 5 levels of symbolic refs.
    private const int MaxSymbolicDepth = 5;

    // A loose ref is one line; packed-refs holds every ref of a big repository in a few MB.
    private const long LooseRefLimit = 4096;
    private const long PackedRefsLimit = 256L << 20;

    private readonly RepositoryLocation _location;
    private Dictionary<string, string>? _packed;

    private GitRefs(RepositoryLocation location)
    {
        _location = location;
    }

    /// <exception cref="ObjectStoreException">The repository's format extensions store refs or ids in a way this reader does not read.</exception>
    public static GitRefs Open(RepositoryLocation location)
    {
        if (ObjectStore.HasUnhandledExtension(location))
        {
            throw new ObjectStoreException("repository extensions");
        }

        return new GitRefs(location);
    }

    /// <summary>HEAD: its branch (unless detached) and its commit (unless unborn).</summary>
    public HeadRef Head()
    {
        var text = ReadLoose("HEAD") ?? throw new ObjectStoreException("HEAD is missing");
        if (!IsSymbolic(text, out var branch))
        {
            return new HeadRef(null, DirectId("HEAD", text));
        }

        return new HeadRef(branch, Resolve(branch));
    }

    /// <summary>The commit a full ref name (<c>refs/heads/main</c>, <c>HEAD</c>) leads to, following symbolic refs; null when there is no such ref.</summary>
    public string? Resolve(string name)
    {
        var target = name;
        for (var depth = 0; depth < MaxSymbolicDepth; depth++)
        {
            if (Read(target) is not { } text)
            {
                return null;
            }

            if (!IsSymbolic(text, out var next))
            {
                return DirectId(target, text);
            }

            target = next;
        }

        throw new ObjectStoreException("symbolic refs nested too deep");
    }

    /// <summary>Every ref whose name starts with <paramref name="prefix"/> (<c>refs/remotes/</c>), loose over packed, in name order; symbolic ones followed (a dangling one left out).</summary>
    public IReadOnlyList<GitRef> Under(string prefix)
    {
        if (!prefix.StartsWith("refs/", StringComparison.Ordinal) || !prefix.EndsWith('/') || IsPerWorktree(prefix))
        {
            throw new ObjectStoreException($"refs under {prefix}");
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in Packed().Keys)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        var folder = Path.Combine(_location.CommonDirectory, prefix);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var name = prefix + Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
                if (!name.EndsWith(".lock", StringComparison.Ordinal))
                {
                    names.Add(name); // a lock file is a ref being written, not a ref
                }
            }
        }

        var refs = new List<GitRef>(names.Count);
        foreach (var name in names)
        {
            var text = Read(name);
            string? symbolic = null;
            if (text is not null && IsSymbolic(text, out var target))
            {
                symbolic = target;
            }

            if (Resolve(name) is { } commit)
            {
                refs.Add(new GitRef(name, commit, symbolic));
            }
        }

        return refs;
    }

    // HEAD and the refs git keeps per worktree live in the worktree's git directory; the rest in the common one.
    private static bool IsPerWorktree(string name) =>
        name == "HEAD" || name.StartsWith("refs/worktree/", StringComparison.Ordinal)
        || name.StartsWith("refs/bisect/", StringComparison.Ordinal) || name.StartsWith("refs/rewritten/", StringComparison.Ordinal);

    // The ref's text: its loose file, else (for a shared ref) its packed line; null when neither has it.
    private string? Read(string name) =>
        ReadLoose(name) ?? (IsPerWorktree(name) ? null : Packed().GetValueOrDefault(name));

    private string? ReadLoose(string name)
    {
        var file = Path.Combine(IsPerWorktree(name) ? _location.GitDirectory : _location.CommonDirectory, name);
        if (Directory.Exists(file))
        {
            return null; // refs/heads/a when only refs/heads/a/b exists
        }

        try
        {
            return RegularFile.ReadIfPresent(file, LooseRefLimit) is { } bytes ? Encoding.UTF8.GetString(bytes).Trim() : null;
        }
        catch (UnsafeFileException e)
        {
            throw new ObjectStoreException($"ref {name}: {e.Message}");
        }
    }

    // packed-refs: "<id> <name>" lines, "^<id>" peeling the tag above, "#" the header; read once.
    private Dictionary<string, string> Packed()
    {
        if (_packed is not null)
        {
            return _packed;
        }

        var packed = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[]? bytes;
        try
        {
            bytes = RegularFile.ReadIfPresent(Path.Combine(_location.CommonDirectory, "packed-refs"), PackedRefsLimit);
        }
        catch (UnsafeFileException e)
        {
            throw new ObjectStoreException($"packed-refs: {e.Message}");
        }

        foreach (var line in (bytes is null ? "" : Encoding.UTF8.GetString(bytes)).Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0 || trimmed[0] is '#' or '^')
            {
                continue;
            }

            if (trimmed.Length <= HexLength + 1 || trimmed[HexLength] != ' ' || !IsHex(trimmed.AsSpan(0, HexLength)))
            {
                throw new ObjectStoreException("packed-refs holds a line of an unknown form");
            }

            packed[trimmed[(HexLength + 1)..]] = trimmed[..HexLength];
        }

        return _packed = packed;
    }

    private static bool IsSymbolic(string text, out string target)
    {
        if (!text.StartsWith("ref:", StringComparison.Ordinal))
        {
            target = "";
            return false;
        }

        target = text[4..].Trim();
        if (!target.StartsWith("refs/", StringComparison.Ordinal) || target.Contains("..", StringComparison.Ordinal) || target.Contains('\\', StringComparison.Ordinal))
        {
            throw new ObjectStoreException($"symbolic ref to {target}");
        }

        return true;
    }

    private static string DirectId(string name, string text) =>
        text.Length == HexLength && IsHex(text) ? text.ToLowerInvariant() : throw new ObjectStoreException($"ref {name} holds an unknown form");

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
