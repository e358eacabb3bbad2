namespace DriftHooks.Core.Database;

/// <summary>
/// Thrown from Npgsql's password hook when the server asks for a password the URL did not give, instead of
/// letting Npgsql answer with PGPASSWORD or the pgpass file.
/// </summary>
internal sealed class MissingPasswordException() : Exception("The server asked for a password, and the database URL has none.");
