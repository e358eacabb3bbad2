using DriftHooks.Core.Database;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Database;

/// <summary>Which scripts sync applies in one transaction with their history row, and which it runs as Prisma does.</summary>
[TestFixture]
public class MigrationTransactionTests
{
    [TestCase("CREATE TABLE \"A\" (\"id\" int);\nALTER TABLE \"A\" ADD COLUMN \"b\" text;")]
    [TestCase("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;")]
    [TestCase("DO $$ BEGIN PERFORM 1; END $$;")]
    [TestCase("-- COMMIT;\nINSERT INTO \"A\" VALUES ('BEGIN'); /* ROLLBACK; */")]
    [TestCase("CREATE TABLE \"concurrently\" (\"id\" int);")]
    [TestCase("")]
    public void Plain_scripts_are_wrapped(string script) => Assert.That(MigrationTransaction.CanWrap(script), Is.True);

    [TestCase("BEGIN;\nCREATE TABLE \"A\" (\"id\" int);\nCOMMIT;")]
    [TestCase("start transaction; select 1; end;")]
    [TestCase("CREATE INDEX CONCURRENTLY \"i\" ON \"A\" (\"id\");")]
    [TestCase("DROP INDEX concurrently \"i\";")]
    [TestCase("VACUUM \"A\";")]
    [TestCase("CREATE DATABASE x;")]
    [TestCase("ALTER SYSTEM SET work_mem = '1MB';")]
    [TestCase("CALL backfill();")]
    [TestCase("DO $$ BEGIN UPDATE a SET b = 1; COMMIT; END $$;")]
    [TestCase("SAVEPOINT s; SELECT 1; RELEASE s;")]
    public void Scripts_that_control_transactions_or_refuse_a_transaction_block_run_as_Prisma_runs_them(string script) =>
        Assert.That(MigrationTransaction.CanWrap(script), Is.False);
}
