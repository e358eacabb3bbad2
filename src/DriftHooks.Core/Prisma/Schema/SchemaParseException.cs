using DriftHooks.Core.Findings;

namespace DriftHooks.Core.Prisma.Schema;

/// <summary>
/// A schema that cannot be read or modelled. Thrown instead of guessing, so a broken schema never
/// passes a check silently. Carries where (file, line) and what, for a finding to point the user there.
/// </summary>
internal sealed class SchemaParseException : ConfigurationException
{
    private SchemaParseException(string path, int? line, string problem, string? provider = null)
        : base($"{PlaceOf(path, line)}: {problem}. Fix the Prisma schema (prisma validate shows the same problem).")
    {
        Place = PlaceOf(path, line);
        Path = path;
        Line = line;
        Problem = problem;
        Provider = provider;
    }

    /// <summary>Set when the schema may be valid but is for a database DriftHooks does not model (mysql, sqlite, mongodb…).</summary>
    public string? Provider { get; }

    /// <summary>The schema file that cannot be read.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the problem, or null when it is the whole file (its encoding).</summary>
    public int? Line { get; }

    /// <summary><c>path:line</c>, or the path alone.</summary>
    public string Place { get; }

    /// <summary>What is wrong there, without the place.</summary>
    public string Problem { get; }

    private static string PlaceOf(string path, int? line) => line is null ? path : $"{path}:{line}";

    internal static SchemaParseException At(string path, int line, string what) => new(path, line, what);

    internal static SchemaParseException NotPostgres(string path, int line, string provider, string what) => new(path, line, what, provider);

    internal static SchemaParseException In(string path, string what) => new(path, null, what);
}
