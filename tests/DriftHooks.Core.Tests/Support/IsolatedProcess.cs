using System.Diagnostics;

namespace DriftHooks.Core.Tests.Support;

/// <summary>
/// Runs git (or a DriftHooks executable) for a test, isolated from the caller's environment: tests may run inside a
/// hook (GIT_DIR, GIT_INDEX_FILE set) or with DRIFTHOOKS_* exported, and must not read the user's or system's git
/// configuration. A fixed author makes commits reproducible.
/// </summary>
internal static class IsolatedProcess
{
    public static (int ExitCode, byte[] Stdout, string Stderr) Run(
        string file,
        IEnumerable<string> args,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        byte[]? stdin = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal) || k.StartsWith("DRIFTHOOKS", StringComparison.Ordinal) || k == "CI").ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_AUTHOR_NAME"] = "Test Author";
        start.Environment["GIT_AUTHOR_EMAIL"] = "author@example.com";
        start.Environment["GIT_COMMITTER_NAME"] = "Test Author";
        start.Environment["GIT_COMMITTER_EMAIL"] = "author@example.com";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = new MemoryStream();
        var stdoutTask = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderrTask = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time");
        }

        stdoutTask.GetAwaiter().GetResult();
        return (process.ExitCode, stdout.ToArray(), stderrTask.GetAwaiter().GetResult());
    }
}
