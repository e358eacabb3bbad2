using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.SqlText;

/// <summary>
/// A migration script and its statements, split on first use and then kept: at commit the replay (DH115) and the
/// data-risk walk (DH513) read the same new migration, and each is lexed once.
/// </summary>
internal sealed class SqlScript(string text)
{
    public string Text { get; } = text;

    public IReadOnlyList<SqlStatement> Statements => field ??= SqlLexer.Statements(Text);
}
