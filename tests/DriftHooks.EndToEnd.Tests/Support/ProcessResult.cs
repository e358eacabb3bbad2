namespace DriftHooks.EndToEnd.Tests.Support;

internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
