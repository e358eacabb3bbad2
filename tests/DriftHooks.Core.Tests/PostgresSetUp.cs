using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.Core.Tests;

/// <summary>Stops the shared test PostgreSQL server once every test has run.</summary>
[SetUpFixture]
public sealed class PostgresSetUp
{
    [OneTimeTearDown]
    public Task StopServerAsync() => PostgresServer.StopSharedAsync();
}
