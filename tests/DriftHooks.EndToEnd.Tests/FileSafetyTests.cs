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

    /// <summary>Item 8: only a regular file is an audit log; an override that nothing keeps is refused, by name, not "recorded".</summary>
    [TestCase("fifo")]
    [TestCase("/dev/null")]
    public void An_override_whose_audit_log_is_a_fifo_or_a_link_to_dev_null_is_refused_and_says_why(string inPlace)
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        var head = repo.MustGit("rev-parse", "HEAD");
        var log = Path.Combine(repo.GitDir, "drifthooks", "audit.log");
        if (inPlace == "fifo")
        {
            MakeFifo(log);
        }
        else
        {
            File.CreateSymbolicLink(log, inPlace);
        }

        repo.Write("prisma/migrations/20240101000000_init/migration.sql", "-- edited\n");
        repo.Environment["DRIFTHOOKS_OVERRIDE"] = "hotfix OPS-7 approved by lead";
        var clock = Stopwatch.StartNew();
        var result = repo.Run("git", ["commit", "-a", "-m", "edit"], timeout: TimeSpan.FromSeconds(60));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "no wait for a FIFO's reader");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("the override was NOT applied").And.Contain(log)
            .And.Contain(inPlace == "fifo" ? "FIFO" : "symbolic link").And.Contain("only a regular file is an audit log"), result.ToString());
        Assert.That(result.Error, Does.Not.Contain("OVERRIDDEN").And.Not.Contain("defect").And.Not.Contain("recorded in"));
        Assert.That(repo.MustGit("rev-parse", "HEAD"), Is.EqualTo(head), "nothing was committed");
    }

    /// <summary>Item 9: a FIFO or a link to a device where DriftHooks reads a file ends in exit 7 naming it, at once.</summary>
    [TestCase(".env", "fifo", "status")]
    [TestCase(".drifthooks.local.json", "fifo", "commit")]
    [TestCase("drifthooks.json", "/dev/zero", "commit")]
    [TestCase("drifthooks.json", "/dev/zero", "status")]
    [TestCase("prisma.config.ts", "/dev/zero", "status")]
    [TestCase("package.json", "/dev/zero", "status")]
    [TestCase("package.json", "/dev/zero", "commit")]
    public void A_fifo_or_a_link_to_a_device_in_place_of_a_file_read_is_refused_by_name(string file, string inPlace, string command)
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        var path = Path.Combine(repo.Root, file);
        if (inPlace != "fifo")
        {
            // Committed, as a clone receives it (git keeps the link; a FIFO it cannot hold).
            File.CreateSymbolicLink(path, inPlace);
        }

        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        if (inPlace == "fifo")
        {
            MakeFifo(path);
        }

        repo.Write("prisma/schema.prisma", TestRepository.Datasource + Models + "model Post {\n  id Int @id\n}\n");
        repo.MustGit("add", "prisma/schema.prisma");
        var clock = Stopwatch.StartNew();
        var result = command == "status"
            ? repo.Run(NativeBinaries.Drifthooks, ["status"], timeout: TimeSpan.FromSeconds(60))
            : repo.Run("git", ["commit", "-m", "post"], timeout: TimeSpan.FromSeconds(60));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), $"{command} did not wait on the {inPlace}: {result}");
        // The hook exits 7; git reports any failed hook as 1.
        Assert.That(result.ExitCode, Is.EqualTo(command == "status" ? 7 : 1), result.ToString());
        Assert.That(result.Error, Does.Contain(file).And.Contain(inPlace == "fifo" ? "FIFO" : "it is a device").And.Contain("cannot be read"), result.ToString());
        Assert.That(result.Error, Does.Not.Contain("defect").And.Not.Contain("   at "));
    }

    /// <summary>Item 7: a backup file a full disk or a killed process left empty or cut is no backup to doctor.</summary>
    [TestCase("")]
    [TestCase("{\"format\": \"drifthooks-migration-history-backup\", \"formatVersion\": 1, \"rows\": [")]
    public void Doctor_counts_no_empty_or_cut_backup_as_fresh(string content)
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.Write(".gitignore", ".drifthooks/\n");
        repo.CommitAllWithoutHooks();
        repo.Write(".drifthooks/backups/production-20260101T000000Z.json", content);
        var result = repo.Drifthooks("doctor");
        var line = result.Output.Split('\n').FirstOrDefault(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\[\w+\] +backup"));
        Assert.That(line, Does.StartWith("[warn]").And.Contain("no backup holding a migration history"), result.ToString());
    }

    /// <summary>Item 12: 100,000 nested '[' in a schema attribute is a DH100 parse error, not signal 11, in bounded time.</summary>
    [Test]
    public void A_schema_attribute_nested_100000_deep_is_a_DH100_refusal_not_a_crash()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + "model User {\n  id Int @id @default(" + new string('[', 100_000) + ")\n}\n");
        repo.MustGit("add", "prisma/schema.prisma");
        var clock = Stopwatch.StartNew();
        var result = repo.Run("git", ["commit", "-m", "deep"], timeout: TimeSpan.FromSeconds(60));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), result.ToString());
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("DH100").And.Contain("nested more than 100 levels deep"), result.ToString());
        Assert.That(result.Error, Does.Not.Contain("defect"));
    }

    /// <summary>Item 12: 64,000 nested parentheses in a migration took pre-commit 64 s (quadratic); now a note, at once.</summary>
    [Test]
    public void A_migration_nested_64000_parentheses_deep_is_read_in_linear_time_with_a_note()
    {
        using var repo = new TestRepository();
        repo.WritePrismaProject(Models);
        repo.CommitAllWithoutHooks();
        Assert.That(repo.Install().ExitCode, Is.Zero);
        repo.Write("prisma/schema.prisma", TestRepository.Datasource + "model User {\n  id Int @id\n  n  Int @default(1)\n}\n");
        repo.Write("prisma/migrations/20240201000000_n/migration.sql",
            "ALTER TABLE \"User\" ADD COLUMN \"n\" INTEGER NOT NULL DEFAULT " + new string('(', 64_000) + "1" + new string(')', 64_000) + ";\n");
        repo.MustGit("add", "-A");
        var clock = Stopwatch.StartNew();
        var result = repo.Run("git", ["commit", "-m", "deep"], timeout: TimeSpan.FromSeconds(120));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), result.ToString());
        Assert.That(result.Error, Does.Not.Contain("defect"), result.ToString());
        Assert.That(result.Error, Does.Contain("nest more than 1000 levels deep"), result.ToString());
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
