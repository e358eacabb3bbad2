using System.Diagnostics;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// Files a clone can hold where DriftHooks writes or reads (a committed link out of the repository, a FIFO, a link to a
/// device), through the native executable: never written through, never read without bound, never a hang; each refusal
/// names the file and why.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class FileSafetyTests
{
    private const string Models = "model User {\n  id Int @id\n}\n";
    private static readonly byte[] Outside = [0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 1, 2, 3, 0xFF];

    [Test]
    public void Install_and_uninstall_leave_a_committed_husky_script_that_links_outside_the_repository_alone()
    {
        using var repo = new TestRepository();
        var outside = OutsideFile();
        repo.WritePrismaProject(Models);
        // husky 4-8: core.hooksPath is .husky, whose committed scripts DriftHooks appends its block to.
        repo.Write(".husky/_/husky.sh", "# husky\n");
        repo.Write(".husky/pre-commit", "#!/bin/sh\necho team\n");
        File.CreateSymbolicLink(Path.Combine(repo.Root, ".husky/pre-push"), outside);
        repo.CommitAllWithoutHooks();
        repo.MustGit("config", "core.hooksPath", ".husky");

        var install = repo.Install();
        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(install.Output, Does.Contain(".husky/pre-push was left alone").And.Contain("symbolic link"), install.ToString());
        Assert.That(File.ReadAllBytes(outside), Is.EqualTo(Outside), "the file the link points to is untouched");
        Assert.That(new FileInfo(Path.Combine(repo.Root, ".husky/pre-push")).LinkTarget, Is.EqualTo(outside), "the link itself is kept");
        Assert.That(repo.Read(".husky/pre-commit"), Does.Contain("\"$drifthooks\" hook pre-commit"), "the regular script is installed");

        var uninstall = repo.Drifthooks("uninstall");
        Assert.That(uninstall.ExitCode, Is.Zero, uninstall.ToString());
        Assert.That(uninstall.Output, Does.Contain(".husky/pre-push was left alone"));
        Assert.That(File.ReadAllBytes(outside), Is.EqualTo(Outside));
        Assert.That(repo.Read(".husky/pre-commit"), Is.EqualTo("#!/bin/sh\necho team\n"));
    }

    [Test]
    public void Install_writes_nothing_through_a_husky_folder_committed_as_a_link_outside_the_repository()
    {
        using var repo = new TestRepository();
        var outsideFolder = Directory.CreateTempSubdirectory("drifthooks-outside-").FullName;
        File.WriteAllText(Path.Combine(outsideFolder, "pre-commit"), "#!/bin/sh\necho elsewhere\n");
        Directory.CreateDirectory(Path.Combine(outsideFolder, "_"));
        File.WriteAllText(Path.Combine(outsideFolder, "_", "husky.sh"), "# husky\n");
        repo.WritePrismaProject(Models);
        Directory.CreateSymbolicLink(Path.Combine(repo.Root, ".husky"), outsideFolder);
        repo.CommitAllWithoutHooks();
        repo.MustGit("config", "core.hooksPath", ".husky");

        var install = repo.Install();
        Assert.That(install.Output, Does.Contain("is a symbolic link"), install.ToString());
        Assert.That(File.ReadAllText(Path.Combine(outsideFolder, "pre-commit")), Is.EqualTo("#!/bin/sh\necho elsewhere\n"));
        Assert.That(Directory.GetFiles(outsideFolder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "pre-commit" }), "nothing created there");
    }

    private static string OutsideFile()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("drifthooks-outside-").FullName, "tool.bin");
        File.WriteAllBytes(path, Outside);
        return path;
    }

    internal static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        Assert.That(mkfifo.WaitForExit(TimeSpan.FromSeconds(10)) && mkfifo.ExitCode == 0, Is.True, "mkfifo");
    }
}
