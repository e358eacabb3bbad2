using System.Text.Json;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// Every output format of <c>drifthooks check</c> (text, json, github) goes through the one escaping the terminal output
/// uses: a commit subject, a migration folder name or a branch name carrying ESC, BEL, C1 or bidirectional controls
/// reaches no reader raw, not even after a JSON reader decodes the text.
/// </summary>
public class OutputEscapingTests
{
    private const string Hostile = "\u001b[31m\u0007\u009b\u202e\u2066";

    static bool IsUnsafe(char c) =>
        c < '\u0020' && c != '\n' || c is >= '\u007f' and <= '\u009f' || c is '\u061c' or '\u200e' or '\u200f' or '\u2028' or '\u2029' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';

    static TestRepository RangeWithHostileNames()
    {
        var repo = new TestRepository();
        repo.WritePrismaProject("model User {\n  id Int @id\n}\n");
        repo.CommitAllWithoutHooks("base");
        repo.MustGit("switch", "-q", "-c", "feature\u202eevil");
        var init = "prisma/migrations/20240101000000_init/migration.sql";
        repo.Write(init, repo.Read(init) + "-- tweaked after the fact\n");
        repo.Write($"prisma/migrations/20240102000000_x{Hostile}/migration.sql", "SELECT 1;\n");
        repo.CommitAllWithoutHooks($"Tweak {Hostile} the init migration");
        repo.Environment["GITHUB_HEAD_REF"] = "feature\u202eevil";
        return repo;
    }

    [TestCase("text")]
    [TestCase("json")]
    [TestCase("github")]
    public void No_control_or_bidirectional_character_from_a_subject_folder_or_branch_reaches_the_output(string format)
    {
        using var repo = RangeWithHostileNames();
        var result = repo.Drifthooks("check", "--format", format);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Output.Where(IsUnsafe).Select(c => $"U+{(int)c:X4}"), Is.Empty, result.Output);
        Assert.That(result.Output, Does.Contain("DH102"));
        if (format != "json")
        {
            Assert.That(result.Output, Does.Contain(@"\x1b[31m\x07\x9b\u202e\u2066"), "shown as visible escapes, the same in every format");
        }
        else
        {
            using var json = JsonDocument.Parse(result.Output);
            var decoded = Strings(json.RootElement).ToList();
            Assert.That(decoded.SelectMany(s => s).Where(IsUnsafe).Select(c => $"U+{(int)c:X4}"), Is.Empty, "a JSON reader decodes no raw control either");
            Assert.That(decoded, Has.Some.Contains(@"Tweak \x1b[31m\x07\x9b\u202e\u2066 the init migration"));
        }
    }

    static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
