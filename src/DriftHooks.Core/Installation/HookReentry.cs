using DriftHooks.Core.Findings;
using DriftHooks.Core.Git;

namespace DriftHooks.Core.Installation;

/// <summary>
/// The guard against a hook running itself: the chained hook runs with <see cref="Variable"/> naming the hook and the
/// repository, and a DriftHooks hook started under that same name in that same repository stops at once instead of
/// chaining again (a chained script that runs DriftHooks, or an older build's hook chaining a newer one). A hook of
/// another repository (a chained hook committing in a submodule) is not affected.
/// </summary>
internal static class HookReentry
{
    public const string Variable = "DRIFTHOOKS_RUNNING_HOOK";

    /// <summary>The marker's value for <paramref name="hook"/> in the repository at <paramref name="location"/>.</summary>
    public static string Marker(string hook, RepositoryLocation location) =>
        hook + " " + Path.TrimEndingDirectorySeparator(Path.GetFullPath(location.CommonDirectory));

    /// <exception cref="HookReenteredException">This hook is already running in this repository, further up the chain.</exception>
    public static void Check(string hook, RepositoryLocation location, IReadOnlyDictionary<string, string?> environment)
    {
        if (environment.GetValueOrDefault(Variable) == Marker(hook, location))
        {
            var chained = InstallState.Read(location.StateDirectory) is { } state ? InstallState.ChainedPath(state.HooksDirectory, hook) : hook + ".drifthooks-chained";
            throw new HookReenteredException(
                $"the {hook} hook was started again from within itself (the hook chained before DriftHooks, '{chained}', runs DriftHooks's {hook} hook), so it stopped instead of starting itself forever. "
                + $"Remove the DriftHooks call from that hook, or delete it if it only runs DriftHooks, then run '{Invocation.ForThisProcess(location).Command("install")}' again.");
        }
    }
}

/// <summary>A hook started from within itself: exit code <see cref="ExitCodes.HookReentered"/>.</summary>
internal sealed class HookReenteredException(string message) : DriftHooksException(message, ExitCodes.HookReentered);
