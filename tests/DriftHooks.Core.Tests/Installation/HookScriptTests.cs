using System.Diagnostics;
using System.Runtime.Versioning;
using DriftHooks.Core.Installation;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Installation;

/// <summary>
/// The installed hook script, the names the one executable answers to, and the files install copies: the text is run
/// by a real sh here; the Windows and macOS forms (paths, <c>.exe</c>, <c>.dll</c>, <c>.dylib</c>) are checked as
/// text, and for real by the release workflow on those runners.
/// </summary>
public class HookScriptTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("drifthooks hook 'script' $x-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [TestCase("pre-commit")]
    [TestCase("pre-merge-commit")]
    [TestCase("pre-push")]
    [Platform(Exclude = "Win", Reason = "runs the script with /bin/sh and a shell stand-in for the executable")]
    [UnsupportedOSPlatform("windows")]
    public void The_script_execs_the_executable_with_the_hook_name_and_git_s_arguments_whatever_the_path_holds(string hook)
    {
        // A stand-in executable that prints what it was given, in a folder whose name has a space, quotes and a $.
        var executable = Path.Combine(_folder, "drift hooks");
        File.WriteAllText(executable, "#!/bin/sh\nprintf '%s|' \"$@\"\nprintf 'stdin:%s' \"$(cat)\"\n");
        File.SetUnixFileMode(executable, (UnixFileMode)0b111_101_101);
        var script = Path.Combine(_folder, hook);
        File.WriteAllText(script, HookScript.Text(hook, executable, windows: false));
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);

        var start = new ProcessStartInfo(script, ["origin", "git@example.com:team/app.git"]) { RedirectStandardOutput = true, RedirectStandardInput = true };
        using var process = Process.Start(start)!;
        process.StandardInput.Write("refs/heads/main abc refs/heads/main def\n");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.That(output, Is.EqualTo($"hook|{hook}|origin|git@example.com:team/app.git|stdin:refs/heads/main abc refs/heads/main def"));
        Assert.That(HookScript.IsOurs(script), Is.True);
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "runs the script with /bin/sh and a shell stand-in for the executable")]
    [UnsupportedOSPlatform("windows")]
    public void A_relative_executable_is_found_from_the_script_s_own_path_after_the_clone_moves()
    {
        // As git lays it out: hooks in .git/hooks, the executable in .git/drifthooks/bin, git running the hook by a
        // path relative to the work tree's top (or an absolute one), from the work tree's top.
        var clone = Path.Combine(_folder, "app");
        var hooks = Path.Combine(clone, ".git", "hooks");
        var bin = Path.Combine(clone, ".git", "drifthooks", "bin");
        Directory.CreateDirectory(hooks);
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "drift hooks"), "#!/bin/sh\nprintf '%s|' \"$@\"\n");
        File.SetUnixFileMode(Path.Combine(bin, "drift hooks"), (UnixFileMode)0b111_101_101);
        var text = HookScript.Text("pre-commit", Path.GetRelativePath(hooks, Path.Combine(bin, "drift hooks")), windows: false);
        Assert.That(text, Does.Contain("exec \"${0%/*}\"/'../drifthooks/bin/drift hooks' hook pre-commit \"$@\"\n"));
        File.WriteAllText(Path.Combine(hooks, "pre-commit"), text);
        File.SetUnixFileMode(Path.Combine(hooks, "pre-commit"), (UnixFileMode)0b111_101_101);

        var moved = Path.Combine(_folder, "moved 'elsewhere'", "app");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Assert.Multiple(() =>
        {
            Assert.That(Run(clone, ".git/hooks/pre-commit"), Is.EqualTo("hook|pre-commit|x|"));
            Directory.Move(clone, moved);
            Assert.That(Run(moved, ".git/hooks/pre-commit"), Is.EqualTo("hook|pre-commit|x|"), "run by a relative path");
            Assert.That(Run(_folder, Path.Combine(moved, ".git", "hooks", "pre-commit")), Is.EqualTo("hook|pre-commit|x|"), "run by an absolute path from elsewhere");
        });
    }

    private static string Run(string directory, string script)
    {
        // As git runs a hook through sh (Git for Windows always does): $0 is the path it was given.
        var start = new ProcessStartInfo("/bin/sh", [script, "x"]) { RedirectStandardOutput = true, WorkingDirectory = directory };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    [Test]
    public void On_Windows_a_relative_path_is_written_with_slashes_after_the_script_s_folder() =>
        Assert.That(HookScript.Text("pre-push", @"..\drifthooks\bin\drifthooks.exe", windows: true),
            Does.Contain("exec \"${0%/*}\"/'../drifthooks/bin/drifthooks.exe' hook pre-push \"$@\"\n"));

    [Test]
    public void On_Windows_the_path_is_written_with_slashes_for_git_s_sh()
    {
        var text = HookScript.Text("pre-commit", @"C:\Users\Ann O'Neil\app\.git\drifthooks\bin\drifthooks.exe", windows: true);
        Assert.That(text, Does.StartWith("#!/bin/sh\n"));
        Assert.That(text, Does.Contain("exec 'C:/Users/Ann O'\\''Neil/app/.git/drifthooks/bin/drifthooks.exe' hook pre-commit \"$@\"\n"));
        Assert.That(text, Does.Not.Contain("\r"), "sh reads LF lines on every OS");
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "symbolic links need Developer Mode there")]
    public void Only_DriftHooks_s_own_scripts_are_recognised()
    {
        var team = Path.Combine(_folder, "team");
        File.WriteAllText(team, "#!/bin/sh\nnpx lint-staged\n");
        var ours = Path.Combine(_folder, "ours");
        File.WriteAllText(ours, HookScript.Text("pre-push", "/repo/.git/drifthooks/bin/drifthooks", windows: false));
        var link = Path.Combine(_folder, "link");
        File.CreateSymbolicLink(link, ours);

        Assert.That(HookScript.IsOurs(ours), Is.True);
        Assert.That(HookScript.IsOurs(team), Is.False);
        Assert.That(HookScript.IsOurs(Path.Combine(_folder, "missing")), Is.False);
        Assert.That(HookScript.IsOurs(link), Is.False, "a link someone made is theirs, even to our script");
    }

    [TestCase("/usr/lib/node_modules/@drifthooks/linux-x64/bin/pre-commit", new string[0], "pre-commit", new string[0])]
    [TestCase("pre-merge-commit", new string[0], "pre-merge-commit", new string[0])]
    [TestCase("/repo/artifacts/native/pre-push", new[] { "origin", "url" }, "pre-push", new[] { "origin", "url" })]
    [TestCase(@"C:\tools\pre-commit.exe", new string[0], "pre-commit", new string[0])]
    [TestCase("/repo/.git/drifthooks/bin/drifthooks", new[] { "hook", "pre-push", "origin", "url" }, "pre-push", new[] { "origin", "url" })]
    [TestCase(@"C:\repo\.git\drifthooks\bin\drifthooks.exe", new[] { "hook", "pre-merge-commit" }, "pre-merge-commit", new string[0])]
    public void The_executable_runs_the_hook_named_by_its_file_name_or_the_hook_verb(string program, string[] arguments, string hook, string[] passed)
    {
        var invocation = HookInvocation.Parse(program, arguments);
        Assert.That(invocation, Is.Not.Null);
        Assert.That(invocation!.Hook, Is.EqualTo(hook));
        Assert.That(invocation.Arguments, Is.EqualTo(passed));
    }

    [TestCase("/usr/bin/drifthooks", new[] { "install" })]
    [TestCase("drifthooks.exe", new[] { "doctor" })]
    [TestCase("/usr/bin/drifthooks", new[] { "hook", "post-commit" })]
    [TestCase("/usr/bin/drifthooks", new[] { "hook" })]
    [TestCase("/repo/.git/hooks/pre-commit.drifthooks-chained", new string[0])]
    public void Anything_else_is_the_drifthooks_command(string program, string[] arguments) =>
        Assert.That(HookInvocation.Parse(program, arguments), Is.Null);

    [TestCase("libgit2-3f4182d.so", true)]
    [TestCase("libgit2-3f4182d.dylib", true)]
    [TestCase("git2-3f4182d.dll", true)]
    [TestCase("git2-3f4182d.DLL", true)]
    [TestCase("drifthooks", false)]
    [TestCase("drifthooks.pdb", false)]
    [TestCase("libgit2-3f4182d.so.dbg", false)]
    [TestCase("libssl.so", false)]
    public void Install_copies_libgit2_in_each_platform_s_form(string file, bool copied) =>
        Assert.That(HookInstaller.IsNativeLibrary(file), Is.EqualTo(copied));

    [Test]
    public void The_executable_is_named_with_exe_on_Windows_only()
    {
        Assert.That(HookInstaller.ExecutableName(windows: true), Is.EqualTo("drifthooks.exe"));
        Assert.That(HookInstaller.ExecutableName(windows: false), Is.EqualTo("drifthooks"));
    }
}
