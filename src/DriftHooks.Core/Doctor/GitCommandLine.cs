using System.Diagnostics;
using System.Text;
using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Doctor;

/// <summary>
/// Runs the git CLI for what libgit2 does not do as git does (fetch with the user's credential helpers, status with
/// the user's ignore rules and fsmonitor). For the doctor only: never on a hook's hot path. Everything else Core asks of
/// git goes through <see cref="Git.RepositoryReader"/>.
/// </summary>
internal static class GitCommandLine
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string workTree, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workTree,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never wait on a password prompt: doctor reports a fetch that needs one.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new Result(process.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ResourceUnavailableException($"git could not be run ({e.Message}); drifthooks doctor needs the git command on PATH.", e);
        }
    }
}
