using System.Security.Cryptography;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// The developer's local record of committed files whose database hosts they have reviewed
/// (<c>.git/drifthooks/trusted</c>: SHA-256 and path). Like <c>direnv allow</c>: a changed file is untrusted again,
/// because anyone whose pull request is merged can change a committed file, and a host named there would receive
/// the developer's credentials.
/// </summary>
internal static class TrustStore
{
    public static string PathFor(string stateDirectory) => Path.Combine(stateDirectory, "trusted");

    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static bool IsTrusted(string stateDirectory, string relativePath, byte[] content)
    {
        var file = PathFor(stateDirectory);
        if (!File.Exists(file))
        {
            return false;
        }

        var expected = Hash(content) + " " + relativePath;
        return Files.RegularFile.ReadLines(file).Any(line => line == expected);
    }

    public static void Trust(string stateDirectory, string relativePath, byte[] content)
    {
        Directory.CreateDirectory(stateDirectory);
        var file = PathFor(stateDirectory);
        var lines = File.Exists(file) ? Files.RegularFile.ReadLines(file).Where(l => !l.EndsWith(" " + relativePath, StringComparison.Ordinal)).ToList() : [];
        lines.Add(Hash(content) + " " + relativePath);
        Files.FileWriter.ReplaceLines(file, lines);
    }
}
