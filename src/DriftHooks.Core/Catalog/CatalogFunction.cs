namespace DriftHooks.Core.Catalog;

/// <summary>
/// A function or procedure (<c>pg_proc.prokind</c> f or p; aggregates and window functions are not compared),
/// identified by schema, name and <paramref name="Arguments"/> (<c>pg_get_function_identity_arguments</c>, e.g.
/// <c>size integer, alphabet text</c>). <paramref name="Definition"/> is <c>pg_get_functiondef</c>'s
/// <c>CREATE OR REPLACE …</c> text, header and body, and is what is compared.
/// </summary>
internal sealed record CatalogFunction(string Schema, string Name, string Arguments, bool IsProcedure, string Definition);
