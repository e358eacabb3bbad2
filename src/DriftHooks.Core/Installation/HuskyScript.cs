using DriftHooks.Core.Files;

namespace DriftHooks.Core.Installation;

/// <summary>
/// DriftHooks's block in a husky hook script (<c>.husky/pre-commit</c> …). husky 9 keeps its own stubs in
/// <c>.husky/_</c> (git's <c>core.hooksPath</c>) and rewrites them on every <c>npm install</c> (its prepare script),
/// writing through links: a DriftHooks link there would have its binary overwritten by a husky stub. husky 4–8 point
/// <c>core.hooksPath</c> at <c>.husky</c> itself, whose scripts are committed: a link there would replace the team's
/// file in everyone's work tree. Either way the scripts are the team's and husky never rewrites them, so with husky
/// DriftHooks is called from there.
/// </summary>
internal static class HuskyScript
{
    private const string Begin = "# >>> drifthooks (added by drifthooks install; drifthooks uninstall removes it)";
    private const string End = "# <<< drifthooks";
    private const string Shebang = "#!/usr/bin/env sh\n";

    /// <summary>
    /// True for a folder husky runs hooks from: husky 9's stub folder (named <c>_</c>, with its runner <c>h</c>), or
    /// husky 4–8's script folder (with <c>_/husky.sh</c>).
    /// </summary>
    public static bool IsHuskyFolder(string hooksDirectory) => IsStubFolder(hooksDirectory) || File.Exists(Path.Combine(hooksDirectory, "_", "husky.sh"));

    /// <summary>The team's script husky runs for <paramref name="hook"/>: <c>.husky/&lt;hook&gt;</c>, beside husky 9's stub folder.</summary>
    public static string PathFor(string hooksDirectory, string hook) =>
        IsStubFolder(hooksDirectory)
            ? Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(hooksDirectory))!, hook)
            : Path.Combine(hooksDirectory, hook);

    private static bool IsStubFolder(string hooksDirectory) =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(hooksDirectory)) == "_" && File.Exists(Path.Combine(hooksDirectory, "h"));

    /// <summary>
    /// The block: it runs this clone's installed DriftHooks as the hook, with husky's arguments (its input passes
    /// through). In a clone where <c>drifthooks install</c> has not run (husky's own <c>prepare</c> ran instead), it
    /// runs the executable of the npm package in the project's <c>node_modules</c>; with neither, it says so rather
    /// than failing everyone's commits there. Written with <c>if</c>, not <c>||</c>: husky runs it under <c>sh -e</c>. The paths hold no <c>.exe</c>: Git for Windows' sh finds
    /// <c>drifthooks.exe</c> under that name. The reminder names install as <paramref name="invocation"/> runs it.
    /// </summary>
    public static string Block(string hook, InvocationKind invocation = InvocationKind.Plain) =>
        $"{Begin}\n"
        + "drifthooks=\"$(git rev-parse --git-common-dir)/drifthooks/bin/drifthooks\"\n"
        + "if [ ! -x \"$drifthooks\" ]; then for f in node_modules/@drifthooks/*/bin/drifthooks; do if [ -x \"$f\" ]; then drifthooks=\"$f\"; fi; done; fi\n"
        + $"if [ -x \"$drifthooks\" ]; then \"$drifthooks\" hook {hook} \"$@\"; else echo \"DriftHooks is not installed in this clone: run npm install (or {Invocation.Of(invocation).Command("install")})\" >&2; fi\n"
        + $"{End}\n";

    /// <summary>The block is there, its reminder naming install as any installation runs it (a teammate's install wrote it).</summary>
    public static bool Has(string path, string hook) =>
        Unwritable(path) is null && RegularFile.ReadTextIfPresent(path) is { } text
        && Enum.GetValues<InvocationKind>().Any(kind => text.Contains(Block(hook, kind), StringComparison.Ordinal));

    /// <summary>
    /// Adds (or refreshes) the block at the end of the script, writing nothing when it is already as it would be
    /// (every teammate's <c>npm install</c> runs install: it must leave the committed scripts as they are). A script
    /// husky has none of is created as husky 4–8 run theirs (git executes them): with a shell line and executable. A
    /// script that is a link (or in a linked folder) is the team's committed file pointing anywhere: it is reported and
    /// left alone, never written through.
    /// </summary>
    public static string Add(string path, string hook, InvocationKind invocation = InvocationKind.Plain)
    {
        if (Unwritable(path) is { } why)
        {
            return LeftAlone(path, hook, why, invocation);
        }

        var existing = RegularFile.ReadTextIfPresent(path);
        var rest = existing is null ? "" : Without(existing).TrimEnd('\n');
        var text = rest.Length == 0 || rest == Shebang.TrimEnd('\n') ? Shebang + Block(hook, invocation) : rest + "\n\n" + Block(hook, invocation);
        if (text != existing)
        {
            FileWriter.Replace(path, text, (UnixFileMode)0b111_101_101);
        }

        return $"{hook}: DriftHooks runs from {path} (husky runs that script; commit it so that every clone's husky does)";
    }

    /// <summary>Takes the block out again; a script that held nothing else is removed. A link is left alone, as <see cref="Add"/> leaves it.</summary>
    public static string Remove(string path, string hook, InvocationKind invocation = InvocationKind.Plain)
    {
        if (Unwritable(path) is { } why)
        {
            return LeftAlone(path, hook, why, invocation);
        }

        if (RegularFile.ReadTextIfPresent(path) is not { } text)
        {
            return $"{hook}: {path} is gone; nothing to remove";
        }

        var without = Without(text);
        if (without == text)
        {
            return $"{hook}: {path} holds no DriftHooks block; left alone";
        }

        if (string.IsNullOrWhiteSpace(without) || without.Trim() == Shebang.Trim())
        {
            File.Delete(path);
            return $"{hook}: removed {path} (it held only DriftHooks)";
        }

        FileWriter.Replace(path, without.TrimEnd('\n') + "\n");
        return $"{hook}: removed DriftHooks from {path}";
    }

    static string LeftAlone(string path, string hook, string why, InvocationKind invocation) =>
        $"{hook}: {path} was left alone: {why}. DriftHooks never writes through a link; to run DriftHooks from it, replace it with a regular file and run {Invocation.Of(invocation).Command("install")} again";

    // The script itself, or the folder it is in up to the work tree (.husky committed as a link), being a link or no file.
    static string? Unwritable(string path)
    {
        if (FileWriter.Refusal(path) is { } why)
        {
            return why;
        }

        for (var folder = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!); folder is not null; folder = folder.Parent)
        {
            if (folder.LinkTarget is { } target)
            {
                return $"its folder {folder.FullName} is a symbolic link (to {target})";
            }

            if (Directory.Exists(Path.Combine(folder.FullName, ".git")) || File.Exists(Path.Combine(folder.FullName, ".git")))
            {
                break;
            }
        }

        return null;
    }

    private static string Without(string text)
    {
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        var end = text.IndexOf(End, start, StringComparison.Ordinal);
        var after = end < 0 ? text.Length : Math.Min(text.Length, end + End.Length + 1);
        return (text[..start].TrimEnd('\n') + (after < text.Length ? "\n" + text[after..] : "")).TrimStart('\n');
    }
}
