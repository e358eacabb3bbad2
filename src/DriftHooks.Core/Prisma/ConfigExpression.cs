using System.Text;

namespace DriftHooks.Core.Prisma;

/// <summary>
/// Evaluates the path expressions people write in <c>prisma.config.ts</c> without running TypeScript: string and
/// template literals, <c>+</c>, <c>path.join</c>/<c>path.resolve</c> (or <c>join</c>/<c>resolve</c> imported), <c>__dirname</c>,
/// <c>import.meta.dirname</c>, <c>process.cwd()</c>, <c>process.env.X ?? "…"</c>, and a <c>const</c> of the file holding one of
/// those. The file is hostile input: one forward pass over a bounded number of tokens, a bounded nesting depth, no
/// backtracking. Anything else is not guessed: the caller is told why, to warn.
/// </summary>
internal sealed class ConfigExpression
{
    // The config's folder as an absolute root: Prisma resolves the config's relative paths from there, and the CLI runs
    // there (it finds prisma.config.ts in its working directory), so process.cwd() is the same folder.
    private const string Root = "/\u0000config";
    private const int MaxTokens = 256;
    private const int MaxDepth = 16;
    private const int MaxLength = 4096;

    private readonly string _code;
    private readonly Func<string, string?> _environment;
    private int _pos;
    private int _tokens;
    private int _depth;

    private ConfigExpression(string code, int at, Func<string, string?> environment)
    {
        _code = code;
        _pos = at;
        _environment = environment;
    }

    /// <summary>The value at <paramref name="at"/> in comment-free code, relative to the config's folder, or why it cannot be followed.</summary>
    /// <param name="environment">The hook's environment, for <c>process.env.X</c> (the fallback after <c>??</c> when unset).</param>
    public static (string? Value, string? Why) Evaluate(string code, int at, Func<string, string?> environment)
    {
        var expression = new ConfigExpression(code, at, environment);
        try
        {
            var value = expression.Coalesce();
            expression.SkipSpace();
            if (expression._pos < code.Length && code[expression._pos] is not (',' or '}' or ';' or '\n'))
            {
                return (null, $"'{expression.Excerpt()}' follows a value, which DriftHooks does not evaluate");
            }

            if (value is null)
            {
                return (null, "it names an environment variable that is not set, with no fallback");
            }

            if (value.StartsWith(Root, StringComparison.Ordinal) && (value.Length == Root.Length || value[Root.Length] == '/'))
            {
                return (value.Length == Root.Length ? "." : value[(Root.Length + 1)..], null);
            }

            if (value.Contains('\0', StringComparison.Ordinal))
            {
                return (null, "it puts __dirname inside a path");
            }

            return value.StartsWith('/') ? (null, $"it is the absolute path '{value}'") : (Normalize(value), null);
        }
        catch (NotFollowedException e)
        {
            return (null, e.Message);
        }
    }

    private sealed class NotFollowedException(string message) : Exception(message);

    private static NotFollowedException Stop(string why) => new(why);

    // a ?? b: the first that is set (process.env.X is null when unset).
    private string? Coalesce()
    {
        var value = Sum();
        while (Accept("??"))
        {
            var fallback = Sum();
            value ??= fallback;
        }

        return value;
    }

    private string? Sum()
    {
        var value = Primary();
        while (Accept("+"))
        {
            var right = Primary();
            value = value is null || right is null ? throw Stop("it adds an environment variable that may be unset") : Bounded(value + right);
        }

        return value;
    }

    private string? Primary()
    {
        if (++_tokens > MaxTokens || ++_depth > MaxDepth)
        {
            throw Stop("it is longer or deeper than DriftHooks follows");
        }

        try
        {
            SkipSpace();
            if (_pos >= _code.Length)
            {
                throw Stop("it ends early");
            }

            var c = _code[_pos];
            if (c is '"' or '\'')
            {
                return ReadString(c);
            }

            if (c == '`')
            {
                return ReadTemplate();
            }

            if (c == '(')
            {
                _pos++;
                var inner = Coalesce();
                Expect(")");
                return inner;
            }

            var name = ReadName();
            switch (name)
            {
                case "__dirname" or "import.meta.dirname":
                    return Root;
                case "process.cwd":
                    Expect("(");
                    Expect(")");
                    return Root;
                case "path.join" or "join" or "path.posix.join" or "posix.join":
                    return Normalize(string.Join('/', Arguments().Where(a => a.Length > 0)));
                case "path.resolve" or "resolve" or "path.posix.resolve" or "posix.resolve":
                    return Resolve(Arguments());
                case "process.env" when Accept("["):
                    var key = Primary();
                    Expect("]");
                    return key is null ? throw Stop("it indexes process.env with an unset variable") : _environment(key);
                case var env when env.StartsWith("process.env.", StringComparison.Ordinal):
                    return _environment(env["process.env.".Length..]);
                case "":
                    throw Stop($"'{Excerpt()}' is not a value DriftHooks evaluates");
                default:
                    return Constant(name);
            }
        }
        finally
        {
            _depth--;
        }
    }

    // `const schemaPath = …` declared in the file, followed once (its own depth and token bounds still hold).
    private string? Constant(string name)
    {
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw Stop($"it calls or reads '{name}', which DriftHooks does not evaluate");
        }

        var declaration = $"const {name}";
        for (var at = _code.IndexOf(declaration, StringComparison.Ordinal); at >= 0; at = _code.IndexOf(declaration, at + 1, StringComparison.Ordinal))
        {
            var after = at + declaration.Length;
            while (after < _code.Length && _code[after] is ' ' or '\t')
            {
                after++;
            }

            if ((at == 0 || !IsNamePart(_code[at - 1])) && after < _code.Length && _code[after] == '=' && (after + 1 >= _code.Length || _code[after + 1] != '='))
            {
                var saved = _pos;
                _pos = after + 1;
                var value = Coalesce();
                _pos = saved;
                return value;
            }
        }

        throw Stop($"'{name}' is not a constant of this file DriftHooks can follow");
    }

    private List<string> Arguments()
    {
        Expect("(");
        var values = new List<string>();
        SkipSpace();
        while (!Accept(")"))
        {
            values.Add(Coalesce() ?? throw Stop("it passes an environment variable that may be unset to a path function"));
            if (!Accept(","))
            {
                Expect(")");
                break;
            }
        }

        return values;
    }

    // path.resolve: right to left until a segment is absolute; relative to the working directory (the config's folder).
    private static string Resolve(List<string> segments)
    {
        var parts = new List<string>();
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            parts.Insert(0, segments[i]);
            if (segments[i].StartsWith('/'))
            {
                return Normalize(string.Join('/', parts));
            }
        }

        parts.Insert(0, Root);
        return Normalize(string.Join('/', parts));
    }

    private static string Normalize(string path)
    {
        var absolute = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                if (absolute && parts.Count == 1 && parts[0] == Root[1..])
                {
                    // Above the config's folder: relative to it again (a monorepo's apps/web/prisma.config.ts naming ../db).
                    parts[0] = "..";
                    absolute = false;
                    continue;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        var joined = string.Join('/', parts);
        return Bounded(absolute ? "/" + joined : joined.Length == 0 ? "." : joined);
    }

    private string ReadString(char quote)
    {
        var sb = new StringBuilder();
        _pos++;
        while (_pos < _code.Length && _code[_pos] != quote && _code[_pos] != '\n')
        {
            if (_code[_pos] == '\\')
            {
                throw Stop("it has an escape sequence in a string");
            }

            sb.Append(_code[_pos++]);
        }

        if (_pos >= _code.Length || _code[_pos] != quote)
        {
            throw Stop("a string is not closed on its line");
        }

        _pos++;
        return Bounded(sb.ToString());
    }

    private string ReadTemplate()
    {
        var sb = new StringBuilder();
        _pos++;
        while (_pos < _code.Length && _code[_pos] != '`')
        {
            if (_code[_pos] == '\\')
            {
                throw Stop("it has an escape sequence in a template literal");
            }

            if (_code[_pos] == '$' && _pos + 1 < _code.Length && _code[_pos + 1] == '{')
            {
                _pos += 2;
                sb.Append(Coalesce() ?? throw Stop("it puts an environment variable that may be unset in a template literal"));
                Expect("}");
                continue;
            }

            sb.Append(_code[_pos++]);
        }

        if (_pos >= _code.Length)
        {
            throw Stop("a template literal is not closed");
        }

        _pos++;
        return Bounded(sb.ToString());
    }

    private static string Bounded(string value) =>
        value.Length <= MaxLength ? value : throw Stop("it builds a path longer than DriftHooks follows");

    // A dotted name (process.env.X, path.join, import.meta.dirname); empty when none starts here.
    private string ReadName()
    {
        var start = _pos;
        while (_pos < _code.Length && (IsNamePart(_code[_pos]) || (_code[_pos] == '.' && _pos > start && _pos + 1 < _code.Length && IsNamePart(_code[_pos + 1]))))
        {
            _pos++;
        }

        return _code[start.._pos];
    }

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';

    private void SkipSpace()
    {
        while (_pos < _code.Length && char.IsWhiteSpace(_code[_pos]))
        {
            _pos++;
        }
    }

    private bool Accept(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_code, _pos, token, 0, token.Length) != 0)
        {
            return false;
        }

        _pos += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw Stop($"'{Excerpt()}' is not a value DriftHooks evaluates (expected '{token}')");
        }
    }

    private string Excerpt()
    {
        var end = _pos;
        while (end < _code.Length && end - _pos < 30 && _code[end] is not ('\n' or ',' or '}'))
        {
            end++;
        }

        return _code[_pos..end].Trim();
    }
}
