using System.Diagnostics;
using System.Text;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// A printed fix never runs a command taken from a committed file: a schema whose datasource reads
/// <c>env("DB'$(touch …)'X")</c> gets no fix that names that variable from <c>status</c>, <c>doctor</c> or pre-push (the
/// findings say why instead), and every fix line they print, run through bash as a user pasting it would, creates nothing.
/// </summary>
public class CommittedValuesInFixesTests
{
    static (string Marker, string Variable) Hostile()
    {
        var marker = Path.Combine(Path.GetTempPath(), "dh-fix-ran-" + Guid.NewGuid().ToString("N"));
        return (marker, $"DB'$(touch {marker})'X");
    }

    static void ReadHostileVariable(TestRepository repo, string variable)
    {
        var schema = repo.Read("prisma/schema.prisma");
        Assert.That(schema, Does.Contain("env(\"DATABASE_URL\")"));
        repo.Write("prisma/schema.prisma", schema.Replace("env(\"DATABASE_URL\")", $"env(\"{variable}\")", StringComparison.Ordinal));
        repo.CommitAllWithoutHooks("the datasource reads another variable");
    }

    [Test]
    public async Task Status_and_doctor_print_no_fix_that_names_a_variable_no_shell_can_set_and_no_printed_fix_runs_it()
    {
        var (marker, variable) = Hostile();
        using var s = await CompanionScenario.CreateAsync(committed: 2, production: 1, local: 1);
        ReadHostileVariable(s.Repository, variable);
        await PrismaMigrator.InsertFailedAsync(s.Production.PrismaUrl, PushScenario.Name(2), MigrationChecksum.Compute(Encoding.UTF8.GetBytes(PushScenario.Script(2))), "Database error: deadlock detected");

        var status = s.Repository.Drifthooks("status");
        Assert.That(status.All, Does.Contain("note DH402").And.Contain("is not a valid environment variable name"), status.ToString());
        Assert.That(status.All, Does.Contain("error DH203").And.Contain("No fix is printed: the datasource's variable is not a valid environment variable name"), status.ToString());
        Assert.That(FixLines(status), Has.None.Contains("touch"), status.ToString());
        AssertNothingRuns(status, marker);

        var doctor = s.Repository.Drifthooks("doctor");
        Assert.That(doctor.All, Does.Contain("is not a valid environment variable name"), doctor.ToString());
        Assert.That(FixLines(doctor), Has.None.Contains("touch"), doctor.ToString());
        AssertNothingRuns(doctor, marker);
    }

    [Test]
    public async Task Pre_push_prints_DH203_without_a_fix_naming_the_variable_and_no_printed_fix_runs_it()
    {
        var (marker, variable) = Hostile();
        using var scenario = await PushScenario.CreateAsync(committed: 2, applied: 1);
        ReadHostileVariable(scenario.Repository, variable);
        await PrismaMigrator.InsertFailedAsync(scenario.Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"]!, PushScenario.Name(2), MigrationChecksum.Compute(Encoding.UTF8.GetBytes(PushScenario.Script(2))), "Database error: deadlock detected");

        var push = scenario.Push();
        Assert.That(push.ExitCode, Is.Not.Zero, push.ToString());
        Assert.That(push.Error, Does.Contain("DH203").And.Contain("No fix is printed: the datasource's variable is not a valid environment variable name"), push.ToString());
        Assert.That(FixLines(push), Has.None.Contains("touch"), push.ToString());
        AssertNothingRuns(push, marker);
    }

    static List<string> FixLines(ProcessResult output) =>
        [.. output.All.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("fix: ", StringComparison.Ordinal)).Select(l => l["fix: ".Length..])];

    /// <summary>
    /// Runs every printed fix line through bash, as pasted, in an empty folder with only <c>touch</c> on PATH: a fix that
    /// let the committed <c>$(touch …)</c> through would create the marker; every other command is simply not found.
    /// </summary>
    static void AssertNothingRuns(ProcessResult output, string marker)
    {
        var lines = FixLines(output);
        var scratch = Directory.CreateTempSubdirectory("dh-fix-paste-").FullName;
        var bin = Directory.CreateDirectory(Path.Combine(scratch, ".bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "touch"), "/usr/bin/touch");
        try
        {
            foreach (var line in lines)
            {
                var start = new ProcessStartInfo("/bin/bash", ["-c", line]) { WorkingDirectory = scratch, RedirectStandardOutput = true, RedirectStandardError = true };
                start.Environment["PATH"] = bin;
                using var bash = Process.Start(start)!;
                bash.StandardOutput.ReadToEnd();
                bash.StandardError.ReadToEnd();
                bash.WaitForExit();
                Assert.That(File.Exists(marker), Is.False, "pasting this fix ran the committed command: " + line);
            }
        }
        finally
        {
            File.Delete(marker);
            Directory.Delete(scratch, recursive: true);
        }
    }
}
