using System.Text;
using System.Text.RegularExpressions;
using DriftHooks.Core.Tests.Support;
using DriftHooks.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>
/// Database-side problems (DH4xx) as a developer meets them on a broken morning: the native <c>drifthooks</c>
/// diagnoses, its printed fix is run literally (<see cref="PrintedFix"/>), and the same command then goes green.
/// Databases hold what their history says: the migration SQL, then the row as Prisma writes it.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public partial class DatabaseFixTests
{
    const string Init = "-- CreateEnum\nCREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN');\n\n-- CreateTable\nCREATE TABLE \"User\" (\n    \"id\" SERIAL NOT NULL,\n    \"role\" \"Role\" NOT NULL DEFAULT 'USER',\n\n    CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\")\n);\n";
    const string Post = "-- CreateTable\nCREATE TABLE \"Post\" (\n    \"id\" SERIAL NOT NULL,\n    \"authorId\" INTEGER NOT NULL,\n\n    CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\")\n);\n\n-- AddForeignKey\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\") ON DELETE RESTRICT ON UPDATE CASCADE;\n";
    const string Name = "-- AlterTable\nALTER TABLE \"User\" ADD COLUMN \"name\" TEXT;\n";
    const string Schema = "enum Role {\n  USER\n  ADMIN\n}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  role  Role   @default(USER)\n  name  String?\n  posts Post[]\n}\n\nmodel Post {\n  id       Int  @id @default(autoincrement())\n  author   User @relation(fields: [authorId], references: [id])\n  authorId Int\n}\n";

    static readonly (string Name, string Sql)[] Migrations =
    [
        ("20240101000000_init", Init),
        ("20240102000000_post", Post),
        ("20240103000000_user_name", Name),
    ];

    /// <summary>The local database (or working tree) with the problem <paramref name="code"/> names, made as a user makes it.</summary>
    static async Task<Scenario> LocalProblemAsync(string code)
    {
        switch (code)
        {
            case "DH410":
                return await Scenario.CreateAsync(applied: 2);
            case "DH414":
                // A rebase brought in the post migration after user_name was applied locally.
                var s = await Scenario.CreateAsync(applied: 1);
                await PrismaMigrator.ApplyAsync(s.Local.PrismaUrl, [new PrismaMigrator.Migration(Migrations[2].Name, Encoding.UTF8.GetBytes(Migrations[2].Sql))]);
                return s;
            case "DH412":
                var edited = await Scenario.CreateAsync();
                edited.Repository.Write($"prisma/migrations/{Migrations[2].Name}/migration.sql", Name + "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET DEFAULT '';\n");
                edited.Repository.CommitAllWithoutHooks("name defaults to empty");
                return edited;
            case "DH411":
                // Applied while another branch was checked out; that branch was then abandoned.
                var abandoned = await Scenario.CreateAsync();
                await PrismaMigrator.ApplyAsync(abandoned.Local.PrismaUrl, [new PrismaMigrator.Migration("20240104000000_feature", Encoding.UTF8.GetBytes("CREATE TABLE \"Feature\" (\"id\" INTEGER NOT NULL);\n"))]);
                return abandoned;
            case "DH415":
                // What an interrupted migrate dev --create-only leaves: a folder and no script.
                var draft = await Scenario.CreateAsync();
                Directory.CreateDirectory(Path.Combine(draft.Repository.Root, "prisma", "migrations", "20240104000000_draft"));
                return draft;
            default:
                throw new ArgumentOutOfRangeException(nameof(code), code, "no scenario for this code");
        }
    }

    // A fix as read without its remarks in parentheses: the commands of each choice.
    static string WithoutRemarks(string fix) => Regex.Replace(fix, @"\s*\([^()]*\)", "");

    static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>A committed three-migration Prisma project and a local database with the first <c>applied</c> of them applied as Prisma applies them.</summary>
    private sealed class Scenario : IDisposable
    {
        private Scenario(TestRepository repository, PostgresServer server, TestDatabase local)
        {
            Repository = repository;
            Server = server;
            Local = local;
        }

        public TestRepository Repository { get; }

        public PostgresServer Server { get; }

        public TestDatabase Local { get; }

        public static async Task<Scenario> CreateAsync(int applied = 3, PostgresServer? server = null)
        {
            server ??= await PostgresServer.SharedAsync();
            var s = new Scenario(new TestRepository(), server, await server.CreateDatabaseAsync());
            s.Repository.Write("prisma/schema.prisma", TestRepository.Datasource + Schema);
            s.Repository.Write("prisma/migrations/migration_lock.toml", "# Please do not edit this file manually\nprovider = \"postgresql\"\n");
            foreach (var (name, sql) in Migrations)
            {
                s.Repository.Write($"prisma/migrations/{name}/migration.sql", sql);
            }

            s.Repository.CommitAllWithoutHooks();
            s.Repository.Environment["DATABASE_URL"] = s.Local.PrismaUrl;
            await PrismaMigrator.ApplyAsync(s.Local.PrismaUrl, Migrations.Take(applied).Select(m => new PrismaMigrator.Migration(m.Name, Encoding.UTF8.GetBytes(m.Sql))));
            return s;
        }

        public IReadOnlyList<string> LocalBackups()
        {
            var folder = Path.Combine(Repository.Root, ".drifthooks", "backups");
            return Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "local-*.json").Order(StringComparer.Ordinal)] : [];
        }

        /// <summary>The real Prisma's <c>migrate status</c> (when it can run here) calls the local database up to date, or (<paramref name="upToDate"/> false) does not.</summary>
        public async Task AssertPrismaAgreesAsync(bool upToDate = true)
        {
            if (PrismaOracle.Unavailable() is not null)
            {
                return;
            }

            var prisma = await PrismaOracle.RunAsync(Local.PrismaUrl, Path.Combine(Repository.Root, "prisma", "schema.prisma"), Path.Combine(Repository.Root, "prisma", "migrations"), "migrate", "status");
            if (!upToDate)
            {
                Assert.That(prisma.ExitCode, Is.Not.Zero, prisma.Output);
                return;
            }

            Assert.That(prisma.ExitCode, Is.Zero, prisma.Output);
            Assert.That(prisma.Output, Does.Contain("up to date"));
        }

        public void Dispose() => Repository.Dispose();
    }
}
