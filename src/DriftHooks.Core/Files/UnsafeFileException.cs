using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Files;

/// <summary>A file is not what DriftHooks reads or writes (a FIFO, a device, a link where a file is written, too large): exit code 7, the file and why named.</summary>
internal sealed class UnsafeFileException(string message, Exception? inner = null)
    : DriftHooksException(message, ExitCodes.UnsafeFile, inner);
