using DriftHooks.Core.Tests.Support;

namespace DriftHooks.EndToEnd.Tests.Support;

/// <summary>
/// A repository with a Prisma project, a bare remote, the hooks installed, and a real PostgreSQL database
/// standing in for production whose schema holds what its history says (SQL applied, then the row, as Prisma does).
/// </summary>
internal sealed class PushScenario : IDisposable
{
    private PushScenario(TestRepository repository, TestRepository remote, PostgresServer server, PostgresServer productionServer, TestDatabase production)
    {
        Repository = repository;
        Remote = remote;
        Server = server;
        ProductionServer = productionServer;
        Production = production;
    }

    public TestRepository Repository { get; }

    public TestRepository Remote { get; }

    /// <summary>The developer's server (the shared test server).</summary>
    public PostgresServer Server { get; }

    /// <summary>Production's server: a server of its own (DriftHooks writes nothing on production's server, whatever the database), or the one the scenario was given.</summary>
    public PostgresServer ProductionServer { get; }

    public TestDatabase Production { get; }

    /// <summary>Migration <paramref name="table"/>'s script: table <c>{prefix}{table}</c> (a prefix of its own gives a test a history no other test has).</summary>
    public static string Script(int table, string prefix = "T") => $"CREATE TABLE \"{prefix}{table}\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"{prefix}{table}_pkey\" PRIMARY KEY (\"id\"));\n";

    /// <summary>The schema whose models are the tables of the first <paramref name="models"/> migrations: what they produce.</summary>
    public static string Schema(int models, string prefix = "T") =>
        TestRepository.Datasource + string.Concat(Enumerable.Range(1, models).Select(i => $"model {prefix}{i} {{\n  id Int @id @default(autoincrement())\n}}\n"));

    public static string Name(int n) => $"2024010{n}000000_m{n}";

    /// <summary>Commits <paramref name="committed"/> migrations and applies the first <paramref name="applied"/> of them to production (on <paramref name="productionServer"/> when given, else on a server other than the developer's).</summary>
    public static async Task<PushScenario> CreateAsync(int committed, int applied, string? urlQuery = null, string tables = "T", PostgresServer? productionServer = null)
    {
        var server = await PostgresServer.SharedAsync();
        productionServer ??= await PostgresServer.OtherAsync();
        var production = await productionServer.CreateDatabaseAsync();
        var repository = new TestRepository();
        var remote = new TestRepository(init: false);
        remote.MustGit("init", "-q", "--bare");

        repository.Write("prisma/schema.prisma", Schema(Math.Max(committed, 1), tables));
        repository.Write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        for (var i = 1; i <= committed; i++)
        {
            repository.Write($"prisma/migrations/{Name(i)}/migration.sql", Script(i, tables));
        }

        repository.CommitAllWithoutHooks();
        repository.MustGit("remote", "add", "origin", remote.Root);
        var scenario = new PushScenario(repository, remote, server, productionServer, production);
        repository.Environment["DRIFTHOOKS_PRODUCTION_URL"] = urlQuery is null ? production.PrismaUrl : production.PrismaUrl + urlQuery;
        // What a fix that writes production's history runs with (a role that may write it): the owner here.
        repository.Environment["DRIFTHOOKS_PRODUCTION_ADMIN_URL"] = production.PrismaUrl;
        await scenario.ApplyAsync(Enumerable.Range(1, applied).Select(i => (Name(i), Script(i, tables))).ToArray());
        var install = repository.Install();
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException(install.ToString());
        }

        return scenario;
    }

    public Task ApplyAsync(params (string Name, string Script)[] migrations) =>
        PrismaMigrator.ApplyAsync(Repository.Environment["DRIFTHOOKS_PRODUCTION_URL"]!, migrations.Select(m => new PrismaMigrator.Migration(m.Name, System.Text.Encoding.UTF8.GetBytes(m.Script))));

    /// <summary>
    /// The local development database Prisma's own commands use, in an untracked <c>.env</c> beside the project, as
    /// <c>prisma init</c> writes it: a new database on <see cref="Server"/>, or <paramref name="url"/>.
    /// </summary>
    public async Task<TestDatabase> UseLocalDatabaseAsync(string? url = null)
    {
        var development = await Server.CreateDatabaseAsync();
        Repository.Write(".gitignore", ".env\n");
        Repository.Write(".env", $"DATABASE_URL=\"{url ?? development.PrismaUrl}\"\n");
        Repository.MustGit("add", ".gitignore");
        Repository.MustGit("commit", "-q", "--no-verify", "-m", "ignore .env");
        return development;
    }

    public ProcessResult Push(string branch = "main") => Repository.Git("push", "origin", branch);

    public void Dispose()
    {
        Repository.Dispose();
        Remote.Dispose();
    }
}
