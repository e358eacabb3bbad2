namespace DriftHooks.Core.Configuration;

/// <summary><c>Production:SchemaCheck</c>: unset (<see cref="Auto"/>), <c>true</c> (<see cref="On"/>) or <c>false</c> (<see cref="Off"/>).</summary>
internal enum SchemaCheckMode
{
    /// <summary>On when a shadow server is at hand; otherwise one line says production's schema was not compared.</summary>
    Auto,

    /// <summary>Required: a missing or unreachable shadow server stops the push.</summary>
    On,

    /// <summary>Switched off.</summary>
    Off,
}
