using DriftHooks.Core.Installation;
using DriftHooks.Core.PreCommit;
using DriftHooks.Core.PrePush;
using DriftHooks.Core.Processes;

namespace DriftHooks.Hooks;

/// <summary>What each hook does when git runs it; the one executable picks one by <see cref="HookInvocation"/>.</summary>
internal static class HookPrograms
{
    public static int Run(HookInvocation invocation) => invocation.Hook switch
    {
        "pre-push" => PrePush(invocation.Arguments),
        _ => PreCommit(invocation.Hook, invocation.Arguments),
    };

    // git runs this at the work tree's top, with GIT_INDEX_FILE naming the index to check when it is not the default.
    // pre-merge-commit is the same check for a merge git concludes by itself; the name also picks the chained hook.
    private static int PreCommit(string hook, string[] args) =>
        // git tells a hook nothing of --amend; the git process that runs it does, on its command line.
        HookHost.Run(hook, args, input: null, context => PreCommitCheck.Run(
            context.Repository,
            context.Options,
            isAmend: () => hook == "pre-commit" && ParentGit.ForThisOs() is { } processes && ParentGit.Find(processes, Environment.ProcessId) is { } git && CommitCommandLine.IsAmend(git)));

    // git runs this as "pre-push <remote name> <remote url>" with one line per pushed ref on stdin.
    private static int PrePush(string[] args)
    {
        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        stdin.CopyTo(buffer);
        var input = buffer.ToArray();

        return HookHost.Run("pre-push", args, input, context =>
        {
            var pushed = PushedRef.Parse(System.Text.Encoding.UTF8.GetString(input));
            // The push a fix repeats is the one git runs, options and all (-u): its command line says so.
            var git = ParentGit.ForThisOs() is { } processes ? ParentGit.Find(processes, Environment.ProcessId) : null;
            return PrePushCheck.RunAsync(context, pushed, args.FirstOrDefault(), git).GetAwaiter().GetResult();
        });
    }
}
