using System.Text.RegularExpressions;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Database;

/// <summary>
/// Whether a migration script may run in one transaction with its history row (pure). Prisma sends a script as one
/// batch, which PostgreSQL runs as one implicit transaction, and records the row around it; a script that controls
/// transactions itself, or holds a statement PostgreSQL refuses inside a transaction block (<c>CONCURRENTLY</c>,
/// <c>VACUUM</c>, <c>CREATE DATABASE</c>, a <c>CALL</c> or <c>DO</c> that may commit), runs as Prisma runs it.
/// </summary>
internal static partial class MigrationTransaction
{
    static readonly HashSet<string> TransactionControl = new(StringComparer.Ordinal) { "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release", "prepare", "call", "vacuum" };

    public static bool CanWrap(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        foreach (var statement in SqlLexer.Statements(script))
        {
            var tokens = statement.Tokens;
            if (tokens.Count == 0)
            {
                continue;
            }

            if (tokens[0].Kind == SqlTokenKind.Word && TransactionControl.Contains(tokens[0].Text))
            {
                return false;
            }

            var first = tokens[0].Kind == SqlTokenKind.Word ? tokens[0].Text : "";
            var second = tokens.Count > 1 && tokens[1].Kind == SqlTokenKind.Word ? tokens[1].Text : "";
            if ((first is "create" or "drop" or "alter" && second is "database" or "tablespace" or "system" or "subscription") || (first == "reindex" && second is "system" or "database"))
            {
                return false;
            }

            foreach (var token in tokens)
            {
                if (token.IsWord("concurrently") || (token.Kind == SqlTokenKind.DollarString && first == "do" && CommitsInBody().IsMatch(token.Text)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [GeneratedRegex(@"\b(commit|rollback)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommitsInBody();
}
