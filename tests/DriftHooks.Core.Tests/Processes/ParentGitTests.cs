using System.Text;
using DriftHooks.Core.PreCommit;
using DriftHooks.Core.Processes;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Processes;

/// <summary>
/// Finding the <c>git commit</c> that runs a hook, on every OS: the walk over a process table, and each OS's raw
/// inputs (Linux's /proc files, macOS's proc_bsdinfo and KERN_PROCARGS2 bytes, Windows's UNICODE_STRING and command
/// line). Linux's table is also read for real; macOS's and Windows's run for real in the release workflow's jobs.
/// </summary>
public class ParentGitTests
{
    /// <summary>A process table given as data: pid → (parent, argv).</summary>
    private sealed class Table(Dictionary<int, (int Parent, string[] Arguments)> processes) : IProcessTable
    {
        public int? ParentOf(int pid) => processes.TryGetValue(pid, out var p) ? p.Parent : null;

        public IReadOnlyList<string>? CommandLineOf(int pid) => processes.TryGetValue(pid, out var p) ? p.Arguments : null;
    }

    [Test]
    public void Git_is_found_directly_or_behind_up_to_two_shells_and_nothing_else()
    {
        string[] git = ["/usr/lib/git-core/git", "commit", "--amend"];
        Assert.Multiple(() =>
        {
            Assert.That(ParentGit.Find(new Table(new() { [10] = (5, ["hook"]), [5] = (1, git) }), 10), Is.EqualTo(git), "git runs the hook");
            Assert.That(ParentGit.Find(new Table(new() { [10] = (7, ["hook"]), [7] = (6, ["sh", ".husky/pre-commit"]), [6] = (5, ["/bin/bash", "h"]), [5] = (1, git) }), 10), Is.EqualTo(git), "behind husky's shells");
            Assert.That(ParentGit.Find(new Table(new() { [10] = (7, ["hook"]), [7] = (5, ["hyperfine", "git commit"]), [5] = (1, git) }), 10), Is.Null, "a benchmark between them ends the search");
            Assert.That(ParentGit.Find(new Table(new() { [10] = (7, ["hook"]), [7] = (6, ["sh"]), [6] = (5, ["sh"]), [5] = (4, ["sh"]), [4] = (1, git) }), 10), Is.Null, "three processes up at most");
            Assert.That(ParentGit.Find(new Table(new() { [10] = (5, ["hook"]) }), 10), Is.Null, "the parent is gone");
        });
    }

    [Test]
    public void Git_for_Windows_is_found_behind_its_sh_by_Windows_paths_and_exe_names()
    {
        string[] git = [@"C:\Program Files\Git\mingw64\bin\git.exe", "commit", "--amend"];
        var table = new Table(new() { [4100] = (3900, [@"C:\repo\.git\drifthooks\bin\drifthooks.exe", "hook", "pre-commit"]), [3900] = (3800, [@"C:\Program Files\Git\usr\bin\sh.exe", ".git/hooks/pre-commit"]), [3800] = (3000, git) });
        Assert.That(ParentGit.Find(table, 4100), Is.EqualTo(git));
        Assert.That(CommitCommandLine.IsAmend(git), Is.True);
    }

    [TestCase("git", "git")]
    [TestCase("/usr/bin/git", "git")]
    [TestCase(@"C:\Program Files\Git\cmd\git.exe", "git")]
    [TestCase("C:/Program Files/Git/usr/bin/bash.EXE", "bash")]
    [TestCase("git.exe.old", "git.exe.old")]
    [TestCase("", "")]
    public void A_program_s_name_is_read_from_argv0_on_any_OS(string argument0, string name) =>
        Assert.That(ParentGit.ProgramName(argument0), Is.EqualTo(name));

    [TestCase("4242 (git) S 4100 4242 4100 0 -1 4194560", 4100)]
    [TestCase("4242 (my ) (odd) name) R 17 1 1 0", 17, TestName = "A name with spaces and parentheses")]
    [TestCase("4242 (git", null, TestName = "Cut short")]
    [TestCase("4242 (git) S", null, TestName = "No parent field")]
    public void Linux_reads_the_parent_after_the_last_parenthesis_of_proc_stat(string stat, int? parent) =>
        Assert.That(LinuxProcessTable.ParentFromStat(stat), Is.EqualTo(parent));

    [Test]
    public void Linux_splits_proc_cmdline_at_NULs_and_reads_this_process_for_real()
    {
        Assert.That(LinuxProcessTable.SplitCmdline("git\0commit\0-m\0a b\0"u8.ToArray()), Is.EqualTo(new[] { "git", "commit", "-m", "a b" }));
        Assert.That(LinuxProcessTable.SplitCmdline([]), Is.Null, "a zombie or kernel thread has none");
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var table = new LinuxProcessTable();
        Assert.That(table.ParentOf(Environment.ProcessId), Is.EqualTo(ParentFromStatus(Environment.ProcessId)));
        Assert.That(table.CommandLineOf(Environment.ProcessId)![0], Does.Contain("dotnet").Or.Contain("testhost"));
        Assert.That(table.CommandLineOf(int.MaxValue), Is.Null, "no such process");
    }

    [Test]
    public void MacOS_reads_the_parent_from_proc_bsdinfo()
    {
        var info = new byte[136];
        BitConverter.TryWriteBytes(info.AsSpan(12), 4242u); // pbi_pid
        BitConverter.TryWriteBytes(info.AsSpan(16), 4100u); // pbi_ppid
        Assert.That(MacProcessTable.ParentFromBsdInfo(info), Is.EqualTo(4100));
        Assert.That(MacProcessTable.ParentFromBsdInfo(info.AsSpan(0, 12)), Is.Null);
    }

    [Test]
    public void MacOS_reads_argv_from_KERN_PROCARGS2_bytes_past_the_executable_path_and_its_padding()
    {
        var bytes = ProcArgs2(3, "/Library/Developer/CommandLineTools/usr/bin/git\0\0\0\0\0\0\0git\0commit\0--amend\0PATH=/usr/bin\0HOME=/Users/a\0");
        var arguments = MacProcessTable.SplitProcArgs2(bytes);
        Assert.That(arguments, Is.EqualTo(new[] { "git", "commit", "--amend" }), "the environment after argv is not read");
        Assert.That(CommitCommandLine.IsAmend(arguments!), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(MacProcessTable.SplitProcArgs2(ProcArgs2(1, "/usr/bin/git\0git\0")), Is.EqualTo(new[] { "git" }), "no padding");
            Assert.That(MacProcessTable.SplitProcArgs2(ProcArgs2(4, "/usr/bin/git\0git\0commit\0")), Is.Null, "fewer arguments than argc");
            Assert.That(MacProcessTable.SplitProcArgs2(ProcArgs2(0, "/usr/bin/git\0")), Is.Null, "no arguments");
            Assert.That(MacProcessTable.SplitProcArgs2(ProcArgs2(1, "/usr/bin/git")), Is.Null, "no end to the path");
            Assert.That(MacProcessTable.SplitProcArgs2([1, 0]), Is.Null, "shorter than argc");
        });
    }

    [Test]
    public void Windows_reads_the_command_line_from_a_UNICODE_STRING_pointing_into_the_same_buffer()
    {
        const string commandLine = "\"C:\\Program Files\\Git\\mingw64\\bin\\git.exe\" commit --amend";
        var text = Encoding.Unicode.GetBytes(commandLine);
        var header = 2 * nint.Size;
        var buffer = new byte[header + text.Length];
        nint start = 0x1234_0000;
        BitConverter.TryWriteBytes(buffer.AsSpan(0), (ushort)text.Length);
        BitConverter.TryWriteBytes(buffer.AsSpan(2), (ushort)text.Length);
        System.Runtime.InteropServices.MemoryMarshal.Write(buffer.AsSpan(nint.Size), start + header);
        text.CopyTo(buffer, header);
        Assert.That(WindowsProcessTable.CommandLineFromUnicodeString(buffer, start), Is.EqualTo(commandLine));
        Assert.That(WindowsProcessTable.CommandLineFromUnicodeString(buffer, start + 64), Is.Null, "a pointer outside the buffer");
        Assert.That(WindowsProcessTable.CommandLineFromUnicodeString(buffer.AsSpan(0, header + 4), start), Is.Null, "a length past its end");
    }

    // Microsoft's documented examples of how the C runtime splits a command line (after the program's name), and git's.
    [TestCase("p \"a b c\" d e", new[] { "a b c", "d", "e" })]
    [TestCase("p \"ab\\\"c\" \"\\\\\" d", new[] { "ab\"c", "\\", "d" })]
    [TestCase("p a\\\\\\b d\"e f\"g h", new[] { "a\\\\\\b", "de fg", "h" })]
    [TestCase("p a\\\\\\\"b c d", new[] { "a\\\"b", "c", "d" })]
    [TestCase("p a\\\\\\\\\"b c\" d e", new[] { "a\\\\b c", "d", "e" })]
    [TestCase("p a\"b\"\" c d", new[] { "ab\" c d" })]
    [TestCase("p \"\" x\t y ", new[] { "", "x", "y" }, TestName = "An empty argument, tabs, a trailing space")]
    [TestCase("p", new string[0])]
    public void Windows_splits_a_command_line_as_the_C_runtime_does(string commandLine, string[] arguments) =>
        Assert.That(WindowsProcessTable.SplitCommandLine(commandLine).Skip(1), Is.EqualTo(arguments));

    [Test]
    public void Windows_takes_a_quoted_program_path_literally()
    {
        var arguments = WindowsProcessTable.SplitCommandLine("\"C:\\Program Files\\Git\\mingw64\\bin\\git.exe\" commit --am -m \"fix: a \\\"b\\\"\"");
        Assert.That(arguments, Is.EqualTo(new[] { @"C:\Program Files\Git\mingw64\bin\git.exe", "commit", "--am", "-m", "fix: a \"b\"" }));
        Assert.That(CommitCommandLine.IsAmend(arguments), Is.True);
    }

    private static byte[] ProcArgs2(int argc, string rest) => [.. BitConverter.GetBytes(argc), .. Encoding.UTF8.GetBytes(rest)];

    private static int ParentFromStatus(int pid) =>
        int.Parse(File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("PPid:", StringComparison.Ordinal))["PPid:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
