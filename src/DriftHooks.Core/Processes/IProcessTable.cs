namespace DriftHooks.Core.Processes;

/// <summary>What the hooks need to know of other processes: a parent and a command line. One per OS.</summary>
internal interface IProcessTable
{
    /// <summary>The parent process's id; null when the process is gone or hidden.</summary>
    int? ParentOf(int pid);

    /// <summary>The process's arguments, program first; null when the process is gone or hidden.</summary>
    IReadOnlyList<string>? CommandLineOf(int pid);
}
