using System.Reflection;
using System.Text.RegularExpressions;
using DriftHooks.Core.Codes;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests;

// docs/codes.md is rendered from CodeReference, and CodeReference is held to the codes the code can emit: every DHnnn
// constant Core declares and every "DHnnn" literal in src/. A code added without its entry, or an entry left for a
// code that is gone, fails here; so does a page edited by hand or not regenerated.
public partial class CodeReferenceTests
{
    [Test]
    public void Every_code_the_code_can_emit_has_exactly_one_entry_and_no_entry_is_left_over()
    {
        var emitted = DeclaredCodes().Concat(LiteralCodes()).ToHashSet(StringComparer.Ordinal);
        var listed = CodeReference.All.Select(entry => entry.Code).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(emitted, Has.Count.GreaterThan(80), "the codes were found (constants of RuleCodes, PushRuleCodes, SchemaDriftCodes, CompanionRuleCodes…)");
            Assert.That(listed, Is.Unique, "one entry per code");
            Assert.That(emitted.Except(listed).Order(), Is.Empty, "codes the code can emit and CodeReference does not explain");
            Assert.That(listed.Except(emitted).Order(), Is.Empty, "entries for codes nothing emits");
            Assert.That(listed, Is.Ordered.Using<string>(StringComparer.Ordinal), "in code order, as the page lists them");
            Assert.That(CodeReference.All.Where(entry => entry.Meaning.Length < 10 || entry.Fix.Length < 10 || entry.ReportedBy.Length == 0).Select(entry => entry.Code), Is.Empty, "each has a meaning, a fix and where it is reported");
        });
    }

    [Test]
    public void The_committed_page_is_the_rendered_reference()
    {
        var page = Path.Combine(TestData.Repository, "docs", "codes.md");
        var rendered = CodeReference.Markdown();
        if (Environment.GetEnvironmentVariable("DRIFTHOOKS_WRITE_DOCS") == "1")
        {
            File.WriteAllText(page, rendered);
        }

        Assert.That(File.Exists(page) ? File.ReadAllText(page) : "(missing)", Is.EqualTo(rendered),
            "docs/codes.md is generated: DRIFTHOOKS_WRITE_DOCS=1 dotnet test tests/DriftHooks.Core.Tests -c Release --filter FullyQualifiedName~CodeReferenceTests");
        foreach (var entry in CodeReference.All)
        {
            StringAssert.Contains("| " + entry.Code + " |", rendered);
        }
    }

    // Every const string field of Core whose value is a finding code.
    static IEnumerable<string> DeclaredCodes() =>
        typeof(Finding).Assembly.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Where(value => CodePattern().IsMatch(value));

    // "DHnnn" written as a literal anywhere in the sources (the executable's too), outside the reference itself.
    static IEnumerable<string> LiteralCodes() =>
        Directory.EnumerateFiles(Path.Combine(TestData.Repository, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != "CodeReference.cs")
            .SelectMany(path => LiteralPattern().Matches(File.ReadAllText(path)).Select(match => match.Groups[1].Value));

    [GeneratedRegex("^DH[0-9]{3}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("\"(DH[0-9]{3})\"")]
    private static partial Regex LiteralPattern();
}
