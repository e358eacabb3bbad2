using DriftHooks.Core.Rendering;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rendering;

/// <summary>Colour and symbols, decided in one place for every command and hook.</summary>
public class TerminalStyleTests
{
    static TerminalStyle Style(bool outputRedirected, bool errorRedirected, params (string Name, string Value)[] variables) =>
        TerminalStyle.From(variables.ToDictionary(v => v.Name, v => (string?)v.Value), outputRedirected, errorRedirected);

    [Test]
    public void Colour_only_on_a_terminal_and_per_stream()
    {
        Assert.That(Style(false, false), Is.EqualTo(new TerminalStyle(true, true, false)));
        Assert.That(Style(true, false), Is.EqualTo(new TerminalStyle(false, true, false)), "stdout piped: the hooks' stderr keeps colour");
        Assert.That(Style(false, true), Is.EqualTo(new TerminalStyle(true, false, false)));
    }

    [TestCase("NO_COLOR", "1")]
    [TestCase("TERM", "dumb")]
    public void NO_COLOR_and_a_dumb_terminal_mean_plain_everywhere(string name, string value)
    {
        Assert.That(Style(false, false, (name, value), ("LANG", "en_US.UTF-8")), Is.EqualTo(TerminalStyle.Plain));
    }

    [TestCase("LANG", "en_US.UTF-8", true)]
    [TestCase("LC_CTYPE", "C.utf8", true)]
    [TestCase("LANG", "C", false)]
    public void Symbols_only_in_a_UTF_8_locale(string name, string value, bool unicode)
    {
        Assert.That(Style(true, true, (name, value)).Unicode, Is.EqualTo(unicode));
        Assert.That(Style(true, true, ("LC_ALL", "C"), ("LANG", "en_US.UTF-8")).Unicode, Is.False, "LC_ALL wins");
    }
}
