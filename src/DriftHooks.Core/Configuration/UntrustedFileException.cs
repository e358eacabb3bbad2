using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Configuration;

/// <summary>
/// A database URL read from a committed file whose content the developer has not trusted: exit code 2, as any
/// configuration problem, with the file carried so that a caller can offer <c>drifthooks trust</c> without reading the message.
/// </summary>
internal sealed class UntrustedFileException(string message, string file, string fix) : ConfigurationException(message)
{
    /// <summary>The committed file, relative to the work tree.</summary>
    public string File { get; } = file;

    /// <summary>The command that records the developer's review of the file, as this installation runs it (<c>npx drifthooks trust</c>).</summary>
    public string Fix { get; } = fix;
}
