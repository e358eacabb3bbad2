namespace DriftHooks.Core.Tests.Support;

/// <summary>A login role created for a test.</summary>
public sealed record TestRole(string Name, string Password);
