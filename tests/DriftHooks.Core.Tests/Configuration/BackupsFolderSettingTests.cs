using DriftHooks.Core.Configuration;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Configuration;

/// <summary>
/// <c>Backups:Folder</c>: the committed value names a folder inside the repository and out of Prisma's folders; the
/// user's own (environment, <c>.drifthooks.local.json</c>) may be anywhere but Prisma's folders, the repository itself
/// or <c>.git</c>. Every refusal names where the value is set.
/// </summary>
public class BackupsFolderSettingTests
{
    static readonly PrismaProject[] Projects = [new("prisma/schema.prisma", false, "prisma/migrations"), new("apps/api/schema", true, "apps/api/schema/migrations")];
    string _root = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_root = Path.Combine(Path.GetTempPath(), "drifthooks-backups-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    string Resolve(string? committed = null, string? local = null, string? environment = null)
    {
        if (committed is not null)
        {
            File.WriteAllText(Path.Combine(_root, OptionsLoader.CommittedFile), $"{{ \"Backups\": {{ \"Folder\": \"{committed}\" }} }}");
        }

        if (local is not null)
        {
            File.WriteAllText(Path.Combine(_root, OptionsLoader.LocalFile), $"{{ \"Backups\": {{ \"Folder\": \"{local}\" }} }}");
        }

        var variables = new Dictionary<string, string?>();
        if (environment is not null)
        {
            variables["DRIFTHOOKS__BACKUPS__FOLDER"] = environment;
        }

        return BackupsFolderSetting.Resolve(SettingFiles.Load(_root, variables), _root, Projects);
    }

    [TestCase("/var/backups", "an absolute path")]
    [TestCase("~/backups", "an absolute path")]
    [TestCase("../elsewhere", "leads out of the repository")]
    [TestCase("a/../../elsewhere", "leads out of the repository")]
    [TestCase(".", "the repository itself")]
    [TestCase("./", "the repository itself")]
    [TestCase(".git", "inside .git")]
    [TestCase(".git/hooks", "inside .git")]
    [TestCase("prisma", "Prisma's folder prisma")]
    [TestCase("prisma/migrations", "inside Prisma's folder prisma/migrations")]
    [TestCase("prisma/migrations/x", "inside Prisma's folder prisma/migrations")]
    [TestCase("prisma/backups", "inside Prisma's folder prisma")]
    [TestCase("apps", "holding Prisma's folder apps/api/schema")]
    [TestCase("apps/api/schema/backups", "inside Prisma's folder apps/api/schema")]
    public void A_committed_folder_outside_the_repository_or_near_prisma_s_folders_is_refused_naming_the_file(string folder, string why)
    {
        var error = Assert.Throws<ConfigurationException>(() => Resolve(committed: folder))!;
        Assert.That(error.Message, Does.Contain(why).And.Contain("configuration key Backups:Folder in drifthooks.json"));
    }

    [TestCase(".drifthooks/backups")]
    [TestCase("backups")]
    [TestCase("ops/db/backups")]
    [TestCase("a/../backups")]
    public void A_committed_folder_of_its_own_inside_the_repository_is_taken(string folder) =>
        Assert.That(Resolve(committed: folder), Is.EqualTo(Path.GetFullPath(folder, _root)));

    [Test]
    public void The_user_s_own_value_may_be_absolute_or_outside_but_never_prisma_s_folder()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), "somewhere-else");
        Assert.That(Resolve(committed: "prisma/migrations", local: elsewhere), Is.EqualTo(elsewhere), "the local file wins, and is the user's choice");
        Assert.That(Resolve(environment: "../sibling"), Is.EqualTo(Path.GetFullPath(Path.Combine(_root, "..", "sibling"))));
        var error = Assert.Throws<ConfigurationException>(() => Resolve(environment: Path.Combine(_root, "prisma", "migrations")))!;
        Assert.That(error.Message, Does.Contain("inside Prisma's folder prisma/migrations").And.Contain("environment variable DRIFTHOOKS__BACKUPS__FOLDER"));
    }

    [Test]
    public void Nothing_set_is_the_default_folder() =>
        Assert.That(Resolve(), Is.EqualTo(Path.GetFullPath(SettingDefaults.BackupsFolder, _root)));
}
