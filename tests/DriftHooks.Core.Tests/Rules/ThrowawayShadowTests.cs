using DriftHooks.Core.Prisma;
using DriftHooks.Core.Rules;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

/// <summary>DH115's printed diff replays into a throwaway database on the shadow server, never into one Prisma would empty.</summary>
[TestFixture]
public class ThrowawayShadowTests
{
    static readonly PrismaProject Project = new("apps/api/schema.prisma", false, "apps/api/migrations");

    static string Append(string diff) => diff + " --script >> apps/api/migrations/2_m/migration.sql";

    [Test]
    public void With_the_shadow_server_s_url_in_a_variable_the_fix_creates_diffs_with_and_drops_a_throwaway_database()
    {
        var fix = new ThrowawayShadow("DRIFTHOOKS__SHADOW__URL", "APP_DB_URL").Around(Project, Append);
        Assert.That(fix, Is.EqualTo(
            "echo 'CREATE DATABASE drifthooks_diff_shadow' | APP_DB_URL=\"$DRIFTHOOKS__SHADOW__URL\" npx prisma db execute --stdin --schema apps/api/schema.prisma, "
            + "then npx prisma migrate diff --from-migrations apps/api/migrations --to-schema-datamodel apps/api/schema.prisma "
            + "--shadow-database-url \"$(u=\"$DRIFTHOOKS__SHADOW__URL\"; b=\"${u%%[?]*}\"; a=\"${b#*://}\"; printf %s \"${b%\"$a\"}${a%%/*}/drifthooks_diff_shadow${u#\"$b\"}\")\" --script >> apps/api/migrations/2_m/migration.sql, "
            + "then echo 'DROP DATABASE drifthooks_diff_shadow' | APP_DB_URL=\"$DRIFTHOOKS__SHADOW__URL\" npx prisma db execute --stdin --schema apps/api/schema.prisma"));
    }

    /// <summary>The printed URL as POSIX sh (dash) and bash expand it: the database replaced, the query kept even where it holds a '/'.</summary>
    [TestCase("postgresql://app:s3cret@db.internal:5432/app?schema=public", "postgresql://app:s3cret@db.internal:5432/drifthooks_diff_shadow?schema=public")]
    [TestCase("postgresql://app@localhost/app?host=/var/run/postgresql", "postgresql://app@localhost/drifthooks_diff_shadow?host=/var/run/postgresql")]
    [TestCase("postgresql://app@localhost/app?host=/tmp/pg&sslmode=disable&options=-c%20search_path%3D/x", "postgresql://app@localhost/drifthooks_diff_shadow?host=/tmp/pg&sslmode=disable&options=-c%20search_path%3D/x")]
    [TestCase("postgres://app@localhost?host=/var/run/postgresql", "postgres://app@localhost/drifthooks_diff_shadow?host=/var/run/postgresql")]
    [TestCase("postgresql://[::1]:5433/app", "postgresql://[::1]:5433/drifthooks_diff_shadow")]
    [TestCase("postgresql://localhost", "postgresql://localhost/drifthooks_diff_shadow")]
    public void The_printed_throwaway_url_replaces_the_database_and_keeps_the_query(string url, string expected)
    {
        foreach (var shell in new[] { "/bin/sh", "bash" })
        {
            var start = new System.Diagnostics.ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("printf '%s' " + ThrowawayShadow.ThrowawayUrl("SHADOW_URL"));
            start.Environment["SHADOW_URL"] = url;
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.That((process.ExitCode, output), Is.EqualTo((0, expected)), shell + ": " + process.StandardError.ReadToEnd());
        }
    }

    [TestCase(null, "DATABASE_URL")]
    [TestCase("DRIFTHOOKS__SHADOW__URL", null)]
    [TestCase("DRIFTHOOKS__SHADOW__URL", "DB-$(reboot)")]
    public void Otherwise_a_placeholder_says_it_must_be_a_throwaway_database(string? urlVariable, string? datasourceVariable)
    {
        var fix = new ThrowawayShadow(urlVariable, datasourceVariable).Around(Project, Append);
        Assert.That(fix, Does.StartWith("npx prisma migrate diff --from-migrations apps/api/migrations --to-schema-datamodel apps/api/schema.prisma --shadow-database-url <throwaway_database_url> --script >> "));
        Assert.That(fix, Does.Contain("(<throwaway_database_url>: an empty database made for this on the shadow server and dropped after, never the development database, which Prisma would empty"));
        Assert.That(fix, Does.Not.Contain("$(reboot)").And.Not.Contain("CREATE DATABASE"));
    }
}
