namespace DriftHooks.EndToEnd.Tests.Support;

/// <summary>
/// Ends a runaway fork chain a test started: killing the process a test waited for leaves its descendants running
/// (each one starts the next), so every process whose command line names the test's own temporary folder is killed,
/// sweep after sweep, until none is left. Linux only (/proc); elsewhere the tree kill of the timeout is all there is.
/// </summary>
internal static class RunawayProcesses
{
    /// <returns>How many processes were killed.</returns>
    public static int KillAllNaming(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var killed = 0;
        for (var sweep = 0; sweep < 1000; sweep++)
        {
            var found = 0;
            foreach (var entry in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId)
                {
                    continue;
                }

                try
                {
                    if (!File.ReadAllText(Path.Combine(entry, "cmdline")).Contains(folder, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    found++;
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill();
                    killed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Ended between the listing and the kill.
                }
            }

            if (found == 0)
            {
                break;
            }
        }

        return killed;
    }
}
