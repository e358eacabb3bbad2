using DriftHooks.Core.Tests.Support;
using NUnit.Framework;

namespace DriftHooks.EndToEnd.Tests;

/// <summary>Stops the shared test PostgreSQL server once every end-to-end test has run.</summary>
[SetUpFixture]
public sealed class PostgresSetUp
{
    [OneTimeTearDown]
    public Task StopServerAsync() => PostgresServer.StopSharedAsync();
}
