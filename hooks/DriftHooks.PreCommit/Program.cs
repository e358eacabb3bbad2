using DriftHooks.Core.Hooks;
using DriftHooks.Hooks;

// git runs this at the work tree's top, with GIT_INDEX_FILE naming the index to check when it is not the default.
// Installed as pre-merge-commit too (a merge git concludes by itself), under that name: the name picks the chained hook.
var hook = Path.GetFileName(Environment.GetCommandLineArgs()[0]) == "pre-merge-commit" ? "pre-merge-commit" : "pre-commit";

// git tells a hook nothing of --amend; the git process that runs it does, on its command line.
return HookHost.Run(hook, args, input: null, (location, options) => PreCommitCheck.Run(
    location,
    options,
    isAmend: () => hook == "pre-commit" && ParentCommand.NearestGit() is { } git && CommitCommandLine.IsAmend(git)));
