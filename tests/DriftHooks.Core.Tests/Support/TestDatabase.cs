namespace DriftHooks.Core.Tests.Support;

/// <summary>A fresh database on the test server, reachable as the superuser.</summary>
public sealed record TestDatabase(string Name, string ConnectionString, string PrismaUrl);
