using DriftHooks.Core.Prisma;

namespace DriftHooks.Core.Git;

/// <summary>Selects the entries that can locate a Prisma project (as a <see cref="FilterSelector"/> of <see cref="PrismaProjectLocator.IsCandidate"/>).</summary>
internal readonly struct CandidateSelector : IEntrySelector
{
    public bool Matches(ReadOnlySpan<byte> path) => PrismaProjectLocator.IsCandidate(path);

    public bool OverlapsDirectory(ReadOnlySpan<byte> directoryWithSlash) => true;
}

/// <summary>Selects the entries under a "prisma" folder (as a <see cref="FilterSelector"/> of <see cref="PrismaProjectLocator.IsLikelyProjectPath"/>).</summary>
internal readonly struct LikelyProjectSelector : IEntrySelector
{
    public bool Matches(ReadOnlySpan<byte> path) => PrismaProjectLocator.IsLikelyProjectPath(path);

    public bool OverlapsDirectory(ReadOnlySpan<byte> directoryWithSlash) => true;
}
