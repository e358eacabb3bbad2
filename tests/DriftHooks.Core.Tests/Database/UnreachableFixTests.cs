using DriftHooks.Core.Database;
using NUnit.Framework;

namespace DriftHooks.Core.Tests.Database;

public class UnreachableFixTests
{
    const string Source = "DATABASE_URL in .env";

    [TestCase(nameof(ConnectionFailure.Refused), true, "start the PostgreSQL server on 127.0.0.1:5432 (")]
    [TestCase(nameof(ConnectionFailure.Refused), false, "make production's server on 127.0.0.1:5432 reachable: nothing answered there (")]
    [TestCase(nameof(ConnectionFailure.UnknownHost), true, "correct the host db of the URL in DATABASE_URL in .env, or join the network or VPN that resolves it")]
    [TestCase(nameof(ConnectionFailure.WrongPassword), false, "correct the password of user dev in the URL in DATABASE_URL in .env")]
    [TestCase(nameof(ConnectionFailure.MissingPassword), true, "put the password of user dev into the URL in DATABASE_URL in .env")]
    [TestCase(nameof(ConnectionFailure.TimedOut), false, "make 127.0.0.1:5432 reachable from this machine: it did not answer in time")]
    [TestCase(nameof(ConnectionFailure.Other), true, "start the local database server on 127.0.0.1:5432, or correct the URL in DATABASE_URL in .env")]
    [TestCase(nameof(ConnectionFailure.Other), false, "make production reachable (VPN, credentials)")]
    public void Each_kind_of_failure_gets_its_own_fix_ending_with_the_command_that_checks_again(string failureName, bool isLocal, string start)
    {
        // By name: ConnectionFailure is internal to Core, and NUnit runs only public test methods.
        var failure = Enum.Parse<ConnectionFailure>(failureName);
        var fix = UnreachableFix.For(new UnreachableServer("127.0.0.1:5432", "db", "dev", Source, failure), isLocal, "drifthooks status");
        Assert.That(fix, Does.StartWith(start));
        Assert.That(fix, Does.EndWith(", then drifthooks status"));
    }
}
