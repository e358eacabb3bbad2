namespace DriftHooks.Core; public static class Placeholder { }
