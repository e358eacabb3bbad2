namespace DriftHooks.Core.Tests; public class SmokeTests { [NUnit.Framework.Test] public void Runs() { NUnit.Framework.Assert.That(1, NUnit.Framework.Is.EqualTo(1)); } }
