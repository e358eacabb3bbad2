namespace DriftHooks.Core.Database;

/// <summary>What a failed connection attempt told, where the driver says so: each asks for another fix.</summary>
internal enum ConnectionFailure
{
    /// <summary>Anything else (the message describes it).</summary>
    Other,

    /// <summary>Nothing listens at the host and port: the server is not running there.</summary>
    Refused,

    /// <summary>The host name does not resolve.</summary>
    UnknownHost,

    /// <summary>The server refused the password (SQLSTATE 28P01).</summary>
    WrongPassword,

    /// <summary>The server asked for a password the URL does not have.</summary>
    MissingPassword,

    /// <summary>No answer within the connect timeout.</summary>
    TimedOut,
}
