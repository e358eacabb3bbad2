namespace DriftHooks.Core.Prisma.Schema;

/// <summary>One <c>.prisma</c> file; a multi-file schema is several of these.</summary>
internal sealed record SchemaSource(string Path, string Text);
