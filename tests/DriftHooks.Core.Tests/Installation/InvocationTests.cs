using System.Text;
using DriftHooks.Core.Database;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Installation;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Installation;

/// <summary>How an installation is run, told from the executable's path at install, recorded, and named in the fixes.</summary>
[TestFixture]
public class InvocationTests
{
    [TestCase("/app/node_modules/@drifthooks/linux-x64/bin/drifthooks", "Npx")]
    [TestCase("/app/node_modules/.pnpm/@drifthooks+linux-x64@0.1.0/node_modules/@drifthooks/linux-x64/bin/drifthooks", "Npx")]
    [TestCase(@"C:\app\node_modules\@drifthooks\win32-x64\bin\drifthooks.exe", "Npx")]
    [TestCase("/home/dev/.nuget/packages/drifthooks.linux-x64/0.1.0/tools/net10.0/linux-x64/drifthooks", "DotnetTool")]
    [TestCase("/home/dev/.nuget/packages/drifthooks/0.1.0/tools/net10.0/any/drifthooks", "DotnetTool")]
    [TestCase("/home/dev/.dotnet/tools/.store/drifthooks/0.1.0/drifthooks.linux-x64/0.1.0/tools/net10.0/linux-x64/drifthooks", "Plain")]
    [TestCase("/home/dev/.local/bin/drifthooks", "Plain")]
    [TestCase("/opt/tools/net10.0/drifthooks", "Plain")]
    [TestCase("/app/.git/drifthooks/bin/drifthooks", "Plain")]
    [TestCase("", "Plain")]
    public void The_executable_s_path_tells_how_the_installation_is_run(string path, string kind) =>
        Assert.That(Invocation.FromExecutable(path), Is.EqualTo(Enum.Parse<InvocationKind>(kind)));

    [Test]
    public void Each_installation_names_its_commands_as_its_user_types_them()
    {
        Assert.That(Invocation.Of(InvocationKind.Npx).Command("sync --reset"), Is.EqualTo("npx drifthooks sync --reset"));
        Assert.That(Invocation.Of(InvocationKind.DotnetTool).Command("backup"), Is.EqualTo("dotnet drifthooks backup"));
        Assert.That(Invocation.Plain.Command("status"), Is.EqualTo("drifthooks status"));
    }

    [Test]
    public void The_record_is_read_when_a_fix_first_names_a_command_and_not_before()
    {
        var state = Directory.CreateTempSubdirectory("drifthooks-invocation-").FullName;
        try
        {
            var invocation = Invocation.Recorded(state, "/app/.git/drifthooks/bin/drifthooks");
            // Written after the value was made: a value read at creation would not see it.
            File.WriteAllText(InstallState.PathFor(state), "hooks-dir=../hooks\nhook=pre-commit\ninvocation=dotnet-tool\n");
            Assert.That(invocation.Command("sync"), Is.EqualTo("dotnet drifthooks sync"));
            File.WriteAllText(InstallState.PathFor(state), "hooks-dir=../hooks\ninvocation=npx\n");
            Assert.That(invocation.Command("sync"), Is.EqualTo("dotnet drifthooks sync"), "read once per command");

            Assert.That(InstallState.Read(state)!.Invocation, Is.EqualTo(InvocationKind.Npx));
            File.WriteAllText(InstallState.PathFor(state), "hooks-dir=../hooks\ninvocation=$(reboot)\n");
            Assert.That(Invocation.Recorded(state, "/app/node_modules/@drifthooks/linux-x64/bin/drifthooks").Command("sync"), Is.EqualTo("npx drifthooks sync"), "an unknown record falls back to the executable's path");
            File.Delete(InstallState.PathFor(state));
            Assert.That(Invocation.Recorded(state, "/home/dev/.local/bin/drifthooks").Command("sync"), Is.EqualTo("drifthooks sync"), "no record: an older install");
        }
        finally
        {
            Directory.Delete(state, true);
        }
    }

    [Test]
    public void Status_sync_and_a_lost_history_name_the_command_of_an_npm_installation()
    {
        var project = new PrismaProject("prisma/schema.prisma", false, "prisma/migrations");
        var a = new RepositoryMigration("20240101000000_a", Encoding.UTF8.GetBytes("CREATE TABLE \"A\" ();"));
        var b = new RepositoryMigration("20240102000000_b", Encoding.UTF8.GetBytes("CREATE TABLE \"B\" ();"));
        var applied = new MigrationRecord("1", MigrationChecksum.Compute(a.Script!), DateTimeOffset.UnixEpoch, a.Name, null, null, DateTimeOffset.UnixEpoch, 1);
        var npx = Invocation.Of(InvocationKind.Npx);
        var local = DatabaseSide.Read("local", "postgresql://u@h:5432/db", "test", MigrationHistory.FromRecords("public", [applied]), prismaAt: "");
        var production = DatabaseSide.Read("production", "postgresql://u@h:5432/db", "test", MigrationHistory.FromRecords("public", [applied]), prismaAt: "");

        var report = ThreeWayStatus.Build([a, b], [a, b], local, production, project, invocation: npx);
        Assert.That(report.Findings.Single(f => f.Code == CompanionRuleCodes.LocalPending).Fix, Is.EqualTo("npx drifthooks sync"));

        var modified = MigrationHistory.FromRecords("public", [applied with { Checksum = "0" }]);
        var plan = SyncPlanner.Plan(new SyncRequest([a], modified, null, Reset: false, project) { Invocation = npx });
        Assert.That(plan.Blockers.Single().Fix, Is.EqualTo("npx drifthooks sync --reset"));

        var lost = LostHistory.Detect([a, b], MigrationHistory.FromRecords("public", []), new HashSet<string> { "table public.A", "table public.B" });
        Assert.That(lost!.ToFinding("the local database", ".drifthooks/backups/local 1.json", project, npx).Fix, Is.EqualTo("npx drifthooks restore '.drifthooks/backups/local 1.json'"));
    }
}
