namespace DriftHooks.Core.Installation;

/// <summary>
/// Whether a file in a hooks folder is DriftHooks itself, of any install and any version: this build's hook script,
/// a link into some <c>drifthooks/bin/</c> (installs before the scripts), or a DriftHooks executable copied or linked
/// there. Such a file is never kept as a hook to chain: running it from DriftHooks runs DriftHooks again, and an older
/// build over a newer one (or the reverse) chained each other's hooks into a fork chain that never ended.
/// </summary>
internal static class OwnHook
{
    // Every DriftHooks executable (one per hook before 0.1, one for all since) names its core assembly in its metadata.
    private static readonly byte[] ExecutableSignature = "DriftHooks.Core"u8.ToArray();

    // Larger than any DriftHooks build (15-40 MB); a bigger file is someone else's and is not read.
    private const long LargestExecutable = 256L * 1024 * 1024;

    public static bool Is(string path) => HookScript.IsOurs(path) || IsLinkIntoDriftHooksBin(path) || IsDriftHooksExecutable(path);

    /// <summary>A symbolic link to anything in a <c>drifthooks/bin</c> folder (this clone's, another clone's, a moved one).</summary>
    public static bool IsLinkIntoDriftHooksBin(string path)
    {
        var link = new FileInfo(path).LinkTarget;
        if (link is null)
        {
            return false;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(link, Path.GetDirectoryName(Path.GetFullPath(path))!));
        return Path.GetFileName(folder) == "bin" && Path.GetFileName(Path.GetDirectoryName(folder)) == "drifthooks";
    }

    /// <summary>A native executable (ELF, Mach-O or PE, read through links) built from DriftHooks's code.</summary>
    public static bool IsDriftHooksExecutable(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (file.LinkTarget is not null)
            {
                file = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
            }

            if (!file.Exists || file.Length > LargestExecutable || !IsNativeExecutable(file.FullName))
            {
                return false;
            }

            return Files.RegularFile.ReadIfPresent(file.FullName, LargestExecutable) is { } bytes && bytes.AsSpan().IndexOf(ExecutableSignature) >= 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Files.UnsafeFileException)
        {
            // Unreadable: not ours to judge; running it reports the problem as any chained hook would.
            return false;
        }
    }

    /// <summary>Starts with ELF's, Mach-O's (either byte order, fat too) or PE's magic number.</summary>
    public static bool IsNativeExecutable(ReadOnlySpan<byte> start) =>
        start.StartsWith("\u007fELF"u8)
        || start.StartsWith("MZ"u8)
        || start.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE])
        || start.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE])
        || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF])
        || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCE])
        || start.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]);

    private static bool IsNativeExecutable(string path) => Files.RegularFile.TryReadStart(path, 4) is { } start && IsNativeExecutable(start);
}
