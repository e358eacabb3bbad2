// End-to-end tests drive git hooks, symlinks and native Linux binaries.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
