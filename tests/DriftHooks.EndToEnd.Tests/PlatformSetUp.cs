using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// The end-to-end tests write POSIX hook scripts, set file modes, make symbolic links and run the executable under its
/// hooks' names: on Windows they are skipped, saying so, and the release workflow's Windows jobs run the core tests (the
/// Windows code paths' inputs) and the packaged executable's own smoke test.
/// </summary>
[SetUpFixture]
public sealed class PlatformSetUp
{
    [OneTimeSetUp]
    public void OnlyWhereHooksArePosix()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("The end-to-end tests need a POSIX system (hook scripts with file modes, symbolic links, /bin/sh); on Windows the core tests run.");
        }
    }
}
