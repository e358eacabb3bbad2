using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Prisma.Schema;

/// <summary>
/// A schema that cannot be read or modelled. Thrown instead of guessing, so a broken schema never
/// passes a check silently.
/// </summary>
public sealed class SchemaParseException(string message, Exception? inner = null)
    : ConfigurationException(message, inner)
{
    internal static SchemaParseException At(string path, int line, string what) =>
        new($"{path}:{line}: {what}. Fix the Prisma schema (prisma validate shows the same problem).");
}
