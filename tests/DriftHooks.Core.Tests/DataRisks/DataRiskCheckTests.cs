using System.Text;
using System.Text.RegularExpressions;
using DriftHooks.Core.Configuration;
using DriftHooks.Core.Database;
using DriftHooks.Core.DataRisks;
using DriftHooks.Core.Findings;
using DriftHooks.Core.Prisma;
using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.DataRisks;

/// <summary>
/// The data check against real rows: "production" gets a first migration and rows, then the check walks a pending
/// migration over it and asks its questions read-only. Each verdict is compared with what real <c>prisma migrate
/// deploy</c> does with the same pending migration on a copy of production (<c>CREATE DATABASE … TEMPLATE</c>; skipped
/// with a message without the shared oracle), and production's statement log shows no write. Each kind has a control
/// that deploys.
/// </summary>
public sealed class DataRiskCheckTests
{
    const string First = "20240101000000_init";
    const string Second = "20240102000000_change";
    static readonly PrismaProject Project = new("prisma/schema.prisma", false, "prisma/migrations");
    static readonly Regex Writes = new(@"\b(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|COPY|MERGE|COMMENT|VACUUM|REINDEX|LOCK)\b", RegexOptions.IgnoreCase);

    const string Users = "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, \"email\" TEXT, \"name\" VARCHAR(50), \"bio\" TEXT, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n";
    const string TwoUsers = "INSERT INTO \"User\" (\"email\", \"name\", \"bio\") VALUES ('a@x', 'Ann', NULL), ('b@x', 'Bob', 'hi');";

    PostgresServer _server = null!;
    int _copies;

    [OneTimeSetUp]
    public async Task StartServerAsync() => _server = await PostgresServer.SharedAsync();

    /// <summary>What the check found, and whether real Prisma deployed the pending migration on a copy (null without the oracle).</summary>
    sealed record Verdict(IReadOnlyList<Finding> Findings, bool? PrismaDeployed, string PrismaOutput)
    {
        /// <summary>What the check sent production (its session's lines of the statement log).</summary>
        public IReadOnlyList<string> Sent { get; init; } = [];

        public Finding? Error => Findings.FirstOrDefault(f => f.Severity == Severity.Error);

        public override string ToString() => string.Join('\n', Findings) + "\n--- prisma:\n" + PrismaOutput;
    }

    async Task<Verdict> CheckAsync(string first, string rows, string pending, TimeSpan? timeout = null) =>
        await CheckAsync(first, rows, pending, Settings(timeout: timeout ?? TimeSpan.FromSeconds(2)));

    static DataCheckSettings Settings(bool askRows = true, TimeSpan? timeout = null, string[]? disabled = null, string[]? raised = null) =>
        new(askRows, timeout ?? TimeSpan.FromSeconds(2), (disabled ?? []).ToHashSet(), (raised ?? []).ToHashSet());

    async Task<Verdict> CheckAsync(string first, string rows, string pending, DataCheckSettings settings)
    {
        var production = await _server.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(production.PrismaUrl, [new PrismaMigrator.Migration(First, Encoding.UTF8.GetBytes(first))]);
        if (rows.Length > 0)
        {
            await _server.ExecuteAsync(production.Name, rows);
        }

        var before = (await _server.ReadStatementLogAsync()).Count - 1;
        IReadOnlyList<Finding> findings;
        await using (var database = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(production.PrismaUrl)))
        {
            findings = await DataRiskCheck.RunAsync(database, null, [(Second, pending)], Project, "\"$DRIFTHOOKS_PRODUCTION_URL\"", settings, CancellationToken.None);
        }

        var ours = SessionLines((await _server.ReadStatementLogAsync()).Skip(before), production.Name);
        Assert.That(ours.Any(l => l.Contains("SET TRANSACTION READ ONLY", StringComparison.Ordinal)), Is.True, string.Join('\n', ours));
        Assert.That(ours.Where(l => Writes.IsMatch(l)), Is.Empty, "production's statement log shows a write");

        if (PrismaOracle.Unavailable() is { } why)
        {
            TestContext.Out.WriteLine($"Not compared with prisma migrate deploy: {why}");
            return new Verdict(findings, null, why) { Sent = ours };
        }

        var copy = $"{production.Name}_copy{Interlocked.Increment(ref _copies)}";
        await _server.ExecuteAdminAsync($"CREATE DATABASE {PostgresServer.Quote(copy)} TEMPLATE {PostgresServer.Quote(production.Name)}");
        var folder = Directory.CreateTempSubdirectory("drifthooks-data-").FullName;
        try
        {
            foreach (var (name, script) in new[] { (First, first), (Second, pending) })
            {
                Directory.CreateDirectory(Path.Combine(folder, "migrations", name));
                await File.WriteAllTextAsync(Path.Combine(folder, "migrations", name, "migration.sql"), script);
            }

            await File.WriteAllTextAsync(Path.Combine(folder, "migrations", "migration_lock.toml"), "provider = \"postgresql\"\n");
            var schema = Path.Combine(folder, "schema.prisma");
            await File.WriteAllTextAsync(schema, "datasource db {\n  provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n}\n");
            var deploy = await PrismaOracle.RunAsync(_server.PrismaUrl(copy), schema, Path.Combine(folder, "migrations"), "migrate", "deploy");
            return new Verdict(findings, deploy.ExitCode == 0, deploy.Output) { Sent = ours };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // What Prisma's adapter prints for an error it has no name for (a check, a too-long value, an invalid enum input).
    const string Failing = "external connector error";

    /// <summary>The check refuses with <paramref name="code"/> and Prisma's deploy fails (saying <paramref name="prismaSays"/>).</summary>
    static void Refused(Verdict verdict, string code, string prismaSays)
    {
        Assert.That(verdict.Error?.Code, Is.EqualTo(code), verdict.ToString());
        Assert.That(verdict.Error!.Location, Is.EqualTo($"prisma/migrations/{Second}/migration.sql:1"), verdict.ToString());
        Assert.That(verdict.Error.Message, Does.Not.Contain("a@x").And.Not.Contain("Ann").And.Not.Contain("Bob"), "never a value");
        if (verdict.PrismaDeployed is { } deployed)
        {
            Assert.That(deployed, Is.False, "prisma migrate deploy failed too: " + verdict);
            Assert.That(verdict.PrismaOutput, Does.Contain(prismaSays), verdict.ToString());
        }
    }

    /// <summary>The check finds nothing to refuse and Prisma's deploy passes.</summary>
    static void Passes(Verdict verdict)
    {
        Assert.That(verdict.Error, Is.Null, verdict.ToString());
        if (verdict.PrismaDeployed is { } deployed)
        {
            Assert.That(deployed, Is.True, "prisma migrate deploy passed too: " + verdict);
        }
    }

    // ---- 1. a required column ----

    [Test]
    public async Task A_required_column_without_default_on_a_filled_table_is_refused_with_its_row_count()
    {
        var verdict = await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" ADD COLUMN     \"age\" INTEGER NOT NULL;\n");
        Refused(verdict, DataRiskCodes.RequiredColumnOnFilledTable, "Null constraint failed");
        Assert.That(verdict.Error!.Message, Does.Contain("\"age\"").And.Contain("User has 2 rows"));
        Assert.That(verdict.Error.Fix, Does.Contain("DEFAULT <value>").And.Contain("@default(<value>)"));
    }

    [Test]
    public async Task A_required_column_on_an_empty_table_or_with_a_default_deploys() =>
        Passes(await CheckAsync(Users, "", "ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER NOT NULL;\n"));

    [Test]
    public async Task A_required_column_with_a_default_on_a_filled_table_deploys() =>
        Passes(await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER NOT NULL DEFAULT 0;\n"));

    [Test]
    public async Task A_required_column_on_a_table_created_earlier_in_the_push_deploys() =>
        Passes(await CheckAsync(Users, TwoUsers, "CREATE TABLE \"Post\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));\nALTER TABLE \"Post\" ADD COLUMN \"title\" TEXT NOT NULL;\n"));

    [Test]
    public async Task A_column_dropped_and_recreated_as_required_is_refused_and_the_drop_names_the_values_lost()
    {
        var verdict = await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" DROP COLUMN \"bio\",\nADD COLUMN     \"bio\" INTEGER NOT NULL;\n");
        Refused(verdict, DataRiskCodes.RequiredColumnOnFilledTable, "Null constraint failed");
        var loss = verdict.Findings.Single(f => f.Code == DataRiskCodes.DataLoss);
        Assert.That(loss.Message, Does.Contain("drops the column User.bio, which holds 1 value in production"));
    }

    // ---- 2. SET NOT NULL ----

    [Test]
    public async Task Set_not_null_over_nulls_is_refused_with_their_count()
    {
        var verdict = await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" ALTER COLUMN \"bio\" SET NOT NULL;\n");
        Refused(verdict, DataRiskCodes.NotNullOverNulls, "Null constraint failed");
        Assert.That(verdict.Error!.Message, Does.Contain("1 row of User in production hold NULL in \"bio\""));
    }

    [Test]
    public async Task Set_not_null_over_filled_values_deploys() =>
        Passes(await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET NOT NULL;\n"));

    [Test]
    public async Task Set_not_null_after_a_fill_of_the_nulls_in_the_same_migration_deploys() =>
        Passes(await CheckAsync(Users, TwoUsers, "UPDATE \"User\" SET \"bio\" = '' WHERE \"bio\" IS NULL;\nALTER TABLE \"User\" ALTER COLUMN \"bio\" SET NOT NULL;\n"));

    // ---- 3. unique indexes, constraints, primary keys ----

    [Test]
    public async Task A_unique_index_over_duplicates_is_refused_and_lists_them_read_only()
    {
        var verdict = await CheckAsync(Users, TwoUsers + "INSERT INTO \"User\" (\"email\") VALUES ('a@x'), ('a@x');", "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n");
        Refused(verdict, DataRiskCodes.UniqueOverDuplicates, "Unique constraint failed");
        Assert.That(verdict.Error!.Message, Does.Contain("1 value of \"email\" in User in production is held by more than one row"));
        Assert.That(verdict.Error.Fix, Does.Contain("psql \"$DRIFTHOOKS_PRODUCTION_URL\" -c 'SELECT DISTINCT a.\"email\" FROM \"public\".\"User\" a JOIN \"public\".\"User\" b ON a.\"email\" = b.\"email\" AND a.ctid <> b.ctid'"));
    }

    [Test]
    public async Task A_unique_index_over_distinct_values_and_nulls_deploys() =>
        Passes(await CheckAsync(Users, TwoUsers + "INSERT INTO \"User\" (\"email\") VALUES (NULL), (NULL);", "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n"));

    [Test]
    public async Task A_unique_constraint_over_duplicate_pairs_is_refused() =>
        Refused(
            await CheckAsync(Users, TwoUsers + "INSERT INTO \"User\" (\"email\", \"name\") VALUES ('b@x', 'Bob');", "ALTER TABLE \"User\" ADD CONSTRAINT \"User_email_name_key\" UNIQUE (\"email\", \"name\");\n"),
            DataRiskCodes.UniqueOverDuplicates,
            "Unique constraint failed");

    [Test]
    public async Task A_primary_key_over_duplicates_is_refused()
    {
        var verdict = await CheckAsync(
            "CREATE TABLE \"Tag\" (\"name\" TEXT NOT NULL, \"code\" TEXT NOT NULL);\n",
            "INSERT INTO \"Tag\" VALUES ('a', '1'), ('a', '2');",
            "ALTER TABLE \"Tag\" ADD CONSTRAINT \"Tag_pkey\" PRIMARY KEY (\"name\");\n");
        Refused(verdict, DataRiskCodes.UniqueOverDuplicates, "Unique constraint failed");
    }

    [Test]
    public async Task A_primary_key_over_distinct_values_deploys() =>
        Passes(await CheckAsync(
            "CREATE TABLE \"Tag\" (\"name\" TEXT NOT NULL, \"code\" TEXT NOT NULL);\n",
            "INSERT INTO \"Tag\" VALUES ('a', '1'), ('b', '1');",
            "ALTER TABLE \"Tag\" ADD CONSTRAINT \"Tag_pkey\" PRIMARY KEY (\"name\");\n"));

    // ---- 4. enum values removed ----

    const string Roles = "CREATE TYPE \"Role\" AS ENUM ('USER', 'ADMIN', 'GUEST');\nCREATE TABLE \"Member\" (\"id\" SERIAL NOT NULL, \"role\" \"Role\" NOT NULL DEFAULT 'USER', CONSTRAINT \"Member_pkey\" PRIMARY KEY (\"id\"));\n";

    // What prisma migrate diff writes when GUEST is removed from the enum.
    const string RemoveGuest = "-- AlterEnum\nBEGIN;\nCREATE TYPE \"Role_new\" AS ENUM ('USER', 'ADMIN');\nALTER TABLE \"Member\" ALTER COLUMN \"role\" DROP DEFAULT;\n"
        + "ALTER TABLE \"Member\" ALTER COLUMN \"role\" TYPE \"Role_new\" USING (\"role\"::text::\"Role_new\");\nALTER TYPE \"Role\" RENAME TO \"Role_old\";\n"
        + "ALTER TYPE \"Role_new\" RENAME TO \"Role\";\nDROP TYPE \"public\".\"Role_old\";\nALTER TABLE \"Member\" ALTER COLUMN \"role\" SET DEFAULT 'USER';\nCOMMIT;\n";

    [Test]
    public async Task An_enum_value_removed_while_rows_hold_it_is_refused()
    {
        var verdict = await CheckAsync(Roles, "INSERT INTO \"Member\" (\"role\") VALUES ('USER'), ('GUEST');", RemoveGuest);
        Assert.That(verdict.Error?.Code, Is.EqualTo(DataRiskCodes.EnumValueInUse), verdict.ToString());
        Assert.That(verdict.Error!.Message, Does.Contain("removes 'GUEST'").And.Contain("1 row of Member"));
        Assert.That(verdict.PrismaDeployed, Is.Not.True, verdict.ToString());
        if (verdict.PrismaDeployed is not null)
        {
            Assert.That(verdict.PrismaOutput, Does.Contain(Failing), verdict.ToString());
        }
    }

    [Test]
    public async Task An_enum_value_no_row_holds_is_removed_and_deploys() =>
        Passes(await CheckAsync(Roles, "INSERT INTO \"Member\" (\"role\") VALUES ('USER'), ('ADMIN');", RemoveGuest));

    // ---- 5. type changes ----

    [Test]
    public async Task A_varchar_shrunk_below_the_longest_value_is_refused()
    {
        var verdict = await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET DATA TYPE VARCHAR(2);\n");
        Refused(verdict, DataRiskCodes.TypeChangeFails, Failing);
    }

    [Test]
    public async Task A_varchar_widened_or_shrunk_above_the_longest_value_deploys()
    {
        Passes(await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET DATA TYPE VARCHAR(200);\n"));
        var verdict = await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" ALTER COLUMN \"name\" SET DATA TYPE VARCHAR(3);\n");
        Passes(verdict);
        Assert.That(verdict.Findings, Is.Empty, "a widened varchar asks nothing and warns of nothing");
    }

    [Test]
    public async Task A_cast_no_server_before_16_can_check_is_cannot_tell_never_refused()
    {
        var verdict = await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" ALTER COLUMN \"bio\" SET DATA TYPE INTEGER USING (\"bio\"::integer);\n");
        await using var connection = new Npgsql.NpgsqlConnection(_server.AdminConnectionString);
        await connection.OpenAsync();
        if (connection.PostgreSqlVersion.Major >= 16)
        {
            Refused(verdict, DataRiskCodes.TypeChangeFails, Failing);
        }
        else
        {
            Assert.That(verdict.Error, Is.Null, verdict.ToString());
            Assert.That(verdict.Findings.Single().Code, Is.EqualTo(DataRiskCodes.CannotTell));
            Assert.That(verdict.Findings.Single().Message, Does.Contain("older than 16"));
        }
    }

    // ---- 6. foreign keys ----

    const string Posts = Users + "CREATE TABLE \"Post\" (\"id\" SERIAL NOT NULL, \"authorId\" INTEGER, CONSTRAINT \"Post_pkey\" PRIMARY KEY (\"id\"));\n";
    const string AddAuthorKey = "ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\") ON DELETE SET NULL ON UPDATE CASCADE;\n";

    [Test]
    public async Task A_foreign_key_over_orphan_rows_is_refused() =>
        Refused(await CheckAsync(Posts, TwoUsers + "INSERT INTO \"Post\" (\"authorId\") VALUES (1), (99), (NULL);", AddAuthorKey), DataRiskCodes.ForeignKeyOverOrphans, "Foreign key constraint failed: Post_authorId_fkey");

    [Test]
    public async Task A_foreign_key_over_clean_references_deploys() =>
        Passes(await CheckAsync(Posts, TwoUsers + "INSERT INTO \"Post\" (\"authorId\") VALUES (1), (2), (NULL);", AddAuthorKey));

    [Test]
    public async Task A_foreign_key_declared_not_valid_asks_nothing() =>
        Assert.That((await CheckAsync(Posts, TwoUsers + "INSERT INTO \"Post\" (\"authorId\") VALUES (99);", AddAuthorKey.Replace(";", " NOT VALID;", StringComparison.Ordinal))).Findings, Is.Empty);

    // ---- 7. CHECK constraints ----

    [Test]
    public async Task A_check_constraint_the_rows_violate_is_refused() =>
        Refused(await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" ADD CONSTRAINT \"User_name_long\" CHECK (char_length(\"name\") > 3);\n"), DataRiskCodes.CheckViolated, Failing);

    [Test]
    public async Task A_check_constraint_the_rows_meet_deploys() =>
        Passes(await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" ADD CONSTRAINT \"User_name_short\" CHECK (char_length(\"name\") <= 3);\n"));

    // ---- 8. backfills in the same push ----

    const string AddOptionalFillRequire = "ALTER TABLE \"User\" ADD COLUMN \"plan\" TEXT;\nUPDATE \"User\" SET \"plan\" = 'free'{0};\nALTER TABLE \"User\" ALTER COLUMN \"plan\" SET NOT NULL;\n";

    [Test]
    public async Task Add_optional_backfill_every_row_then_require_deploys() =>
        Passes(await CheckAsync(Users, TwoUsers, string.Format(System.Globalization.CultureInfo.InvariantCulture, AddOptionalFillRequire, "")));

    [Test]
    public async Task A_backfill_whose_where_leaves_rows_null_is_refused()
    {
        var verdict = await CheckAsync(Users, TwoUsers, string.Format(System.Globalization.CultureInfo.InvariantCulture, AddOptionalFillRequire, " WHERE \"bio\" IS NOT NULL"));
        Assert.That(verdict.Error?.Code, Is.EqualTo(DataRiskCodes.NotNullOverNulls), verdict.ToString());
        Assert.That(verdict.Error!.Message, Does.Contain("1 row of User"));
        Assert.That(verdict.PrismaDeployed, Is.Not.True, verdict.ToString());
    }

    [Test]
    public async Task A_backfill_whose_where_covers_every_row_deploys() =>
        Passes(await CheckAsync(Users, TwoUsers, string.Format(System.Globalization.CultureInfo.InvariantCulture, AddOptionalFillRequire, " WHERE \"name\" IS NOT NULL")));

    [Test]
    public async Task Another_data_change_on_the_table_is_cannot_tell_never_refused()
    {
        var verdict = await CheckAsync(Users, TwoUsers, "ALTER TABLE \"User\" ADD COLUMN \"plan\" TEXT;\nUPDATE \"User\" SET \"plan\" = lower(\"name\");\nALTER TABLE \"User\" ALTER COLUMN \"plan\" SET NOT NULL;\n");
        Assert.That(verdict.Error, Is.Null, verdict.ToString());
        Assert.That(verdict.Findings.Single().Code, Is.EqualTo(DataRiskCodes.CannotTell), verdict.ToString());
        Assert.That(verdict.PrismaDeployed, Is.Not.False, "Prisma deploys it: the fill covers every row");
    }

    // ---- what is not asked, and what cannot be told ----

    [Test]
    public async Task A_question_that_times_out_is_one_warning_never_a_refusal()
    {
        var verdict = await CheckAsync(
            Users,
            TwoUsers + "INSERT INTO \"User\" (\"email\") SELECT 'u' || g FROM generate_series(1, 300000) g;",
            "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n",
            TimeSpan.FromMilliseconds(1));
        Assert.That(verdict.Error, Is.Null, verdict.ToString());
        Assert.That(verdict.Findings.Single().Code, Is.EqualTo(DataRiskCodes.CannotTell), verdict.ToString());
        Assert.That(verdict.Findings.Single().Message, Does.Contain("did not answer within"));
    }

    // ---- Production:DataChecks false: statistics only ----

    static readonly Regex ReadsUsers = new(@"FROM\s+""public""\.""User""|in_the_way", RegexOptions.IgnoreCase);

    /// <summary>Only the catalog's statistics were read: no question, no row of the table.</summary>
    static void ReadStatisticsOnly(Verdict verdict)
    {
        Assert.That(verdict.Sent.Any(l => l.Contains("pg_stats", StringComparison.Ordinal)), Is.True, string.Join('\n', verdict.Sent));
        Assert.That(verdict.Sent.Where(l => ReadsUsers.IsMatch(l)), Is.Empty, "a row of the table was read");
    }

    [Test]
    public async Task Statistics_only_warn_where_production_s_statistics_see_rows_and_never_refuse()
    {
        var verdict = await CheckAsync(Users, TwoUsers + "ANALYZE \"User\";", "ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER NOT NULL;\n", Settings(askRows: false));
        ReadStatisticsOnly(verdict);
        Assert.That(verdict.Error, Is.Null, verdict.ToString());
        var warning = verdict.Findings.Single(f => f.Code == DataRiskCodes.StatisticsOnly);
        Assert.That(warning.Message, Does.Contain("adds the required column \"age\" to User without a default").And.Contain("estimate User at about 2 rows"));
        Assert.That(warning.Severity, Is.EqualTo(Severity.Warning));
        if (verdict.PrismaDeployed is { } deployed)
        {
            Assert.That(deployed, Is.False, "the warning was right: prisma migrate deploy fails on it");
        }
    }

    [Test]
    public async Task Statistics_only_say_nothing_of_a_table_they_see_empty_and_say_so_where_they_know_nothing()
    {
        const string Require = "ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER NOT NULL;\n";
        var empty = await CheckAsync(Users, "ANALYZE \"User\";", Require, Settings(askRows: false));
        ReadStatisticsOnly(empty);
        Assert.That(empty.Findings, Is.Empty, empty.ToString());
        Passes(empty);

        var unanalyzed = await CheckAsync(Users, TwoUsers, Require, Settings(askRows: false));
        ReadStatisticsOnly(unanalyzed);
        Assert.That(unanalyzed.Error, Is.Null, unanalyzed.ToString());
        Assert.That(unanalyzed.Findings.Single().Message, Does.Contain("do not say how many rows User holds (never analyzed)"), unanalyzed.ToString());
    }

    [Test]
    public async Task Statistics_only_name_a_drop_s_estimated_loss_and_a_unique_index_over_repeated_values()
    {
        var rows = "INSERT INTO \"User\" (\"email\", \"bio\") SELECT 'u' || (g % 50), CASE WHEN g % 4 = 0 THEN NULL ELSE 'b' END FROM generate_series(1, 1000) g; ANALYZE \"User\";";
        var verdict = await CheckAsync(Users, rows, "ALTER TABLE \"User\" DROP COLUMN \"bio\";\nCREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\");\n", Settings(askRows: false));
        ReadStatisticsOnly(verdict);
        Assert.That(verdict.Error, Is.Null, verdict.ToString());
        Assert.That(verdict.Findings.Single(f => f.Code == DataRiskCodes.DataLoss).Message, Does.Contain("drops the column User.bio, which holds about 750 values in production (by its statistics)"));
        Assert.That(verdict.Findings.Single(f => f.Code == DataRiskCodes.StatisticsOnly).Message, Does.Contain("estimate about 50 distinct values of \"email\" among about 1,000 rows"));
    }

    // ---- the team's rule settings ----

    [Test]
    public async Task Data_loss_raised_to_an_error_refuses_and_switched_off_by_the_team_is_not_shown()
    {
        const string Drop = "ALTER TABLE \"User\" DROP COLUMN \"bio\";\n";
        var raised = await CheckAsync(Users, TwoUsers, Drop, Settings(raised: [DataRiskCodes.DataLoss]));
        Assert.That(raised.Error?.Code, Is.EqualTo(DataRiskCodes.DataLoss), raised.ToString());
        Assert.That(raised.Error!.Message, Does.Contain("which holds 1 value in production").And.Contain("(an error here: \"Rules\": { \"DH511\": \"error\" })"));
        Assert.That(raised.PrismaDeployed, Is.Not.False, "Prisma deploys it: the refusal is the team's rule, not a failure");

        var off = await CheckAsync(Users, TwoUsers, Drop, Settings(disabled: [DataRiskCodes.DataLoss]));
        Assert.That(off.Findings, Is.Empty, off.ToString());
    }

    // ---- PostgreSQL 16's pg_input_is_valid ----

    [Test]
    public async Task A_cast_is_asked_with_pg_input_is_valid_where_the_server_has_it_and_is_cannot_tell_where_not()
    {
        var production = await _server.CreateDatabaseAsync();
        await PrismaMigrator.ApplyAsync(production.PrismaUrl, [new PrismaMigrator.Migration(First, Encoding.UTF8.GetBytes(Users))]);
        await using var database = await ReadOnlyDatabase.OpenAsync(DatabaseUrl.Parse(production.PrismaUrl));
        var catalog = await database.ReadCatalogAsync(null, CancellationToken.None);
        const string Cast = "ALTER TABLE \"User\" ALTER COLUMN \"bio\" SET DATA TYPE INTEGER USING (\"bio\"::integer);\n";

        var sixteen = DataRiskWalk.Walk(catalog, "public", [(Second, Cast)], inputValidity: true);
        var question = sixteen.Questions.Single();
        Assert.That(question.Kind, Is.EqualTo(DataRiskKind.TypeChange));
        Assert.That(question.Sql, Does.Contain("\"bio\" IS NOT NULL AND NOT pg_input_is_valid(\"bio\"::text, 'INTEGER')"));
        Assert.That(sixteen.Unchecked, Is.Empty);

        var older = DataRiskWalk.Walk(catalog, "public", [(Second, Cast)], inputValidity: false);
        Assert.That(older.Questions, Is.Empty);
        Assert.That(older.Unchecked.Single().Why, Does.Contain("older than 16"));
        // Sent to a server only where it is 16 or newer (A_cast_no_server_before_16_can_check_is_cannot_tell_never_refused).
        TestContext.Out.WriteLine($"this server is PostgreSQL {database.ServerVersion}");
    }

    [Test]
    public void An_ordinary_migration_has_no_risky_statement_so_nothing_is_asked()
    {
        Assert.That(DataRiskWalk.RiskyStatements(Second, Users + "ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER;\nCREATE INDEX \"User_name_idx\" ON \"User\"(\"name\");\n"), Is.Empty);
        Assert.That(DataRiskWalk.RiskyStatements(Second, "ALTER TABLE \"User\" ADD COLUMN \"age\" INTEGER NOT NULL;\n").Single().Line, Is.EqualTo(1));
    }

    static List<string> SessionLines(IEnumerable<string> log, string database)
    {
        var result = new List<string>();
        var inSession = false;
        foreach (var line in log)
        {
            if (Regex.IsMatch(line, @"^\d{4}-\d\d-\d\d "))
            {
                inSession = line.Contains("app=drifthooks ", StringComparison.Ordinal) && line.Contains($"db={database} ", StringComparison.Ordinal);
            }

            if (inSession)
            {
                result.Add(line);
            }
        }

        return result;
    }
}
