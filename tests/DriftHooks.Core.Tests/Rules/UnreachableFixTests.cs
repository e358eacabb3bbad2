using DriftHooks.Core.Database;
using DriftHooks.Core.Rules;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Rules;

public class UnreachableFixTests
{
    const string Source = "DATABASE_URL in .env";

    [TestCase(ConnectionFailure.Refused, true, "start the PostgreSQL server on 127.0.0.1:5432 (")]
    [TestCase(ConnectionFailure.Refused, false, "make production's server on 127.0.0.1:5432 reachable: nothing answered there (")]
    [TestCase(ConnectionFailure.UnknownHost, true, "correct the host \"db\" of the URL in DATABASE_URL in .env, or join the network or VPN that resolves it")]
    [TestCase(ConnectionFailure.WrongPassword, false, "correct the password of user \"dev\" in the URL in DATABASE_URL in .env")]
    [TestCase(ConnectionFailure.MissingPassword, true, "put the password of user \"dev\" into the URL in DATABASE_URL in .env")]
    [TestCase(ConnectionFailure.TimedOut, false, "make 127.0.0.1:5432 reachable from this machine: it did not answer in time")]
    [TestCase(ConnectionFailure.Other, true, "start the local database server on 127.0.0.1:5432, or correct the URL in DATABASE_URL in .env")]
    [TestCase(ConnectionFailure.Other, false, "make production reachable (VPN, credentials)")]
    public void Each_kind_of_failure_gets_its_own_fix_ending_with_the_command_that_checks_again(ConnectionFailure failure, bool isLocal, string start)
    {
        var fix = UnreachableFix.For(new UnreachableServer("127.0.0.1:5432", "db", "dev", Source, failure), isLocal, "drifthooks status");
        Assert.That(fix, Does.StartWith(start));
        Assert.That(fix, Does.EndWith(", then drifthooks status"));
    }
}
