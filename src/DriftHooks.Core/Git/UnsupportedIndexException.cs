using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Git;

/// <summary>
/// The index uses a feature this reader does not decode (sparse directory entries under a requested
/// path, an unknown required extension). Thrown rather than returning a partial, wrong answer.
/// </summary>
internal sealed class UnsupportedIndexException(string message, Exception? inner = null)
    : DriftHooksException(message, ExitCodes.ResourceUnavailable, inner);
