using DriftHooks.Core.Hooks;
using DriftHooks.Hooks;

// git runs this at the work tree's top, with GIT_INDEX_FILE naming the index to check when it is not the default.
return HookHost.Run("pre-commit", args, input: null, PreCommitCheck.Run);
