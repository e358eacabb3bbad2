using System.Text;
using DriftHooks.Core.Rendering;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rendering;

public class ConsoleEncodingTests
{
    const string Marks = "✓ ✗ … — “DH101”";

    static ConsoleEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [TestCase(437)]
    [TestCase(850)]
    [TestCase(1252)]
    public void On_Windows_a_console_code_page_gives_way_to_UTF8_without_a_byte_order_mark(int codePage)
    {
        var current = Encoding.GetEncoding(codePage);
        Assert.That(current.GetString(current.GetBytes(Marks)), Is.Not.EqualTo(Marks), "the code page cannot show the marks: the reason for the choice");

        var chosen = ConsoleEncoding.Choose(isWindows: true, current);

        Assert.That(chosen, Is.Not.Null);
        Assert.That(chosen!.GetString(chosen.GetBytes(Marks)), Is.EqualTo(Marks));
        Assert.That(chosen.GetPreamble(), Is.Empty);
    }

    [Test]
    public void UTF8_already_and_other_systems_are_left_alone()
    {
        Assert.That(ConsoleEncoding.Choose(isWindows: true, new UTF8Encoding(false)), Is.Null);
        Assert.That(ConsoleEncoding.Choose(isWindows: false, Encoding.GetEncoding(1252)), Is.Null);
        Assert.That(ConsoleEncoding.Choose(isWindows: false, Encoding.UTF8), Is.Null);
    }
}
