namespace Velithon.Memory.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_loads() => Assert.NotNull(typeof(IMemorySized).Assembly);
}
