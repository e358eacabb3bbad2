namespace DriftHooks.Core.Installation;

/// <summary>
/// Which hook the one DriftHooks executable is asked to run: by the name it was started under (a copy or link named
/// <c>pre-commit</c>, <c>pre-push</c>…, <c>.exe</c> or not) or by the <c>hook &lt;name&gt;</c> verb the installed
/// hook scripts use; null when it runs as the <c>drifthooks</c> command.
/// </summary>
/// <param name="Hook">One of <see cref="HookInstaller.HookNames"/>.</param>
/// <param name="Arguments">What git passed the hook (pre-push: the remote's name and address).</param>
internal sealed record HookInvocation(string Hook, string[] Arguments)
{
    public static HookInvocation? Parse(string programPath, string[] arguments)
    {
        // Both separators: a Windows path reaches here as it was typed. Only ".exe" is dropped: "pre-commit.old" is no hook.
        var name = programPath.Replace('\\', '/').Split('/')[^1];
        if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^".exe".Length];
        }

        if (HookInstaller.HookNames.Contains(name))
        {
            return new HookInvocation(name, arguments);
        }

        return arguments is ["hook", var hook, ..] && HookInstaller.HookNames.Contains(hook)
            ? new HookInvocation(hook, arguments[2..])
            : null;
    }
}
