using System.Text.RegularExpressions;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests.Support;

/// <summary>
/// Follows the <c>fix:</c> a command printed, as a user would: the fix of the named finding is split into its steps
/// (", then …", "… and git …"); remarks in parentheses are read, not run. A step that is a command (git, npx, an
/// environment assignment before one) runs in bash exactly as printed, placeholders such as <c>&lt;change&gt;</c> filled
/// in; a step in words must be one the test knows how to do as a user would (writing an edit, committing), else
/// the fix cannot be followed and the test fails. Commands run with the native <c>drifthooks</c> on PATH and
/// <c>npx prisma</c> being the real Prisma CLI (<c>../shared/prisma-oracle</c>, see <see cref="WithPrisma"/>); a
/// confirmation prompt is answered with the <c>--yes</c> it asks for when standard input is not a terminal. A fix
/// offering two ways ("…; or …") is followed the way the user takes (<see cref="Taking"/>), the first by default.
/// </summary>
internal sealed partial class PrintedFix
{
    private readonly TestRepository _repository;
    private readonly List<(Regex Step, Action<Match> Do)> _userSteps = [];
    private readonly Dictionary<string, string> _placeholders = [];
    private TestDatabase? _prismaDatabase;
    private int _way;

    private PrintedFix(TestRepository repository, string code, string text)
    {
        _repository = repository;
        Code = code;
        Text = text;
    }

    public string Code { get; }

    /// <summary>The fix as printed.</summary>
    public string Text { get; }

    /// <summary>The printed fix of the first <paramref name="code"/> finding in <paramref name="output"/>; fails the test when there is none.</summary>
    public static PrintedFix Of(TestRepository repository, ProcessResult output, string code)
    {
        var lines = output.All.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!Regex.IsMatch(lines[i], $@"^(error|warning|note) {code}:"))
            {
                continue;
            }

            for (var j = i + 1; j < lines.Length && lines[j].StartsWith("  ", StringComparison.Ordinal); j++)
            {
                if (lines[j].StartsWith("  fix: ", StringComparison.Ordinal))
                {
                    return new PrintedFix(repository, code, lines[j]["  fix: ".Length..].TrimEnd());
                }
            }
        }

        Assert.Fail($"no {code} finding with a fix in:\n{output}");
        throw new InvalidOperationException();
    }

    /// <summary>A value a fix printed through FixText.Quote, as the shell reads it back (a word as is, or single-quoted).</summary>
    public static string Unquote(string word) =>
        word.Length >= 2 && word[0] == '\'' && word[^1] == '\'' ? word[1..^1].Replace("'\\''", "'", StringComparison.Ordinal) : word;

    /// <summary>What the user types for a placeholder.</summary>
    public PrintedFix Fill(string placeholder, string value)
    {
        _placeholders[placeholder] = value;
        return this;
    }

    /// <summary>How the user does a step given in words (or a command this machine cannot run, such as Prisma's migrate dev).</summary>
    public PrintedFix Doing(string stepPattern, Action<Match> action)
    {
        _userSteps.Add((new Regex("^" + stepPattern + "$"), action));
        return this;
    }

    /// <summary>The way the user takes where the fix offers more than one ("…; or …"): 0 the first.</summary>
    public PrintedFix Taking(int way)
    {
        _way = way;
        return this;
    }

    /// <summary>The database <c>npx prisma</c> works on (the one the project's URL names).</summary>
    public PrintedFix WithPrisma(TestDatabase database)
    {
        _prismaDatabase = database;
        return this;
    }

    /// <summary>The steps a user reads in the fix, in order.</summary>
    public IReadOnlyList<string> Steps()
    {
        var text = Parenthesis().Replace(Text, "");
        foreach (var (placeholder, value) in _placeholders)
        {
            text = text.Replace(placeholder, value, StringComparison.Ordinal);
        }

        var ways = text.Split("; or ", StringSplitOptions.TrimEntries);
        Assert.That(_way, Is.LessThan(ways.Length), $"{Code}'s fix offers {ways.Length} way(s): {Text}");
        text = ways[_way];
        Assert.That(text, Does.Not.Match("<[a-z_ ]+>"), $"a placeholder of {Code} was left unfilled: {Text}");
        return [.. StepSeparator().Split(text).Select(s => s.Trim().TrimEnd('.', ',')).Where(s => s.Length > 0)];
    }

    /// <summary>Runs every step; fails the test on a step that cannot be run or that fails.</summary>
    public void Follow()
    {
        foreach (var step in Steps())
        {
            var known = _userSteps.Select(u => (u.Do, Match: u.Step.Match(step))).FirstOrDefault(u => u.Match.Success);
            if (known.Match is not null)
            {
                known.Do(known.Match);
                continue;
            }

            var command = CommandStart().Match(step);
            Assert.That(command.Success, Is.True, $"{Code}'s fix has a step that is neither a command nor something a user knows to do: '{step}' in: {Text}");
            var run = RunCommand(ConfirmingCommand().Replace(step[command.Index..], m => m.Value + " --yes"));
            Assert.That(run.ExitCode, Is.Zero, $"{Code}'s fix step '{step}' failed: {run}");
            Output += run.Output;
            All += run.All;
        }
    }

    /// <summary>
    /// Runs a command the fix names in a remark (as <c>npx prisma validate</c> in "(npx prisma validate shows …)") as
    /// printed, with <c>npx prisma</c> on <paramref name="database"/>; returns what it did, pass or fail.
    /// </summary>
    public ProcessResult RunRemark(string pattern, TestDatabase database)
    {
        var remark = Regex.Match(Text, pattern);
        Assert.That(remark.Success, Is.True, $"{Code}'s fix names no '{pattern}': {Text}");
        _prismaDatabase = database;
        return RunCommand(remark.Value);
    }

    /// <summary>What the followed commands printed on standard output.</summary>
    public string Output { get; private set; } = "";

    /// <summary>What the followed commands printed on standard output and standard error (a hook's warnings go there).</summary>
    public string All { get; private set; } = "";

    private ProcessResult RunCommand(string command)
    {
        // Only a command that runs Prisma needs the shared folder's CLI; every other fix runs in a clone with nothing beside it.
        var runsPrisma = command.Contains("npx prisma", StringComparison.Ordinal);
        if (runsPrisma && PrismaOracle.Unavailable() is { } why)
        {
            Assert.Ignore($"The printed fix runs Prisma's CLI ({command}): {why}");
        }

        var shims = Directory.CreateTempSubdirectory("drifthooks-fix-path-").FullName;
        if (runsPrisma)
        {
            var npx = Path.Combine(shims, "npx");
            // Prisma connects where the schema's DATABASE_URL points when the command sets it, as the real CLI does.
            // Prisma's migrate diff --from-migrations replays into the database --shadow-database-url names (which must
            // exist); the oracle's adapter mode refuses that option and replays into ORACLE_DATABASE_URL's, so it goes there.
            File.WriteAllText(npx, $"#!/bin/sh\n[ \"$1\" = prisma ] && shift\n[ -n \"$DATABASE_URL\" ] && export ORACLE_DATABASE_URL=\"$DATABASE_URL\"\n"
                + "shadow=\nfor a; do shift; if [ -n \"$shadow\" ]; then export ORACLE_DATABASE_URL=\"$a\"; shadow=; elif [ \"$a\" = --shadow-database-url ]; then shadow=1; else set -- \"$@\" \"$a\"; fi; done\n"
                + $"exec '{PrismaOracle.Script}' \"$@\"\n");
            File.SetUnixFileMode(npx, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // Prisma 6.19's migrate resolve --rolled-back first asks the native schema engine whether it can connect; the
        // oracle runs the WebAssembly engine and sets the native one to /bin/false, so that question alone fails. It
        // is answered yes: the WebAssembly engine connects right after and fails on its own if it cannot.
        var realNode = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);
        if (realNode is not null)
        {
            var node = Path.Combine(shims, "node");
            File.WriteAllText(node, $"#!/bin/sh\nexport PRISMA_SCHEMA_ENGINE_BINARY=/bin/true\nexec '{realNode}' \"$@\"\n");
            File.SetUnixFileMode(node, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var saved = new Dictionary<string, string?>(_repository.Environment);
        try
        {
            _repository.Environment["PATH"] = $"{NativeBinaries.Directory}:{shims}:{Environment.GetEnvironmentVariable("PATH")}";
            if (_prismaDatabase is not null)
            {
                _repository.Environment["ORACLE_DATABASE_URL"] = _prismaDatabase.PrismaUrl;
                _repository.Environment["ORACLE_SCHEMA"] = Path.Combine(_repository.Root, "prisma", "schema.prisma");
                _repository.Environment["ORACLE_MIGRATIONS"] = Path.Combine(_repository.Root, "prisma", "migrations");
            }

            // The printed npx prisma is the oracle's script, which breaks when two calls overlap.
            return runsPrisma
                ? PrismaOracle.Alone(() => _repository.Run("bash", ["-c", command], timeout: TimeSpan.FromMinutes(10)))
                : _repository.Run("bash", ["-c", command], timeout: TimeSpan.FromMinutes(10));
        }
        finally
        {
            _repository.Environment.Clear();
            foreach (var (key, value) in saved)
            {
                _repository.Environment[key] = value;
            }

            Directory.Delete(shims, true);
        }
    }

    // A command that asks before it writes; in a script its own message says to pass --yes.
    [GeneratedRegex(@"\bdrifthooks (?:restore \S+|sync --reset)(?! --yes)")]
    private static partial Regex ConfirmingCommand();

    // A remark in parentheses; $(…) is the shell's own.
    [GeneratedRegex(@"\s*(?<!\$)\([^()]*\)")]
    private static partial Regex Parenthesis();

    // ", then git …", "…, git …" and "… and git …": a new step starts where a command or a known phrase does.
    [GeneratedRegex(@",\s*then\s+|,\s+(?=(?:git|npx|GIT_\w+=)\s)|\s+and\s+(?=(?:git|npx|GIT_\w+=)\s)|\s+and\s+(?=move\s)")]
    private static partial Regex StepSeparator();

    // A step that starts with a shell variable (t="$(realpath …)" && …) is a command as a whole, not from its first git.
    [GeneratedRegex(@"^(?=(?:echo|for|iconv|export|rm|mv|cp|mkdir)\s|[a-z_]\w*=)|(?:^|\s)(?=(?:[A-Z_]+=\S+\s+)?(?:git|npx|drifthooks)\s)")]
    private static partial Regex CommandStart();
}
