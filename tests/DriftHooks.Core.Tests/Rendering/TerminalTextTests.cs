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
}
