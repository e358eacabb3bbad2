using DriftHooks.Core.Hooks;
using DriftHooks.Hooks;

// git runs this as "pre-push <remote name> <remote url>" with one line per pushed ref on stdin.
using var stdin = Console.OpenStandardInput();
using var buffer = new MemoryStream();
stdin.CopyTo(buffer);
var input = buffer.ToArray();

return HookHost.Run("pre-push", args, input, (location, options) =>
{
    var pushed = PushedRef.Parse(System.Text.Encoding.UTF8.GetString(input));
    return PrePushCheck.RunAsync(location, options, pushed, HookHost.ReadEnvironment()).GetAwaiter().GetResult();
});
