using DriftHooks.Core.Installation;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Installation;

/// <summary>
/// Which files in a hooks folder are DriftHooks itself (never chained): scripts, links and executables of any build,
/// told apart from a team's own hooks and from other tools' executables.
/// </summary>
public class OwnHookTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("drifthooks-ownhook-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void A_DriftHooks_hook_script_is_ours_and_a_team_script_that_calls_drifthooks_is_not()
    {
        var ours = Write("pre-commit", HookScript.Text("pre-commit", "/repo/.git/drifthooks/bin/drifthooks", windows: false));
        var team = Write("team", "#!/bin/sh\nnpx lint-staged\n/repo/.git/drifthooks/bin/drifthooks hook pre-commit\n");
        Assert.That(OwnHook.Is(ours), Is.True);
        Assert.That(OwnHook.Is(team), Is.False, "a team's script is the team's, even when it calls DriftHooks (the hook's re-entry guard stops that one)");
    }

    [TestCase("pre-commit")]
    [TestCase("drifthooks")]
    [Platform(Exclude = "Win", Reason = "symbolic links need Developer Mode on Windows")]
    public void A_link_into_any_drifthooks_bin_folder_is_ours_even_when_it_dangles(string name)
    {
        var link = Path.Combine(_folder, "hook");
        File.CreateSymbolicLink(link, $"/elsewhere/clone/.git/drifthooks/bin/{name}");
        Assert.That(OwnHook.Is(link), Is.True);

        var other = Path.Combine(_folder, "other");
        File.CreateSymbolicLink(other, "/usr/local/bin/lefthook");
        Assert.That(OwnHook.Is(other), Is.False);
    }

    [Test]
    public void An_executable_is_ours_when_it_carries_DriftHooks_s_code_whatever_its_name()
    {
        // ELF, Mach-O and PE images as far as the check reads them: the magic number, then the assembly name somewhere inside.
        var elf = WriteBytes("pre-commit.old", [0x7F, (byte)'E', (byte)'L', (byte)'F', .. new byte[5000], .. "DriftHooks.Core"u8, 0]);
        var macho = WriteBytes("a", [0xCF, 0xFA, 0xED, 0xFE, .. "\0\0DriftHooks.Core.dll"u8]);
        var pe = WriteBytes("b.exe", [(byte)'M', (byte)'Z', .. "DriftHooks.Core"u8]);
        var lefthook = WriteBytes("lefthook", [0x7F, (byte)'E', (byte)'L', (byte)'F', .. "lefthook runs DriftHooks"u8]);
        var text = Write("notes", "DriftHooks.Core is the core library\n");

        Assert.Multiple(() =>
        {
            Assert.That(OwnHook.Is(elf), Is.True, "ELF");
            Assert.That(OwnHook.Is(macho), Is.True, "Mach-O");
            Assert.That(OwnHook.Is(pe), Is.True, "PE");
            Assert.That(OwnHook.Is(lefthook), Is.False, "another tool's executable");
            Assert.That(OwnHook.Is(text), Is.False, "a text file naming the library is no executable");
            Assert.That(OwnHook.Is(Path.Combine(_folder, "missing")), Is.False, "a missing file");
        });
    }

    [Test]
    public void The_executable_magic_numbers_of_every_platform_are_known()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OwnHook.IsNativeExecutable([0x7F, 0x45, 0x4C, 0x46]), Is.True, "ELF");
            Assert.That(OwnHook.IsNativeExecutable("MZ\x90\0"u8), Is.True, "PE");
            Assert.That(OwnHook.IsNativeExecutable([0xCF, 0xFA, 0xED, 0xFE]), Is.True, "Mach-O 64-bit");
            Assert.That(OwnHook.IsNativeExecutable([0xCA, 0xFE, 0xBA, 0xBE]), Is.True, "Mach-O universal");
            Assert.That(OwnHook.IsNativeExecutable("#!/b"u8), Is.False, "a script");
            Assert.That(OwnHook.IsNativeExecutable([0x7F, 0x45]), Is.False, "too short to tell");
        });
    }

    private string Write(string name, string text) => WriteBytes(name, System.Text.Encoding.UTF8.GetBytes(text));

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
