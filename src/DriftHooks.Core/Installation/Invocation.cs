namespace DriftHooks.Core.Installation;

/// <summary>How a user of this installation types a DriftHooks command.</summary>
internal enum InvocationKind
{
    /// <summary>On PATH (the release archive, a global dotnet tool): <c>drifthooks …</c>.</summary>
    Plain,

    /// <summary>An npm or pnpm project's dependency, in its <c>node_modules</c>: <c>npx drifthooks …</c>.</summary>
    Npx,

    /// <summary>A local dotnet tool (the repository's tool manifest): <c>dotnet drifthooks …</c>.</summary>
    DotnetTool,
}

/// <summary>
/// How this installation is run, decided once by <c>drifthooks install</c> from the executable's path and kept in
/// <see cref="InstallState"/>, so that every printed fix names a command the user can type: in an npm project
/// <c>drifthooks sync</c> is "command not found", <c>npx drifthooks sync</c> runs. A hook runs a copy in
/// <c>.git/drifthooks/bin</c>, whose path says nothing, hence the record. The record is read only when a fix that
/// names a command is written (<see cref="Command"/>): a passing commit never reads it.
/// </summary>
internal sealed class Invocation
{
    private readonly Lazy<InvocationKind> _kind;

    private Invocation(Func<InvocationKind> kind) => _kind = new Lazy<InvocationKind>(kind, LazyThreadSafetyMode.None);

    /// <summary>The plain name, for tests and for a command run outside any installation record.</summary>
    public static Invocation Plain { get; } = Of(InvocationKind.Plain);

    public static Invocation Of(InvocationKind kind) => new(() => kind);

    /// <summary>
    /// The invocation <c>drifthooks install</c> recorded in <paramref name="stateDirectory"/>, read on first use; without
    /// a record (an older install, a command run where none was made), the one <paramref name="executablePath"/> tells.
    /// </summary>
    public static Invocation Recorded(string stateDirectory, string? executablePath) =>
        new(() => InstallState.ReadInvocation(stateDirectory) ?? FromExecutable(executablePath));

    /// <summary>This process's: what install recorded in the repository, else what the running executable's path tells.</summary>
    public static Invocation ForThisProcess(Git.RepositoryLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return Recorded(location.StateDirectory, Environment.ProcessPath);
    }

    /// <summary>
    /// This process's, for a message with only the repository's state folder at hand (null outside a repository: the
    /// running executable's path alone tells, and outside any installation that is the plain name).
    /// </summary>
    public static Invocation ForThisProcess(string? stateDirectory) =>
        stateDirectory is null ? Of(FromExecutable(Environment.ProcessPath)) : Recorded(stateDirectory, Environment.ProcessPath);

    public InvocationKind Kind => _kind.Value;

    /// <summary>The words that start a command: <c>npx drifthooks</c>, <c>dotnet drifthooks</c>, <c>drifthooks</c> (fixed text, nothing to quote).</summary>
    public string Prefix => Kind switch
    {
        InvocationKind.Npx => "npx drifthooks",
        InvocationKind.DotnetTool => "dotnet drifthooks",
        _ => "drifthooks",
    };

    /// <summary>
    /// A command as the user types it: <c>Command("sync --reset")</c> is <c>npx drifthooks sync --reset</c> in an npm
    /// project. <paramref name="arguments"/> are already shell-safe (values quoted with <see cref="FixText.Quote"/>).
    /// </summary>
    public string Command(string arguments) => Prefix + " " + arguments;

    /// <summary>
    /// What the running executable's path tells: inside a <c>node_modules</c> folder (npm's platform package, or pnpm's
    /// <c>node_modules/.pnpm/…/node_modules/@drifthooks/…</c>) it is a project dependency; in the NuGet packages folder
    /// as a tool (<c>…/drifthooks.linux-x64/&lt;version&gt;/tools/…</c>, where the SDK keeps a local tool) it is a local
    /// dotnet tool; anywhere else, a global tool's <c>.store</c> included, it is on PATH.
    /// </summary>
    public static InvocationKind FromExecutable(string? executablePath)
    {
        if (string.IsNullOrEmpty(executablePath))
        {
            return InvocationKind.Plain;
        }

        var parts = executablePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Contains("node_modules", StringComparer.Ordinal))
        {
            return InvocationKind.Npx;
        }

        if (parts.Contains(".store", StringComparer.Ordinal))
        {
            return InvocationKind.Plain;
        }

        for (var i = 2; i < parts.Length; i++)
        {
            if (parts[i] == "tools" && parts[i - 2].StartsWith("drifthooks", StringComparison.OrdinalIgnoreCase))
            {
                return InvocationKind.DotnetTool;
            }
        }

        return InvocationKind.Plain;
    }

    /// <summary>The value <see cref="InstallState"/> keeps (<c>invocation=npx</c>), and its reading; null for anything else.</summary>
    public static string ToState(InvocationKind kind) => kind switch
    {
        InvocationKind.Npx => "npx",
        InvocationKind.DotnetTool => "dotnet-tool",
        _ => "plain",
    };

    public static InvocationKind? FromState(string value) => value switch
    {
        "npx" => InvocationKind.Npx,
        "dotnet-tool" => InvocationKind.DotnetTool,
        "plain" => InvocationKind.Plain,
        _ => null,
    };
}
