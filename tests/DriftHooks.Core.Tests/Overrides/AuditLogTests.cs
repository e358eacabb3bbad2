using DriftHooks.Core.Findings;
using DriftHooks.Core.Overrides;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Overrides;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class AuditLogTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Path.Combine(Path.GetTempPath(), "drifthooks-audit-" + Guid.NewGuid().ToString("N")[..12]);

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(folder))
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(folder, true);
        }
    }

    private static AuditEntry Override(string reason, string location = "prisma/migrations/20240101000000_init/migration.sql") =>
        new("override", "pre-commit", "Ana <ana@example.com>", "main", reason, [Finding.Error("DH102", "edited", location)]);

    [Test]
    public void A_reason_or_folder_name_with_line_breaks_and_escapes_stays_one_record_and_reads_back_exactly()
    {
        var reason = "hotfix OPS-1 approved\n2026-01-01T00:00:00 {\"action\":\"override\",\"reason\":\"forged\"}\r\u001b[2K";
        var folderName = "prisma/migrations/20240101000000_x\n{\"action\":\"block\"}/migration.sql";
        AuditLog.Record(folder, Override(reason, folderName));
        AuditLog.Record(folder, Override("second reason, approved by lead"));

        var lines = File.ReadAllLines(AuditLog.PathFor(folder));
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(File.ReadAllText(AuditLog.PathFor(folder)).Any(c => c < ' ' && c != '\n'), Is.False, "no raw control character on disk");
        var records = AuditLog.Read(folder);
        Assert.That(records.Select(r => r.Reason), Is.EqualTo(new[] { reason, "second reason, approved by lead" }));
        Assert.That(records[0].Findings.Single().Location, Is.EqualTo(folderName));
        Assert.That(records[0], Has.Property("Action").EqualTo("override").And.Property("Branch").EqualTo("main").And.Property("User").EqualTo("Ana <ana@example.com>"));
    }

    [Test]
    public void A_record_is_one_line_of_serilog_compact_json()
    {
        AuditLog.Record(folder, Override("hotfix OPS-2 approved by lead"));
        var line = File.ReadAllLines(AuditLog.PathFor(folder)).Single();
        using var record = System.Text.Json.JsonDocument.Parse(line);
        var root = record.RootElement;
        Assert.That(root.GetProperty("@mt").GetString(), Is.EqualTo("{action} at {hook} by {user} on {branch}"));
        Assert.That(DateTimeOffset.Parse(root.GetProperty("@t").GetString()!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(DateTimeOffset.Now).Within(TimeSpan.FromMinutes(1)));
        Assert.That(root.GetProperty("findings")[0].GetProperty("code").GetString(), Is.EqualTo("DH102"));
        Assert.That(AuditLog.Read(folder).Single().Time, Is.EqualTo(DateTimeOffset.Now).Within(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public void A_record_cut_short_earlier_does_not_swallow_the_next_one()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(AuditLog.PathFor(folder), "{\"time\":\"2026-01-01T00:00:00+00:00\",\"action\":\"overr");
        AuditLog.Record(folder, Override("after a full disk, approved by lead"));
        Assert.That(AuditLog.Read(folder).Select(r => r.Reason), Is.EqualTo(new[] { "after a full disk, approved by lead" }));
    }

    [Test]
    public void Concurrent_writers_lose_no_record()
    {
        const int Writers = 40;
        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => AuditLog.Record(folder, Override($"reason number {i} approved")));
        Assert.That(AuditLog.Read(folder).Select(r => r.Reason), Is.EquivalentTo(Enumerable.Range(0, Writers).Select(i => $"reason number {i} approved")));
    }

    [Test]
    public void A_log_that_is_a_directory_refuses_with_why()
    {
        Directory.CreateDirectory(AuditLog.PathFor(folder));
        var error = Assert.Throws<AuditLogUnavailableException>(() => AuditLog.Record(folder, Override("cannot be recorded, approved")));
        Assert.That(error!.Message, Does.Contain(AuditLog.PathFor(folder)).And.Contain("it is a directory"));
    }

    [Test]
    // A full disk was once stood in for by a link to /dev/full; only a regular file is an audit log now, so the link is
    // refused before anything is written, with why (a real full disk needs a filesystem of its own to test).
    public void A_link_to_a_device_is_refused_before_anything_is_written()
    {
        if (!File.Exists("/dev/full"))
        {
            Assert.Ignore("needs /dev/full (a device whose every write fails with 'no space left')");
        }

        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(AuditLog.PathFor(folder), "/dev/full");
        var error = Assert.Throws<AuditLogUnavailableException>(() => AuditLog.Record(folder, Override("cannot be recorded, approved")));
        Assert.That(error!.Message, Does.Contain(AuditLog.PathFor(folder)).And.Contain("only a regular file is an audit log"));
    }

    [Test]
    // The sink's own failure, thrown inside Serilog's audit pipeline, reaches the caller as the refusal that says why.
    public void A_failure_inside_the_audit_sink_reaches_the_caller()
    {
        Directory.CreateDirectory(folder);
        var notAFolder = Path.Combine(folder, "state");
        File.WriteAllText(notAFolder, "a file where the state folder belongs");
        var error = Assert.Throws<AuditLogUnavailableException>(() => AuditLog.Record(notAFolder, Override("cannot be recorded, approved")));
        Assert.That(error!.Message, Does.Contain(AuditLog.PathFor(notAFolder)).And.Contain("Make"));
        Assert.That(File.ReadAllText(notAFolder), Is.EqualTo("a file where the state folder belongs"));
    }

    [Test]
    public void A_read_only_folder_refuses_with_why()
    {
        if (Environment.UserName == "root")
        {
            Assert.Ignore("root writes into read-only folders; run as another user to check this");
        }

        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var error = Assert.Throws<AuditLogUnavailableException>(() => AuditLog.Record(folder, Override("cannot be recorded, approved")));
        Assert.That(error!.Message, Does.Contain("permission denied"));
    }
}
