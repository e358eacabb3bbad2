using System.Text;
using System.Text.Json;
using DriftHooks.Core.Doctor;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Rendering;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rendering;

public class TerminalTextTests
{
    [TestCase("20240101000000_init", "20240101000000_init")]
    [TestCase("x\u001b[2J\u001b]0;title\u0007", "x\\x1b[2J\\x1b]0;title\\x07")]
    [TestCase("a\r\nDriftHooks pre-commit: passed", "a\\r\\nDriftHooks pre-commit: passed")]
    [TestCase("tab\there", "tab\\there")]
    [TestCase("c1\u009b31m del\u007f", "c1\\x9b31m del\\x7f")]
    [TestCase("admin\u202egnp.exe \u2066x\u2069", "admin\\u202egnp.exe \\u2066x\\u2069")]
    [TestCase("line\u2028sep", "line\\u2028sep")]
    [TestCase("ünïcödé ✓ 名前", "ünïcödé ✓ 名前")]
    public void Control_and_bidi_characters_are_shown_as_escapes_and_the_rest_is_kept(string text, string shown) =>
        Assert.That(TerminalText.Safe(text), Is.EqualTo(shown));

    [Test]
    public void A_finding_naming_a_hostile_folder_prints_as_one_paragraph_without_escape_bytes()
    {
        var name = "20240101000000_x\n\u001b[32mDriftHooks pre-commit: passed\u001b[0m";
        var text = TextRenderer.Render([Finding.Error("DH102", $"migration {name} edited", $"prisma/migrations/{name}/migration.sql", $"git restore prisma/migrations/{name}")], color: true);
        Assert.That(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3));
        Assert.That(text.Count(c => c == '\u001b'), Is.EqualTo(4), "only the renderer's own two colour pairs");
        Assert.That(text, Does.Contain("\\x1b[32mDriftHooks pre-commit: passed"));
    }

    const string Hostile = "x\u001b[31m\u0007\u009b\u202e\u2066\u2028y";

    static bool IsUnsafe(char c) => TerminalText.Safe(c.ToString()) != c.ToString() && c != '\n';

    [Test]
    public void Every_format_escapes_what_it_did_not_write_as_the_terminal_does()
    {
        var finding = Finding.Error("DH102", $"migration {Hostile} edited", $"prisma/migrations/{Hostile}", $"git restore {Hostile}");
        var github = GitHubAnnotations.Render(finding, $"commit abc1234 \"{Hostile}\"");
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, FindingJson.Options))
        {
            writer.WriteStartObject();
            FindingJson.WriteProperties(writer, finding);
            writer.WriteEndObject();
        }

        var json = Encoding.UTF8.GetString(buffer.ToArray());
        var checklist = ChecklistRenderer.Json([new DoctorItem("backup", "backup", DoctorStatus.Fail, Hostile, Hostile)]);
        foreach (var output in new[] { github, json, checklist, TextRenderer.Render([finding], color: false), ChecklistRenderer.Text([new DoctorItem("b", "b", DoctorStatus.Fail, Hostile, Hostile)], unicode: true, color: false) })
        {
            Assert.That(output.Where(IsUnsafe), Is.Empty, output);
        }

        Assert.That(github, Does.Contain("title=DH102 in commit abc1234 \"x\\x1b[31m\\x07\\x9b\\u202e\\u2066\\u2028y\"::"));
        using var decoded = JsonDocument.Parse(json);
        Assert.That(decoded.RootElement.GetProperty("message").GetString(), Is.EqualTo("migration " + TerminalText.Safe(Hostile) + " edited"), "a JSON reader gets the visible escapes, not the raw characters");
        using var decodedChecklist = JsonDocument.Parse(checklist);
        Assert.That(decodedChecklist.RootElement.GetProperty("items")[0].GetProperty("detail").GetString(), Is.EqualTo(TerminalText.Safe(Hostile)));
    }
}
