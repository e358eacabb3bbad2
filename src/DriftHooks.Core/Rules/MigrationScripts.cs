using DriftHooks.Core.Prisma;
using DriftHooks.Core.Prisma.Ddl;
using DriftHooks.Core.SqlText;

namespace DriftHooks.Core.Rules;

/// <summary>
/// The migration scripts a commit's rules read, by blob id: each read and decoded once however many rules ask (at
/// commit the new migration is checked as text, replayed for DH115 and walked for DH513), and its statements split once.
/// </summary>
internal sealed class MigrationScripts(Func<string, byte[]> readBlob)
{
    private readonly Dictionary<string, SqlScript?> _byBlob = new(StringComparer.Ordinal);

    /// <summary>The script in blob <paramref name="blobId"/>, or null when it is not UTF-8 (Prisma reads it as UTF-8).</summary>
    public SqlScript? Read(string blobId)
    {
        if (!_byBlob.TryGetValue(blobId, out var script))
        {
            script = PrismaText.TryDecode(readBlob(blobId), out var text, out _) ? new SqlScript(text) : null;
            _byBlob[blobId] = script;
        }

        return script;
    }
}
