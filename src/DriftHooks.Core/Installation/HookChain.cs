using System.Diagnostics;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;

namespace DriftHooks.Core.Installation;

/// <summary>Runs the hook DriftHooks replaced (husky's, lefthook's, a team script), first, with the same arguments and input.</summary>
internal static class HookChain
{
    /// <summary>What running the chained hook came to.</summary>
    /// <param name="ExitCode">The chained hook's exit code; 0 when there is none or it was skipped.</param>
    /// <param name="Notice">Why a chained hook was not run (it is DriftHooks itself), for the hook to print.</param>
    public sealed record Outcome(int ExitCode, string? Notice = null);

    public static Outcome RunChained(RepositoryLocation location, string hook, IReadOnlyList<string> arguments, byte[]? input)
    {
        var state = InstallState.Read(location.StateDirectory);
        if (state is null)
        {
            return new Outcome(0);
        }

        var chained = InstallState.ChainedPath(state.HooksDirectory, hook);
        if (!File.Exists(chained))
        {
            return new Outcome(0);
        }

        // Left by an install of another DriftHooks build (older builds chained newer hook scripts): running it would run
        // DriftHooks again, and that one the same chained hook, without end.
        if (OwnHook.Is(chained))
        {
            return new Outcome(0, $"skipped '{chained}': it is a DriftHooks hook itself (left by an install of another DriftHooks build). Run '{Invocation.ForThisProcess(location).Command("install")}' to remove it.");
        }

        var start = StartInfo(chained, Path.Combine(state.HooksDirectory, hook), arguments);
        start.RedirectStandardInput = input is not null;
        start.UseShellExecute = false;
        start.WorkingDirectory = Environment.CurrentDirectory;
        start.Environment[HookReentry.Variable] = HookReentry.Marker(hook, location);
        try
        {
            using var process = Process.Start(start)!;
            if (input is not null)
            {
                process.StandardInput.BaseStream.Write(input);
                process.StandardInput.Close();
            }

            process.WaitForExit();
            return new Outcome(process.ExitCode);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ResourceUnavailableException($"The chained {hook} hook '{chained}' could not be run ({e.Message}). Make it executable (chmod +x) or remove it.", e);
        }
    }

    // Shell scripts are sourced with $0 set to the hook's real name, because husky-style scripts find their
    // helpers through "$(dirname "$0")" and their task through "$(basename "$0")".
    private static ProcessStartInfo StartInfo(string chained, string hookPath, IReadOnlyList<string> arguments)
    {
        var shell = ShellOf(chained);
        ProcessStartInfo start;
        if (shell is not null)
        {
            start = new ProcessStartInfo(shell[0]);
            foreach (var part in shell.Skip(1))
            {
                start.ArgumentList.Add(part);
            }

            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(". \"$DRIFTHOOKS_CHAINED_HOOK\"");
            start.ArgumentList.Add(hookPath);
            start.Environment["DRIFTHOOKS_CHAINED_HOOK"] = chained;
        }
        else
        {
            start = new ProcessStartInfo(chained);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string[]? ShellOf(string path)
    {
        var text = System.Text.Encoding.ASCII.GetString(Files.RegularFile.TryReadStart(path, 256) ?? []);
        if (!text.StartsWith("#!", StringComparison.Ordinal))
        {
            return null;
        }

        var line = text[2..].Split('\n')[0].Trim();
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        var interpreter = Path.GetFileName(parts[^1]);
        if (parts.Length == 1)
        {
            interpreter = Path.GetFileName(parts[0]);
        }

        return interpreter is "sh" or "bash" or "dash" or "zsh" or "ksh" ? parts : null;
    }
}
