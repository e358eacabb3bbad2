using System.CommandLine;
using DriftHooks.Core.Check;

namespace DriftHooks.Cli.Commands;

/// <summary><c>drifthooks check</c>: the commit rules over a CI range, and the head commit against production.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var baseOption = new Option<string?>("--base")
        {
            Description = "The range's excluded start (default: the merge-base of --head with the default branch: origin/HEAD, else origin/main, main, origin/master, master).",
        };
        var headOption = new Option<string>("--head")
        {
            Description = "The range's last commit.",
            DefaultValueFactory = _ => "HEAD",
        };
        var branchOption = new Option<string?>("--branch")
        {
            Description = "The branch the head commit is, for a detached checkout (default: GITHUB_HEAD_REF, GITHUB_REF_NAME, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME, CI_COMMIT_BRANCH, else HEAD's branch). A migration only its pushed copy holds may be renamed.",
        };
        var format = OutputFormat.Create("text", "json", "github");
        var command = new Command(
            "check",
            "For CI: judge what base..head leaves by the pre-commit rules (the head against the base, so a later commit repairs "
            + "an earlier --no-verify one; each finding names the commit that caused it), the order of migrations commit by commit "
            + "(a merge by what it brings in), and, when a production URL is configured "
            + "(DRIFTHOOKS_PRODUCTION_URL), compare the head commit's migrations with production's history as pre-push does. "
            + "Catches --no-verify commits and pushes made without the hooks. Needs full history (actions/checkout fetch-depth: 0). "
            + "Exit 0 clean, 1 any error, 2 usage or configuration, 3 production unreachable.")
        {
            baseOption,
            headOption,
            branchOption,
            format,
        };
        command.SetAction(parsed =>
        {
            var context = CommandRunner.Context();
            var result = RangeCheck.RunAsync(context, parsed.GetValue(baseOption), parsed.GetValue(headOption)!, CiBranch.Find(parsed.GetValue(branchOption), context.Environment))
                .GetAwaiter().GetResult();
            Console.Write(parsed.GetValue(format) switch
            {
                "json" => RangeCheckRenderer.Json(result),
                "github" => RangeCheckRenderer.GitHub(result),
                _ => RangeCheckRenderer.Text(result, context.Style.OutputColor),
            });
            return result.ExitCode;
        });
        return command;
    }
}
