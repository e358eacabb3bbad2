using DriftHooks.Core.Findings;
using NUnit.Framework;

namespace DriftHooks.Core.Tests;

// Core is used only by the drifthooks executable and the tests, which see its internals: with nothing public, the
// analyzers can tell what is unused, and no type is a promise to anyone outside.
public class CoreSurfaceTests
{
    [Test]
    public void Core_declares_no_public_type() =>
        Assert.That(typeof(Finding).Assembly.GetExportedTypes().Select(type => type.FullName), Is.Empty);
}
