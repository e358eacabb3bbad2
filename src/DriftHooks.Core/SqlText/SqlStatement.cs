namespace DriftHooks.Core.SqlText;

/// <summary>One statement of a migration script: its tokens (no comments, no closing semicolon) and its source text.</summary>
internal sealed record SqlStatement(IReadOnlyList<SqlToken> Tokens, string Text, int Line);
