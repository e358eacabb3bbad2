namespace DriftHooks.Core.Prisma;

/// <summary>
/// Reads the locations a Prisma 7 <c>prisma.config.ts</c> declares: <c>schema: …</c>, <c>migrations: { path: … }</c>
/// (each evaluated by <see cref="ConfigExpression"/>: literals, path.join with __dirname, process.env.X ?? "…") and
/// <c>datasource: { url: env("NAME") }</c>. It does not run TypeScript: a location it cannot follow is null, and
/// <see cref="Unfollowed"/> says where and why, for the caller to warn rather than guess silently.
/// </summary>
internal sealed record PrismaConfigFile(string? Schema, string? MigrationsPath, string? DatasourceUrlVariable)
{
    /// <summary>"line N: schema: why", when a location is written in a way DriftHooks cannot follow; else null.</summary>
    public string? Unfollowed { get; init; }

    public static PrismaConfigFile Parse(string text) => Parse(text, Environment.GetEnvironmentVariable);

    public static PrismaConfigFile Parse(string text, Func<string, string?> environment)
    {
        var code = StripComments(text);
        var unfollowed = new List<string>();
        var schema = Location(code, "schema", 0, environment, unfollowed);
        string? migrations = null;
        var migrationsAt = KeyIndex(code, "migrations", 0);
        if (migrationsAt >= 0)
        {
            migrations = Location(code, "path", migrationsAt, environment, unfollowed);
        }

        string? urlVariable = null;
        var datasourceAt = KeyIndex(code, "datasource", 0);
        if (datasourceAt >= 0)
        {
            var urlAt = KeyIndex(code, "url", datasourceAt);
            if (urlAt >= 0)
            {
                var envAt = code.IndexOf("env(", urlAt, StringComparison.Ordinal);
                if (envAt >= 0 && envAt - urlAt < 40)
                {
                    urlVariable = ReadLiteral(code, envAt + 4);
                }
            }
        }

        return new PrismaConfigFile(schema, migrations, urlVariable) { Unfollowed = unfollowed.Count == 0 ? null : string.Join("; ", unfollowed) };
    }

    private static string? Location(string code, string key, int from, Func<string, string?> environment, List<string> unfollowed)
    {
        var at = KeyIndex(code, key, from);
        if (at < 0)
        {
            return null;
        }

        var (value, why) = ConfigExpression.Evaluate(code, at, environment);
        if (why is not null)
        {
            var line = code.AsSpan(0, at).Count('\n') + 1;
            unfollowed.Add($"line {line}: {key}: {why}");
        }

        return value;
    }

    // Index just past "key:" where key is a whole identifier (or quoted), else -1.
    private static int KeyIndex(string code, string key, int from)
    {
        for (var i = code.IndexOf(key, from, StringComparison.Ordinal); i >= 0; i = code.IndexOf(key, i + 1, StringComparison.Ordinal))
        {
            var start = i;
            var end = i + key.Length;
            if (start > 0 && code[start - 1] is '"' or '\'')
            {
                start--;
                if (end < code.Length && code[end] == code[start])
                {
                    end++;
                }
            }

            if (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] is '_' or '$' or '.'))
            {
                continue;
            }

            var j = end;
            while (j < code.Length && char.IsWhiteSpace(code[j]))
            {
                j++;
            }

            if (j < code.Length && code[j] == ':')
            {
                return j + 1;
            }
        }

        return -1;
    }

    // A plain string literal at position (after whitespace); null for anything computed.
    private static string? ReadLiteral(string code, int at)
    {
        while (at < code.Length && char.IsWhiteSpace(code[at]))
        {
            at++;
        }

        if (at >= code.Length || code[at] is not ('"' or '\'' or '`'))
        {
            return null;
        }

        var quote = code[at];
        var end = code.IndexOf(quote, at + 1);
        if (end < 0)
        {
            return null;
        }

        var value = code[(at + 1)..end];
        if (value.Contains('\\') || (quote == '`' && value.Contains("${", StringComparison.Ordinal)))
        {
            return null;
        }

        // A string followed by + or a call is computed.
        var after = end + 1;
        while (after < code.Length && code[after] is ' ' or '\t')
        {
            after++;
        }

        return after < code.Length && code[after] is '+' ? null : value;
    }

    private static string StripComments(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var i = 0;
        char? quote = null;
        while (i < text.Length)
        {
            var c = text[i];
            if (quote is not null)
            {
                result.Append(c);
                if (c == '\\' && i + 1 < text.Length)
                {
                    result.Append(text[i + 1]);
                    i += 2;
                    continue;
                }

                if (c == quote)
                {
                    quote = null;
                }

                i++;
                continue;
            }

            if (c is '"' or '\'' or '`')
            {
                quote = c;
                result.Append(c);
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = end < 0 ? text.Length : end + 2;

                // Its line ends stay, so that a line number counted in the code is the file's.
                result.Append(' ').Append('\n', text.AsSpan(i, stop - i).Count('\n'));
                i = stop;
            }
            else
            {
                result.Append(c);
                i++;
            }
        }

        return result.ToString();
    }
}
